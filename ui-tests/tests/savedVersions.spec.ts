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

async function saved(
  page: IJupyterLabPageFixture
): Promise<{ version: number; notebook_state: { cells: unknown[] } | null }> {
  const response = await page.request.get(API);
  expect(response.ok()).toBe(true);
  return response.json();
}

async function savedCells(page: IJupyterLabPageFixture): Promise<string> {
  return JSON.stringify((await saved(page)).notebook_state?.cells ?? []);
}

/** The run count of the saved cell whose source holds `marker`. */
async function savedRunCount(
  page: IJupyterLabPageFixture,
  marker: string
): Promise<number | null> {
  const cells = ((await saved(page)).notebook_state?.cells ?? []) as {
    source: string | string[];
    execution_count?: number | null;
  }[];
  const cell = cells.find(one => [one.source].flat().join('').includes(marker));
  return cell?.execution_count ?? null;
}

async function openSavedVersions(page: IJupyterLabPageFixture) {
  await openModuleBrowser(page);
  await moduleCard(page, INTERPOLATION.id)
    .locator('.jp-TutorModuleCard-versions')
    .click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('Saved versions');
  return dialog;
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
  const dialog = await openSavedVersions(page);
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

test('a saved version with the same cells is restored, and saving goes on', async ({
  page
}) => {
  await openModule(page, INTERPOLATION);
  const cell = await runNewCell(page, 'same_cells = 1');
  await saveProgressNow(page);
  const firstRun = await savedRunCount(page, 'same_cells');
  expect(firstRun).not.toBeNull();
  // Run it again: a new save whose cells differ only in their run count. The
  // first run's own save may still come before it, so the rerun's save is the
  // one that holds the new count.
  expect(await page.notebook.runCell(cell, { inplace: true })).toBe(true);
  await expect
    .poll(() => savedRunCount(page, 'same_cells'))
    .toBeGreaterThan(firstRun!);
  const rerun = (await saved(page)).version;

  const dialog = await openSavedVersions(page);
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(page.locator('.jp-Notification-Toast-success')).toContainText(
    'Restored'
  );
  await expect.poll(async () => (await saved(page)).version).toBe(rerun + 1);

  // The open notebook continues from the restored version, without a conflict.
  await page.notebook.activate(INTERPOLATION.workingCopy);
  await runNewCell(page, 'after_restore = 1');
  await expect.poll(() => savedCells(page)).toContain('after_restore');
  await expect(page.locator('.jp-TutorSaveStatus')).toHaveAttribute(
    'data-state',
    'saved'
  );
});
