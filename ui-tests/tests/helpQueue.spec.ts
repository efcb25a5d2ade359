import { expect, test } from '@jupyterlab/galata';
import { PANEL } from './fakeModel';
import {
  dismissNotifications,
  openModule,
  openSidebarTab,
  runNewCell,
  screenshots
} from './jupyterlab';

/**
 * "Ask my instructor": a student asks a human and sees the instructor's
 * answer arrive. The UI test server makes everyone an admin, so the same
 * browser asks in the tutor panel and answers in the help queue.
 */

const TUTOR_TAB = 'jupyter-tutor-panel';
const QUEUE = '#jupyter-tutor-help-queue';

test.describe('Ask my instructor', () => {
  test('a student asks a human and sees the instructor answer arrive', async ({
    page
  }, testInfo) => {
    const shot = screenshots(page, testInfo);
    const code = `help_ui_total = sum(range(${Date.now() % 100000}))`;
    const question = 'Why does **my sum** look wrong?';
    const answer = 'Look at where `range` *stops*: the end is not included.';

    await openModule(page);
    await runNewCell(page, code);
    await dismissNotifications(page);

    await openSidebarTab(page, TUTOR_TAB);
    const help = page.locator(`${PANEL} .jp-TutorHelp`);
    await expect(help.locator('.jp-TutorHelp-privacy')).toBeVisible();
    await expect(help.locator('.jp-TutorHelp-privacy')).toContainText(
      'Your instructor can read your tutor conversations'
    );
    await shot('privacy-notice');

    await help.getByRole('button', { name: 'Ask my instructor' }).click();
    await help
      .getByLabel('Your question to your instructor (Markdown)')
      .fill(question);
    await help.getByRole('button', { name: 'Send to instructor' }).click();
    const mine = help.locator('.jp-TutorHelp-request').first();
    await expect(mine).toHaveAttribute('data-status', 'open');
    await expect(mine.locator('strong')).toHaveText('my sum');
    await expect(mine).toContainText('Waiting for an answer');
    await shot('question-sent');

    // The instructor's side: the queue from the palette, newest first.
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute(
        'jupyter-tutor:open-help-queue'
      )
    );
    const queue = page.locator(QUEUE);
    await expect(queue).toBeVisible();
    const newest = queue.locator('.jp-TutorHelpQueue-request').first();
    await expect(
      newest.locator('.jp-TutorHelp-markdown strong').first()
    ).toHaveText('my sum');
    await newest.getByText('Cell code').click();
    await expect(newest.locator('pre')).toContainText(code);
    await newest.getByLabel('Your answer (Markdown)').fill(answer);
    await newest.getByRole('button', { name: 'Preview' }).click();
    await expect(newest.locator('em')).toHaveText('stops');
    await newest.getByRole('button', { name: 'Send answer' }).click();
    await expect(newest).toHaveAttribute('data-status', 'answered');
    await newest.getByRole('button', { name: 'Mark resolved' }).click();
    await expect(newest).toHaveAttribute('data-status', 'resolved');
    await shot('answered-and-resolved');

    // Back to the student, who looks for new answers (the panel also does
    // when it is shown again, and every 45 s while a request waits).
    await openSidebarTab(page, TUTOR_TAB);
    await help.getByRole('button', { name: 'Refresh' }).click();
    await expect(mine).toHaveAttribute('data-status', 'resolved');
    const shown = mine.locator('.jp-TutorHelp-answer');
    await expect(shown).toContainText('Your instructor answered');
    await expect(shown.locator('code')).toHaveText('range');
    await expect(shown.locator('em')).toHaveText('stops');
    await expect(
      page.getByText('Your instructor answered a question of yours.')
    ).toBeVisible();
    await shot('answer-arrived');
  });
});
