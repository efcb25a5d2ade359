/**
 * One boot of a JupyterLite site in a fresh Chromium, for benchmarks/lite_boot.py.
 *
 *   node benchmarks/lite_boot.js '<json options>'
 *
 * Options: url (the notebook's page), notebook (its path in the site), byHand
 * (load the packages by hand: the site without jupyter-tutor), packages
 * ([{name, importName}], for byHand), executablePath, args (Chromium flags),
 * idleTimeoutMs, packagesTimeoutMs, playwrightFrom (a node_modules folder that
 * holds playwright), screenshot (a path).
 *
 * Prints one JSON line: {idleMs, packagesMs, packagesState, detail, pageErrors},
 * times in ms from navigation start (performance.timeOrigin), null when the mark
 * was not reached in time.
 */
'use strict';

const path = require('path');
const { createRequire } = require('module');

const options = JSON.parse(process.argv[2]);
// playwright lives in ui-tests/node_modules, not next to this script.
const { chromium } = createRequire(
  path.join(path.resolve(options.playwrightFrom), 'noop.js')
)('playwright');

/**
 * Runs in the page before any of its scripts. It polls the DOM (every 50 ms, the
 * same cost in both sites) and records performance.now() at each mark, so the
 * times do not include the round trips to this Node process.
 */
function watch(config) {
  if (window.top !== window) {
    return;
  }
  const marks = {
    idleMs: null,
    packagesMs: null,
    packagesState: null,
    detail: null
  };
  window.__liteBoot = marks;

  // Like jupyter-tutor's loader for a Pyodide kernel: install with micropip, then
  // import, one package after the other; a failure is recorded, not thrown.
  async function run(kernel, code) {
    let error = null;
    const future = kernel.requestExecute({
      code,
      silent: false,
      store_history: false
    });
    future.onIOPub = message => {
      if (message.header.msg_type === 'error') {
        error = `${message.content.ename}: ${message.content.evalue}`;
      }
    };
    const reply = await future.done;
    if (reply.content.status === 'error') {
      error = error ?? `${reply.content.ename}: ${reply.content.evalue}`;
    }
    return error;
  }

  // The notebook's panel, once the app has opened it.
  function notebookPanel() {
    const app = window.jupyterapp;
    if (!app) {
      return null;
    }
    for (const widget of app.shell.widgets('main')) {
      if (widget.sessionContext && widget.context?.path === config.notebook) {
        return widget;
      }
    }
    return null;
  }

  async function loadByHand(panel) {
    const lines = [];
    let failed = 0;
    try {
      const kernel = panel.sessionContext.session.kernel;
      for (const { name, importName } of config.packages) {
        const error =
          (await run(
            kernel,
            `await __import__('micropip').install(${JSON.stringify(name)})`
          )) ?? (await run(kernel, `import ${importName}`));
        failed += error === null ? 0 : 1;
        lines.push(
          error === null ? `${name}: loaded` : `${name}: failed (${error})`
        );
      }
    } catch (reason) {
      failed += 1;
      lines.push(`by hand: ${reason}`);
    }
    marks.packagesMs = performance.now();
    marks.packagesState = failed > 0 ? 'failed' : 'loaded';
    marks.detail = lines.join('\n');
  }

  const timer = setInterval(() => {
    const now = performance.now();
    if (marks.idleMs === null) {
      // What the status bar shows as "Idle", read before its (deferred) render.
      const panel = notebookPanel();
      if (panel?.sessionContext.kernelDisplayStatus === 'idle') {
        marks.idleMs = now;
        if (config.byHand) {
          void loadByHand(panel);
        }
      }
    }
    if (!config.byHand && marks.packagesMs === null) {
      const progress = document.querySelector(
        '.jp-NotebookPanel .jp-TutorPackageProgress[data-state="loaded"],' +
          '.jp-NotebookPanel .jp-TutorPackageProgress[data-state="failed"]'
      );
      if (progress) {
        marks.packagesMs = now;
        marks.packagesState = progress.dataset.state;
        marks.detail = progress.title;
      }
    }
    if (marks.idleMs !== null && marks.packagesMs !== null) {
      clearInterval(timer);
    }
  }, 50);
}

async function main() {
  // A new browser each run: a fresh profile, with no cached or compiled files.
  const browser = await chromium.launch({
    executablePath: options.executablePath,
    args: options.args,
    headless: true
  });
  const pageErrors = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', error => pageErrors.push(String(error)));
    await page.addInitScript(watch, {
      notebook: options.notebook,
      byHand: options.byHand,
      packages: options.packages
    });
    await page.goto(options.url);
    const marks = () => page.evaluate(() => ({ ...window.__liteBoot }));
    await page
      .waitForFunction(() => window.__liteBoot.idleMs !== null, null, {
        timeout: options.idleTimeoutMs,
        polling: 250
      })
      .catch(() => undefined);
    if ((await marks()).idleMs !== null) {
      await page
        .waitForFunction(() => window.__liteBoot.packagesMs !== null, null, {
          timeout: options.packagesTimeoutMs,
          polling: 250
        })
        .catch(() => undefined);
    }
    const result = await marks();
    if (options.screenshot) {
      await page.screenshot({ path: options.screenshot });
    }
    process.stdout.write(JSON.stringify({ ...result, pageErrors }) + '\n');
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
