import { BrowserContext, Page } from '@playwright/test';
import { HostServer, serveHostPage } from './hostPage';
import {
  expect,
  output,
  runNewCell,
  test,
  typeInNewCell,
  waitForIdleKernel
} from './site';

/**
 * The postMessage bridge: the example host page (lite/host/), on an origin
 * of its own, frames the offline site; the site answers the host's requests
 * and sends it events because the host's origin is on its allowlist, while
 * the same page on another origin gets no answer at all.
 */

const NOTEBOOK = 'course/module_01_intro_to_numpy.ipynb';

// Wide enough that the framed JupyterLab (60 %) keeps its desktop layout.
test.use({ viewport: { width: 1600, height: 900 } });

let host: HostServer;
let foreign: HostServer;

test.beforeAll(async () => {
  host = await serveHostPage();
  foreign = await serveHostPage();
});

test.afterAll(async () => {
  await host?.close();
  await foreign?.close();
});

/** Allow the host's origin, as a site's `settingsOverrides` would. */
async function allowHost(context: BrowserContext): Promise<void> {
  await context.route('**/jupyter-lite.json', async route => {
    const response = await route.fetch();
    const config = await response.json();
    config['jupyter-config-data'] = {
      ...config['jupyter-config-data'],
      settingsOverrides: {
        'jupyter-tutor:bridge': { allowedOrigins: [host.origin] }
      }
    };
    await route.fulfill({ response, json: config });
  });
}

async function openHostPage(
  page: Page,
  origin: string,
  siteUrl: string
): Promise<void> {
  const query = new URLSearchParams({ site: `${siteUrl}/`, path: NOTEBOOK });
  await page.goto(`${origin}/index.html?${query}`);
}

type Answer = { ok: boolean; result?: any; error?: { code: string } };
type HostApi = {
  request: (method: string, params?: unknown) => Promise<unknown>;
  events: { event: string; [key: string]: unknown }[];
  connected: boolean;
};

/** A request sent by the host page through its bridge client. */
function call(page: Page, method: string, params = {}): Promise<Answer> {
  return page.evaluate(
    ([method, params]) =>
      (window as unknown as { tutorHost: HostApi }).tutorHost
        .request(method as string, params)
        .then(
          result => ({ ok: true, result }),
          error => ({ ok: false, error })
        ),
    [method, params]
  );
}

function hostEvents(page: Page): Promise<HostApi['events']> {
  return page.evaluate(
    () => (window as unknown as { tutorHost: HostApi }).tutorHost.events
  );
}

type Notebook = {
  cells: { cell_type?: string; source: string | string[]; metadata?: object }[];
};

function sources(notebook: Notebook) {
  return notebook.cells.map(cell =>
    Array.isArray(cell.source) ? cell.source.join('') : cell.source
  );
}

/** A copy of the notebook with a markdown cell added at the end. */
function withMarkdownCell(notebook: Notebook, source: string): Notebook {
  return {
    ...notebook,
    cells: [...notebook.cells, { cell_type: 'markdown', source, metadata: {} }]
  };
}

test('the allowed host reads and replaces the notebook', async ({
  page,
  context,
  baseURL
}, testInfo) => {
  await allowHost(context);
  await openHostPage(page, host.origin, baseURL!);
  const lab = page.frameLocator('#notebook-frame');
  await waitForIdleKernel(lab);
  await expect(page.locator('#bridge-status')).toHaveText(
    'Connected to the notebook.',
    { timeout: 60 * 1000 }
  );
  // The site told its allowed embedder when it started answering.
  expect(await hostEvents(page)).toContainEqual({
    type: 'jupyter-tutor:event',
    event: 'ready'
  });

  await test.step('a 60/40 split that keeps 300 px per side', async () => {
    const frame = page.locator('#notebook-frame');
    const width = async () => (await frame.boundingBox())!.width;
    expect((await width()) / 1600).toBeCloseTo(0.6, 1);
    const divider = (await page.locator('#divider').boundingBox())!;
    await page.mouse.move(divider.x + 2, divider.y + 100);
    await page.mouse.down();
    await page.mouse.move(50, divider.y + 100, { steps: 5 });
    await page.mouse.up();
    expect(await width()).toBeCloseTo(300, 0);
    await page.locator('#divider').focus();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('ArrowRight');
    }
    expect(await width()).toBeGreaterThan(500);
  });

  await test.step('getCurrentCellCode after typing in a cell', async () => {
    await typeInNewCell(page, 'total = 40 + 2', lab);
    const answer = await call(page, 'getCurrentCellCode');
    expect(answer).toMatchObject({
      ok: true,
      result: { path: NOTEBOOK, code: 'total = 40 + 2' }
    });
    expect(answer.result.cellNumber).toBeGreaterThan(1);
    await page.locator('#refresh').click();
    await expect(page.locator('#cell-code')).toHaveText('total = 40 + 2');
  });

  await test.step('getErrorOutput after a failing cell; cell-executed arrives', async () => {
    const cell = await runNewCell(page, '1 / 0', lab);
    await expect(output(cell)).toContainText('ZeroDivisionError', {
      timeout: 60 * 1000
    });
    await expect
      .poll(() => hostEvents(page))
      .toContainEqual(
        expect.objectContaining({
          type: 'jupyter-tutor:event',
          event: 'cell-executed',
          path: NOTEBOOK,
          success: false
        })
      );
    const answer = await call(page, 'getErrorOutput');
    // Named as Python prints it, though the Pyodide kernel reports
    // "<class 'ZeroDivisionError'>".
    expect(answer).toMatchObject({
      ok: true,
      result: {
        path: NOTEBOOK,
        error: {
          name: 'ZeroDivisionError',
          text: expect.stringMatching(/^ZeroDivisionError: division by zero/)
        }
      }
    });
    // The host refreshed its panel and saved the work on the event.
    await expect(page.locator('#error-output')).toContainText(
      'ZeroDivisionError'
    );
    await expect(page.locator('#save-status')).toContainText(
      'Saved in this browser'
    );
  });

  const state = await test.step('getNotebookState', async () => {
    const answer = await call(page, 'getNotebookState');
    expect(answer).toMatchObject({
      ok: true,
      result: { path: NOTEBOOK, notebook: { nbformat: 4 } }
    });
    expect(sources(answer.result.notebook)).toEqual(
      expect.arrayContaining(['total = 40 + 2', '1 / 0'])
    );
    return answer.result.notebook;
  });

  await test.step('setNotebookState refuses bad input and keeps the notebook', async () => {
    const cells = lab.locator('.jp-NotebookPanel:visible .jp-Cell');
    const count = await cells.count();
    const answer = await call(page, 'setNotebookState', {
      notebook: { ...state, cells: [{ cell_type: 'code' }] }
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' }
    });
    await expect(cells).toHaveCount(count);
  });

  await test.step('setNotebookState replaces the notebook', async () => {
    const replaced = withMarkdownCell(state, 'Restored by the host');
    const answer = await call(page, 'setNotebookState', {
      notebook: replaced,
      path: NOTEBOOK
    });
    expect(answer).toEqual({ ok: true, result: { path: NOTEBOOK } });
    await expect(
      lab.locator('.jp-NotebookPanel:visible .jp-Cell').last()
    ).toContainText('Restored by the host');
    const after = await call(page, 'getNotebookState');
    expect(sources(after.result.notebook)).toEqual(sources(replaced));
    // The replaced notebook is saved to the site's storage.
    await expect
      .poll(() => hostEvents(page))
      .toContainEqual(
        expect.objectContaining({ event: 'notebook-saved', path: NOTEBOOK })
      );
  });

  await test.step('the host restores its saved work when the page opens', async () => {
    const saved = withMarkdownCell(state, 'Kept by the host');
    // Stored from a page of the host's origin without the host page, whose
    // save on leaving could otherwise overwrite it.
    await page.goto(`${host.origin}/stored-earlier`);
    await page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
      key: `jupyter-tutor-host:${baseURL}/:${NOTEBOOK}`,
      value: JSON.stringify({ notebook: saved, savedAt: new Date() })
    });
    await openHostPage(page, host.origin, baseURL!);
    await expect(page.locator('#save-status')).toContainText(
      'Restored your work saved at',
      { timeout: 120 * 1000 }
    );
    await expect(
      lab.locator('.jp-NotebookPanel:visible .jp-Cell').last()
    ).toContainText('Kept by the host');
  });

  await page.screenshot({ path: testInfo.outputPath('host.png') });
});

test('a page on another origin gets no answer', async ({
  page,
  context,
  baseURL
}) => {
  await allowHost(context);
  await openHostPage(page, foreign.origin, baseURL!);
  const lab = page.frameLocator('#notebook-frame');
  // The site has started and opened the notebook: its bridge is listening.
  const cell = await runNewCell(page, '6 * 7', lab);
  await expect(output(cell)).toHaveText('42', { timeout: 60 * 1000 });
  expect(await call(page, 'getNotebookState')).toMatchObject({
    ok: false,
    error: { code: 'no_answer' }
  });
  await expect(page.locator('#bridge-status')).toContainText(
    `No answer from the notebook yet. Is ${foreign.origin} in the site's allowedOrigins?`,
    { timeout: 60 * 1000 }
  );
  // Nor any event: not `ready`, addressed to the allowed origin only, and
  // the cell run above went unreported.
  expect(await hostEvents(page)).toEqual([]);
});
