import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import {
  dismissNotifications,
  INTRO_TO_NUMPY,
  openModule,
  reloadRestored,
  runNewCell,
  screenshots,
  waitForPackageCheck
} from './jupyterlab';

/**
 * A module's package list: the test server's user (a personal server, so an
 * admin) edits it in the Packages panel and saves it into the module's source
 * notebook; the module notebook then checks its kernel has the packages.
 *
 * The list is put back as it was at the end, so reruns start alike.
 */

type PackageRequest = { name: string; version?: string; required: boolean };

const LIST_URL = `/jupyter-tutor/api/modules/${INTRO_TO_NUMPY.id}/packages`;

async function storedList(
  page: IJupyterLabPageFixture
): Promise<PackageRequest[]> {
  const response = await page.request.get(LIST_URL);
  expect(response.ok()).toBe(true);
  return (await response.json()).packages;
}

async function putList(
  page: IJupyterLabPageFixture,
  packages: PackageRequest[]
): Promise<void> {
  const response = await page.request.put(LIST_URL, { data: { packages } });
  expect(response.ok()).toBe(true);
}

async function openPackagesPanel(page: IJupyterLabPageFixture) {
  await page
    .locator('.jp-NotebookPanel:visible .jp-TutorPackages-open')
    .click();
  const panel = page.locator('#jupyter-tutor-packages');
  await expect(panel).toBeVisible();
  return panel;
}

test('an instructor edits a module package list, and the kernel loads it', async ({
  page
}, testInfo) => {
  const shot = screenshots(page, testInfo);
  const original = await storedList(page);
  try {
    await openModule(page, INTRO_TO_NUMPY);
    await waitForPackageCheck(page);
    await dismissNotifications(page);
    const panel = await openPackagesPanel(page);
    const items = panel.locator('.jp-TutorPackages-item');
    await expect(items).toHaveCount(original.length);
    while ((await items.count()) > 0) {
      await items.first().locator('.jp-TutorPackages-remove').click();
    }

    for (const name of ['numpy', 'sympy']) {
      await panel.locator('.jp-TutorPackages-search').fill(name);
      const result = panel.locator(
        `.jp-TutorPackages-result[data-package="${name}"]`
      );
      await expect(result).toBeVisible();
      await result.locator('.jp-TutorPackages-add').click();
    }
    await shot('catalog-search');
    const sympy = panel.locator('.jp-TutorPackages-item[data-package="sympy"]');
    await sympy.locator('.jp-TutorPackages-required').uncheck();
    await sympy.locator('.jp-TutorPackages-up').click();
    await expect
      .poll(() =>
        items.evaluateAll(nodes => nodes.map(node => node.dataset.package))
      )
      .toEqual(['sympy', 'numpy']);
    await panel.locator('.jp-TutorPackages-save').click();
    await expect(panel.locator('.jp-TutorPackages-notice')).toHaveText(
      'Saved.'
    );
    await shot('saved-list');
    expect(await storedList(page)).toEqual([
      { name: 'sympy', required: false },
      { name: 'numpy', required: true }
    ]);

    // A package no kernel has: it fails quietly, being optional.
    await putList(page, [
      { name: 'sympy', required: false },
      { name: 'numpy', required: true },
      { name: 'notapackage-xyz', required: false }
    ]);
    await reloadRestored(page);
    await page.notebook.activate(INTRO_TO_NUMPY.workingCopy);
    // The layout restorer reopens the panel with the notebook.
    const reopened = page.locator('#jupyter-tutor-packages');
    await expect(reopened).toBeVisible();
    const state = (name: string) =>
      reopened.locator(
        `.jp-TutorPackages-item[data-package="${name}"] .jp-TutorPackages-state`
      );
    await expect(state('numpy')).toHaveAttribute('data-state', 'loaded', {
      timeout: 120 * 1000
    });
    await expect(state('notapackage-xyz')).toHaveAttribute(
      'data-state',
      'failed'
    );
    await expect(state('notapackage-xyz')).toHaveAttribute(
      'title',
      /notapackage_xyz/
    );
    await expect(
      page.locator('.jp-TutorPackageProgress').first()
    ).toHaveAttribute('data-state', 'failed');
    await expect(reopened.locator('.jp-TutorPackages-progress')).toContainText(
      'numpy: loaded'
    );
    await shot('loaded');

    const cell = await runNewCell(page, 'print(1 + 1)');
    await expect((await page.notebook.getCellOutputLocator(cell))!).toHaveText(
      '2'
    );
  } finally {
    await putList(page, original);
  }
});
