import { expect, test } from '@playwright/test';
import { showModuleBrowser } from '../shared/moduleBrowser';

/**
 * A student on a real JupyterHub: their server forwards everything to the
 * jupyter-tutor hub service, which alone knows the database and the model.
 */

const FAKE_LLM = `http://127.0.0.1:${process.env.TUTOR_UI_HUB_LLM_PORT ?? '8766'}`;
const MODULE = 'intro-to-numpy';
const MARKER = '# hub ui test: my own work';
const ANSWER = 'Which array has the shape you expected?';
const PANEL = '#jupyter-tutor-panel';

test('log in, open a module, edit, reload: the work is back, and the tutor answers', async ({
  page,
  request
}) => {
  expect((await request.post(`${FAKE_LLM}/_script`, { data: [{ text: ANSWER }] })).ok()).toBe(
    true
  );
  await page.goto('/hub/login');
  await page.locator('#username_input').fill('ui-student');
  await page.locator('#password_input').fill('any password');
  await page.locator('#login_submit').click();
  await page.waitForURL(/\/user\/ui-student\/lab/, { timeout: 240 * 1000 });

  await showModuleBrowser(page, 240 * 1000);
  const card = page.locator(`.jp-TutorModuleCard[data-module-id="${MODULE}"]`);
  await card.locator('.jp-TutorModuleCard-open').click();
  const firstCode = page.locator('.jp-NotebookPanel .jp-CodeCell .cm-content').first();
  await expect(firstCode).toBeVisible({ timeout: 120 * 1000 });
  await firstCode.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(`${MARKER}\n`);
  // Running a cell saves the module's work to the service (and the file).
  await expect(page.locator('#jp-main-statusbar')).toContainText('Idle', {
    timeout: 120 * 1000
  });
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.jp-TutorSaveStatus').first()).toContainText('Saved at', {
    timeout: 120 * 1000
  });

  await page.reload();
  await expect(
    page.locator('.jp-NotebookPanel .jp-CodeCell .cm-content').first()
  ).toContainText(MARKER, { timeout: 120 * 1000 });

  const input = page.locator(PANEL).getByRole('combobox');
  await expect(input).toBeVisible({ timeout: 60 * 1000 });
  await input.fill('What should I look at first?');
  await input.press('Enter');
  await expect(page.locator(`${PANEL} .jp-chat-message`).filter({ hasText: ANSWER })).toBeVisible(
    { timeout: 120 * 1000 }
  );
});
