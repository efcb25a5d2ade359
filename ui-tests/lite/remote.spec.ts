import { Browser, Page } from '@playwright/test';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import {
  askTutor,
  card,
  expect,
  openModule,
  output,
  runNewCell,
  showModuleBrowser,
  test,
  TUTOR_PANEL
} from './site';

/**
 * Remote mode: the offline site, told by its jupyter-lite.json to use a
 * jupyter-tutor service (`jupyter tutor-server`, started here on localhost),
 * saves the student's progress in the service's database, and a fresh
 * browser profile signed in with the same token gets the work back. The
 * tutor answers over the service's WebSocket, signed in without the token
 * in any URL.
 */

const REPO = path.resolve(__dirname, '..', '..');
const MODULE_ID = 'intro-to-numpy';

let service: ChildProcess;
let serviceUrl: string;
let token: string;
let databaseDir: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

test.beforeAll(async ({ baseURL }) => {
  const port = await freePort();
  serviceUrl = `http://127.0.0.1:${port}/`;
  databaseDir = mkdtempSync(path.join(tmpdir(), 'jupyter-tutor-remote-'));
  const env = {
    ...process.env,
    JUPYTER_TUTOR_DATABASE_URL: `sqlite+aiosqlite:///${databaseDir}/tutor.db`,
    JUPYTER_TUTOR_MODULES_DIR: path.join(REPO, 'notebooks'),
    JUPYTER_TUTOR_ALLOWED_ORIGINS: new URL(baseURL!).origin
  };
  token = execFileSync(
    'python',
    ['-m', 'jupyter_tutor.remote', 'token', 'add', 'lea'],
    { env, encoding: 'utf-8' }
  ).trim();
  service = spawn(
    'python',
    [
      '-m',
      'jupyter_tutor.remote',
      '--ip=127.0.0.1',
      `--port=${port}`,
      '--allow-root'
    ],
    { env, stdio: 'inherit' }
  );
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${serviceUrl}jupyter-tutor/api/config`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60 * 1000 }
    )
    .toBe(403);
});

test.afterAll(async () => {
  if (service && service.exitCode === null) {
    const exited = new Promise(resolve => service.once('exit', resolve));
    service.kill();
    await exited;
  }
  if (databaseDir) {
    rmSync(databaseDir, { recursive: true, force: true });
  }
});

/**
 * A browser profile whose site names the service, signed in by a link that
 * carries the token in its fragment (never sent to the site's host).
 */
async function openSite(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.route('**/jupyter-lite.json', async route => {
    const response = await route.fetch();
    const config = await response.json();
    config['jupyter-config-data'] = {
      ...config['jupyter-config-data'],
      jupyterTutorServerUrl: serviceUrl
    };
    await route.fulfill({ response, json: config });
  });
  const page = await context.newPage();
  await page.goto(`lab/index.html#tutor_token=${token}`);
  await showModuleBrowser(page);
  await expect(page.locator('.jp-TutorModuleCard')).toHaveCount(3, {
    timeout: 120 * 1000
  });
  // The link's token is stored and gone from the address bar.
  expect(page.url()).not.toContain(token);
  return page;
}

test('progress goes to the service and follows the student', async ({
  browser,
  request
}, testInfo) => {
  const first = await openSite(browser);
  await openModule(first, MODULE_ID);
  const cell = await runNewCell(first, 'answer = 41 + 1; print(answer)');
  await expect(output(cell)).toHaveText('42', { timeout: 60 * 1000 });
  await expect(first.locator('.jp-TutorSaveStatus')).toContainText('Saved at', {
    timeout: 60 * 1000
  });

  // In the service's database, under the token's user. The save that
  // carries the new cell may follow an earlier one (on open), so poll.
  const stored = async () => {
    const response = await request.get(
      `${serviceUrl}jupyter-tutor/api/progress/${MODULE_ID}`,
      { headers: { Authorization: `token ${token}` } }
    );
    expect(response.ok()).toBe(true);
    return response.json();
  };
  await expect
    .poll(async () => JSON.stringify((await stored()).notebook_state), {
      timeout: 60 * 1000
    })
    .toContain('answer = 41 + 1');
  expect((await stored()).status).toBe('in_progress');
  await first.context().close();

  // A fresh profile: no browser storage, only the token.
  const second = await openSite(browser);
  await expect(card(second, MODULE_ID)).toContainText('In Progress');
  await openModule(second, MODULE_ID);
  await expect(
    second.locator('.jp-NotebookPanel:visible .jp-Cell').last()
  ).toContainText('answer = 41 + 1');
  await second.screenshot({ path: testInfo.outputPath('restored.png') });
  await second.context().close();
});

test('the tutor answers over the service, the token in no URL', async ({
  browser
}, testInfo) => {
  const page = await openSite(browser);
  const sockets: string[] = [];
  page.on('websocket', socket => sockets.push(socket.url()));
  const requests: string[] = [];
  page.on('request', request => requests.push(request.url()));
  await openModule(page, MODULE_ID);
  const cell = await runNewCell(page, 'print(undefined_name)');
  await expect(output(cell)).toContainText('NameError', { timeout: 60 * 1000 });
  await cell.locator('.jp-TutorAskButton').click();
  await expect(page.locator(TUTOR_PANEL)).toBeVisible();
  await askTutor(page, 'Why does this fail?');
  // The service has no model configured: its offline hint, from the server.
  const answers = page.locator(`${TUTOR_PANEL} .jp-chat-message`);
  await expect(answers.last()).toContainText(/defined|name/i, {
    timeout: 60 * 1000
  });
  await expect(page.locator(`${TUTOR_PANEL} .jp-TutorHintLevel`)).toHaveText(
    /^Hint 1 of \d$/
  );
  await page.screenshot({ path: testInfo.outputPath('remote-tutor.png') });

  const tutorSockets = sockets.filter(url => url.startsWith(serviceUrl.replace(/^http/, 'ws')));
  expect(tutorSockets.length).toBeGreaterThan(0);
  expect(tutorSockets[0]).toContain('jupyter-tutor/api/tutor?module_id=');
  for (const url of [...sockets, ...requests]) {
    expect(url).not.toContain(token);
  }
  await page.context().close();
});
