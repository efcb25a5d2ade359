import { Browser, BrowserContext, expect, Page, test } from '@playwright/test';
import { notFoundLog, showModuleBrowser } from '../shared/moduleBrowser';
import {
  INTRO_TO_NUMPY,
  LINEAR_ALGEBRA,
  waitForRestored,
  WORKING_COPY_DIR
} from './jupyterlab';

/**
 * The README's demo as a new student meets it (demo_server_config.py: a
 * personal JupyterLab with jupyter-server's token login, started fresh for
 * the run): the first screen, the first module opened, and a second browser
 * that is the same student. The tests share that server's one student and
 * run in order: the first one sees a course nobody has started.
 */

const DEMO = `http://localhost:${process.env.TUTOR_UI_DEMO_PORT ?? '8889'}`;
const TOKEN = process.env.TUTOR_UI_DEMO_TOKEN ?? 'demo-ui-token';
const MARK_COMPLETED = 'jupyter-tutor:mark-completed';

test.use({ baseURL: DEMO });

/**
 * A new browser: no cookies, signed in with the link `jupyter lab` prints
 * (the server's token), so jupyter-server makes it a new anonymous user.
 */
async function newBrowser(
  browser: Browser
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: DEMO,
    viewport: { width: 1280, height: 800 }
  });
  const page = await context.newPage();
  await page.goto(`/lab?token=${TOKEN}`);
  await waitForRestored(page);
  return { context, page };
}

function card(page: Page, id: string) {
  return page.locator(`.jp-TutorModuleCard[data-module-id="${id}"]`);
}

async function commandOffered(page: Page, id: string): Promise<boolean> {
  return page.evaluate(
    ([command, module]) => {
      const commands = (window as any).jupyterapp.commands;
      return (
        commands.isVisible(command, { id: module }) &&
        commands.isEnabled(command, { id: module })
      );
    },
    [MARK_COMPLETED, id]
  );
}

/** Close JupyterLab's own notifications (news), which cover the sidebar's foot. */
async function dismissNotifications(page: Page): Promise<void> {
  for (const close of await page
    .locator('.jp-Notification-Toast-Close')
    .all()) {
    await close.dispatchEvent('click');
  }
}

/** Add a code cell at the end of the current notebook; it becomes the active cell. */
async function addCellAtEnd(page: Page, code: string): Promise<void> {
  await page.evaluate(async source => {
    const app = (window as any).jupyterapp;
    const notebook = app.shell.currentWidget.content;
    notebook.activeCellIndex = notebook.widgets.length - 1;
    await app.commands.execute('notebook:insert-cell-below');
    notebook.activeCell.model.sharedModel.setSource(source);
  }, code);
}

async function openFromCard(page: Page, id: string, workingCopy: string) {
  await card(page, id).locator('.jp-TutorModuleCard-open').click();
  await expect(
    page.locator('#jp-main-dock-panel .lm-TabBar-tab', { hasText: workingCopy })
  ).toBeVisible();
  await expect(page.locator('#jp-main-statusbar')).toContainText('Idle', {
    timeout: 120 * 1000
  });
}

test('the first screen is the module browser, with where to start', async ({
  browser
}, testInfo) => {
  const { context, page } = await newBrowser(browser);
  // Shown by itself, without a click on its tab.
  const modules = page.locator('.jp-TutorModuleBrowser');
  await expect(modules).toBeVisible();
  await expect(page.locator('.jp-TutorModuleBrowser-startHere')).toContainText(
    'Start here'
  );
  await expect(modules.locator('.jp-TutorModuleCard')).toHaveCount(3);
  await expect(
    page.locator('.jp-SideBar [data-id="jupyter-tutor-module-browser"]')
  ).toContainText('Course');
  // Nothing is started, so nothing can be marked completed, on a card or as
  // a command.
  await expect(modules.locator('.jp-TutorModuleCard-complete')).toHaveCount(0);
  expect(await commandOffered(page, INTRO_TO_NUMPY.id)).toBe(false);
  await testInfo.attach('first-screen', {
    body: await page.screenshot(),
    contentType: 'image/png'
  });
  await context.close();
});

test('opening a module brings the tutor beside it, with no 404s', async ({
  browser
}, testInfo) => {
  const { context, page } = await newBrowser(browser);
  await showModuleBrowser(page);
  const notFound = notFoundLog(page);
  await openFromCard(page, INTRO_TO_NUMPY.id, INTRO_TO_NUMPY.workingCopy);

  const tutor = page.locator('#jupyter-tutor-panel');
  await expect(tutor).toBeVisible();
  expect((await tutor.boundingBox())!.width).toBeGreaterThanOrEqual(360);
  // An error, then Shift+Enter moves on to a new empty cell: the chip names
  // the cell of the error, in full.
  await addCellAtEnd(page, 'print(undefined_name)');
  // What Shift+Enter runs.
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute(
      'notebook:run-cell-and-select-next'
    )
  );
  const chip = tutor.locator('.jp-TutorContextChip-label');
  await expect(chip).toContainText('NameError (current cell empty)');
  await dismissNotifications(page);
  expect(
    await chip.evaluate(label => label.scrollWidth <= label.clientWidth)
  ).toBe(true);
  await testInfo.attach('first-module', {
    body: await page.screenshot(),
    contentType: 'image/png'
  });

  expect(notFound).toEqual([]);
  // Opened: now it can be completed.
  await expect(
    card(page, INTRO_TO_NUMPY.id).locator('.jp-TutorModuleCard-complete')
  ).toBeVisible();
  expect(await commandOffered(page, INTRO_TO_NUMPY.id)).toBe(true);
  await context.close();
});

test('a second browser is the same student, with the same saved work', async ({
  browser,
  request
}) => {
  const code = `second_browser_sees_this = ${Date.now() % 1000}`;
  const first = await newBrowser(browser);
  await showModuleBrowser(first.page);
  await openFromCard(first.page, LINEAR_ALGEBRA.id, LINEAR_ALGEBRA.workingCopy);
  await addCellAtEnd(first.page, code);
  await first.page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('jupyter-tutor:save-progress')
  );
  // Saved for the student (the toolbar's status may sit in its overflow menu).
  await expect
    .poll(async () => {
      const response = await request.get(
        `${DEMO}/jupyter-tutor/api/progress/${LINEAR_ALGEBRA.id}`,
        { headers: { Authorization: `token ${TOKEN}` } }
      );
      return JSON.stringify((await response.json()).notebook_state);
    })
    .toContain(code);
  await first.context.close();
  // Without the file, only the saved progress can bring the work back.
  const removed = await request.delete(
    `${DEMO}/api/contents/${WORKING_COPY_DIR}/${LINEAR_ALGEBRA.workingCopy}`,
    { headers: { Authorization: `token ${TOKEN}` } }
  );
  expect(removed.status()).toBe(204);

  const second = await newBrowser(browser);
  await showModuleBrowser(second.page);
  await expect(card(second.page, LINEAR_ALGEBRA.id)).toContainText(
    'In Progress'
  );
  await openFromCard(
    second.page,
    LINEAR_ALGEBRA.id,
    LINEAR_ALGEBRA.workingCopy
  );
  await expect(second.page.locator('.jp-NotebookPanel:visible')).toContainText(
    code
  );
  await second.context.close();
});
