import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import {
  INTERPOLATION,
  LINEAR_ALGEBRA,
  moduleCard,
  openModule,
  openModuleBrowser,
  runNewCell,
  saveProgressNow,
  screenshots
} from './jupyterlab';

/**
 * Saved versions: a student brings back an earlier save of a module from
 * the module browser; the open notebook shows it, the work it replaced is
 * kept as a saved version, and auto-saving goes on from the restored work.
 */

const API = `/jupyter-tutor/api/progress/${INTERPOLATION.id}`;

async function savedCells(page: IJupyterLabPageFixture): Promise<string> {
  const response = await page.request.get(API);
  expect(response.ok()).toBe(true);
  return JSON.stringify((await response.json()).notebook_state?.cells ?? []);
}

/** The newest kept state whose cells hold `marker` and not `unless`. */
async function snapshotWith(
  page: IJupyterLabPageFixture,
  marker: string,
  unless: string
): Promise<number | null> {
  const list = await (await page.request.get(`${API}/snapshots`)).json();
  for (const { id } of list.snapshots) {
    const snapshot = await (
      await page.request.get(`${API}/snapshots/${id}`)
    ).json();
    const cells = JSON.stringify(snapshot.notebook_state.cells);
    if (cells.includes(marker) && !cells.includes(unless)) {
      return id;
    }
  }
  return null;
}

test('a saved version comes back into the open notebook, and the work it replaced is kept', async ({
  page
}, testInfo) => {
  const shot = screenshots(page, testInfo);
  await openModule(page, INTERPOLATION);
  await runNewCell(page, 'first_try = 1');
  await saveProgressNow(page);
  await runNewCell(page, 'second_try = 2');
  await expect.poll(() => savedCells(page)).toContain('second_try');

  await openModuleBrowser(page);
  await expect(
    moduleCard(page, LINEAR_ALGEBRA.id).locator('.jp-TutorModuleCard-versions')
  ).toHaveCount(0);
  const earlier = await snapshotWith(page, 'first_try', 'second_try');
  expect(earlier).not.toBeNull();
  await moduleCard(page, INTERPOLATION.id)
    .locator('.jp-TutorModuleCard-versions')
    .click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('Saved versions');
  const items = dialog.locator('.jp-TutorSavedVersions-item');
  await expect(items.first()).toContainText(/Version \d+, saved/);
  await expect(items.first().locator('input')).toBeChecked();
  await items.and(page.locator(`[data-snapshot-id="${earlier}"]`)).click();
  await shot('saved-versions');
  await dialog.getByRole('button', { name: 'Restore' }).click();

  const notebook = page.locator('.jp-NotebookPanel:visible');
  await expect(notebook).not.toContainText('second_try');
  await expect(notebook).toContainText('first_try');
  await expect(page.locator('.jp-Notification-Toast-success')).toContainText(
    'Restored'
  );
  expect(await savedCells(page)).not.toContain('second_try');
  expect(await snapshotWith(page, 'second_try', 'third_try')).not.toBeNull();
  await shot('restored');

  // Auto-saving goes on from the restored work, without a conflict.
  await page.notebook.activate(INTERPOLATION.workingCopy);
  await runNewCell(page, 'third_try = 3');
  await expect.poll(() => savedCells(page)).toContain('third_try');
  expect(await savedCells(page)).toContain('first_try');
  await expect(page.locator('.jp-TutorSaveStatus')).toContainText('Saved at');
});
