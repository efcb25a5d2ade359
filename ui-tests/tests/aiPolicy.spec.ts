import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import {
  chatRequests,
  message,
  PANEL,
  resetFake,
  typeQuestion
} from './fakeModel';
import { INTRO_TO_NUMPY, openModule, openSidebarTab, screenshots } from './jupyterlab';

/**
 * The AI policy: an instructor (the UI tests' user is an admin) switches the
 * tutor off for a module with "Set AI Policy…", the tutor panel says so and
 * the tutor does not answer (the model is not asked); cleared, it answers.
 */

const EDITOR = '#jupyter-tutor-policy-editor';
const BANNER = `${PANEL} .jp-TutorPolicyBanner`;
const POLICY_URL = `/jupyter-tutor/api/instructor/modules/${INTRO_TO_NUMPY.id}/policy`;

async function openPolicyEditor(page: IJupyterLabPageFixture): Promise<void> {
  await page.keyboard.press('Control+Shift+C');
  const palette = page.locator('#command-palette');
  await palette.locator('input').fill('Set AI Policy');
  await palette.locator('.lm-CommandPalette-item', { hasText: 'Set AI Policy…' }).click();
  await expect(page.locator(EDITOR)).toBeVisible();
  await expect(page.locator(EDITOR)).toContainText(INTRO_TO_NUMPY.id);
}

/** A local time `minutes` from now in UTC, as a `datetime-local` input takes it. */
function utcMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60 * 1000).toISOString().slice(0, 16);
}

/** Put the module's policy back as the course has it, whatever a test left. */
test.afterEach(async ({ page }) => {
  const cleared = await page.request.put(POLICY_URL, { data: { policy: null } });
  expect(cleared.ok()).toBe(true);
});

test('an instructor switches the tutor off for a module, and on again', async ({
  page,
  request
}, testInfo) => {
  const shot = screenshots(page, testInfo);
  const answer = 'Which shape does the array have before you reshape it?';
  await resetFake(request, [{ text: answer }]);

  await openModule(page);
  await openSidebarTab(page, 'jupyter-tutor-panel');
  await expect(page.locator(`${PANEL} .jp-TutorHeader-title`)).toHaveText(
    INTRO_TO_NUMPY.title
  );
  await expect(page.locator(BANNER)).toBeHidden();

  await openPolicyEditor(page);
  const editor = page.locator(EDITOR);
  await shot('editor');

  // The server's validation is shown as it says it.
  await editor.locator('select[name="mode"]').selectOption('off');
  await editor.locator('input[name="has_window"]').check();
  await editor.locator('input[name="window_from"]').fill('2026-12-10T11:00');
  await editor.locator('input[name="window_until"]').fill('2026-12-10T09:00');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('alert')).toContainText('until');
  await shot('refused');

  // An exam from an hour ago to an hour from now.
  await editor.locator('input[name="window_from"]').fill(utcMinutes(-60));
  await editor.locator('input[name="window_until"]').fill(utcMinutes(60));
  await editor.locator('input[name="window_timezone"]').fill('UTC');
  await editor.locator('input[name="window_reason"]').fill('exam');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved.');
  const offText = /^Tutor off until .+ \(exam\) — set by your instructor$/;
  await expect(editor.locator('.jp-TutorPolicyEditor-inForce')).toHaveText(
    /^In force now: Tutor off until .+ \(exam\)/
  );

  // The panel beside it follows at once.
  await expect(page.locator(BANNER)).toHaveText(offText);
  await page.notebook.activate(INTRO_TO_NUMPY.workingCopy);
  await typeQuestion(page, 'How do I reshape an array?');
  const off = message(page, 'switched off');
  await expect(off).toContainText('by your instructor');
  await expect(off.locator('.jp-TutorError')).toBeVisible();
  await expect(off.locator('.jp-TutorRetry')).toHaveCount(0);
  expect(await chatRequests(request)).toEqual([]);
  await shot('tutor-off');

  await page.locator(`.lm-TabBar-tab[data-id="jupyter-tutor-policy-editor"]`).click();
  await editor.getByRole('button', { name: 'Clear' }).click();
  await expect(editor.getByRole('status')).toHaveText(
    'Cleared: the course notebook applies.'
  );
  await expect(page.locator(BANNER)).toBeHidden();

  await page.notebook.activate(INTRO_TO_NUMPY.workingCopy);
  await typeQuestion(page, 'And how do I reshape it now?');
  await expect(message(page, answer)).toContainText(answer);
  expect(await chatRequests(request)).toHaveLength(1);
  await shot('tutor-on');
});

test('the banner follows when the window ends', async ({ page }, testInfo) => {
  const shot = screenshots(page, testInfo);
  await openModule(page);
  await openSidebarTab(page, 'jupyter-tutor-panel');
  await openPolicyEditor(page);
  const editor = page.locator(EDITOR);

  // A window ending at the next whole minute at least 20 s away
  // (`datetime-local` has minutes); full help after it.
  const end = new Date(Math.ceil((Date.now() + 20 * 1000) / 60000) * 60000);
  await editor.locator('select[name="mode"]').selectOption('full');
  await editor.locator('input[name="has_window"]').check();
  await editor.locator('input[name="window_from"]').fill(utcMinutes(-60));
  await editor
    .locator('input[name="window_until"]')
    .fill(end.toISOString().slice(0, 16));
  await editor.locator('input[name="window_timezone"]').fill('UTC');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved.');
  await expect(page.locator(BANNER)).toHaveText(/^Tutor off until /);
  await shot('window');

  // The panel reads the policy again at its next change, by itself.
  await expect(page.locator(BANNER)).toHaveText(
    'Tutor: full help — set by your instructor',
    { timeout: 100 * 1000 }
  );
  expect(Date.now()).toBeGreaterThanOrEqual(end.getTime());
  await shot('window-ended');
});
