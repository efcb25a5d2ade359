import {
  askTutor as ask,
  expect,
  openModule,
  openModuleBrowser,
  output,
  runNewCell,
  test,
  TUTOR_PANEL as PANEL
} from './site';

/**
 * The tutor in the offline site, with no server: offline hints in the
 * browser, graduated like the server's, and the conversation kept across a
 * reload.
 */

test('offline hints, a level up on the same problem, kept after a reload', async ({
  page
}, testInfo) => {
  await openModuleBrowser(page);
  await openModule(page, 'linear-algebra-basics');
  const cell = await runNewCell(page, 'print(undefined_name)');
  await expect(output(cell)).toContainText('NameError', { timeout: 60 * 1000 });
  await cell.locator('.jp-TutorAskButton').click();
  await expect(page.locator(PANEL)).toBeVisible();
  await expect(
    page.locator(`${PANEL} .jp-TutorContextChip-label`)
  ).toContainText('NameError');

  await ask(page, 'Why does this fail?');
  const answers = page.locator(`${PANEL} .jp-chat-message`);
  await expect(page.locator(`${PANEL} .jp-TutorHintLevel`)).toHaveText(
    /^Hint 1 of \d$/
  );
  await expect(answers.last()).toContainText(/defined|name/i);
  await page.locator(`${PANEL} .jp-TutorMoreHelp`).click();
  await expect(page.locator(`${PANEL} .jp-TutorHintLevel`)).toHaveText(
    /^Hint 2 of \d$/
  );
  const count = await answers.count();
  await page.screenshot({ path: testInfo.outputPath('hints.png') });

  await page.reload();
  // The layout restorer reopens the module and the panel beside it.
  await expect(page.locator(PANEL)).toBeVisible({ timeout: 120 * 1000 });
  await expect(answers).toHaveCount(count);
  await expect(answers.first()).toContainText('Why does this fail?');
});
