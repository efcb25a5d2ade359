import { notFoundLog } from '../shared/moduleBrowser';
import { card, expect, openModule, test } from './site';

/**
 * A new student in the course site (a browser with nothing stored yet):
 * the first screen is the module browser, and opening the first module
 * brings the tutor beside it and asks for nothing the site lacks.
 */

const MODULE_ID = 'interpolation-methods';

test('the first screen is the module browser, and the first module opens cleanly', async ({
  page
}, testInfo) => {
  await page.goto('lab/index.html');
  // Shown by itself, without a click on its tab.
  const modules = page.locator('.jp-TutorModuleBrowser');
  await expect(modules).toBeVisible({ timeout: 120 * 1000 });
  await expect(page.locator('.jp-TutorModuleBrowser-startHere')).toContainText(
    'Start here'
  );
  await expect(modules.locator('.jp-TutorModuleCard')).toHaveCount(3);
  await expect(modules.locator('.jp-TutorModuleCard-complete')).toHaveCount(0);
  await testInfo.attach('first-screen', {
    body: await page.screenshot(),
    contentType: 'image/png'
  });

  const notFound = notFoundLog(page);
  await openModule(page, MODULE_ID);
  const tutor = page.locator('#jupyter-tutor-panel');
  await expect(tutor).toBeVisible();
  expect((await tutor.boundingBox())!.width).toBeGreaterThanOrEqual(360);
  await expect(
    card(page, MODULE_ID).locator('.jp-TutorModuleCard-complete')
  ).toBeVisible();
  await expect(modules.locator('.jp-TutorModuleBrowser-startHere')).toHaveCount(
    0
  );
  await testInfo.attach('first-module', {
    body: await page.screenshot(),
    contentType: 'image/png'
  });
  expect(notFound).toEqual([]);
});
