import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import {
  dismissNotifications,
  INTRO_TO_NUMPY,
  openModule,
  reloadRestored,
  runNewCell,
  screenshots,
  waitForIdleKernel,
  waitForPackageCheck
} from './jupyterlab';
import {
  clickNotebookToolbarItem,
  notebookToolbarItem
} from '../shared/notebookToolbar';

/**
 * Package lists: the test server's default browser user (a course admin)
 * edits a module's list in the Packages panel and saves it into the module's
 * source notebook, and the module notebook then checks its kernel has the
 * packages; a learner (a browser with the `tutor_test_user` cookie) sees the
 * list read-only; a plain notebook's list is saved in its own metadata.
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
  await clickNotebookToolbarItem(page, '.jp-TutorPackages-open');
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

    // A package no kernel has, and one in a version the list refuses: they
    // fail quietly, being optional.
    await putList(page, [
      { name: 'sympy', required: false },
      { name: 'numpy', required: true },
      { name: 'notapackage-xyz', required: false },
      { name: 'ipykernel', version: '<1', required: false }
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
    await expect(state('ipykernel')).toHaveAttribute('data-state', 'failed');
    await expect(state('ipykernel')).toHaveAttribute(
      'title',
      /version \S+ is installed, the list asks for <1/
    );
    await expect(state('numpy')).toHaveText(/^loaded \d/);
    await expect(
      notebookToolbarItem(page, '.jp-TutorPackageProgress')
    ).toHaveAttribute('data-state', 'failed');
    await expect(reopened.locator('.jp-TutorPackages-progress')).toContainText(
      'numpy: loaded'
    );
    await shot('loaded');

    // The failures are in the instructors' analytics.
    await reopened.locator('.jp-TutorPackages-analytics summary').click();
    await expect(
      reopened.locator(
        '.jp-TutorPackages-analyticsTable tr[data-package="notapackage-xyz"]'
      )
    ).toContainText('1 of 1');
    await shot('analytics');

    const cell = await runNewCell(page, 'print(1 + 1)');
    await expect((await page.notebook.getCellOutputLocator(cell))!).toHaveText(
      '2'
    );
  } finally {
    await putList(page, original);
  }
});

test('a learner sees the module list read-only and watches it load', async ({
  page,
  baseURL
}, testInfo) => {
  const shot = screenshots(page, testInfo);
  await page
    .context()
    .addCookies([{ name: 'tutor_test_user', value: 'lea', url: baseURL! }]);
  await reloadRestored(page);
  const config = await page.request.get('/jupyter-tutor/api/config');
  expect((await config.json()).role).toBe('learner');

  await openModule(page, INTRO_TO_NUMPY);
  await dismissNotifications(page);
  const panel = await openPackagesPanel(page);
  const stored = await storedList(page);
  const items = panel.locator('.jp-TutorPackages-item');
  await expect
    .poll(() =>
      items.evaluateAll(nodes => nodes.map(node => node.dataset.package))
    )
    .toEqual(stored.map(entry => entry.name));
  const numpy = panel.locator(
    '.jp-TutorPackages-item[data-package="numpy"] .jp-TutorPackages-state'
  );
  await expect(numpy).toHaveAttribute('data-state', 'loaded', {
    timeout: 120 * 1000
  });
  await expect(panel.locator('.jp-TutorPackages-progress')).toContainText(
    'numpy: loaded'
  );
  // Nothing to edit, no analytics; and the server refuses a change anyway.
  for (const editor of [
    '.jp-TutorPackages-search',
    '.jp-TutorPackages-remove',
    '.jp-TutorPackages-save',
    '.jp-TutorPackages-analytics'
  ]) {
    await expect(panel.locator(editor)).toHaveCount(0);
  }
  await expect(panel.locator('.jp-TutorPackages-required')).toBeDisabled();
  await shot('read-only');
  const refused = await page.request.put(LIST_URL, {
    data: { packages: [{ name: 'sympy' }] }
  });
  expect(refused.status()).toBe(403);
  expect(await storedList(page)).toEqual(stored);
});

test("any notebook's list is its own metadata", async ({ page }, testInfo) => {
  const shot = screenshots(page, testInfo);
  const name = 'scratch-packages.ipynb';
  await page.notebook.createNew(name);
  await waitForIdleKernel(page);
  const panel = await openPackagesPanel(page);
  await expect(panel.locator('.jp-TutorPackages-message')).toContainText(
    'declares no packages'
  );
  // No list, no check: a plain notebook's kernel is left alone.
  await expect(page.locator('.jp-TutorPackageProgress:visible')).toHaveCount(0);
  const items = panel.locator('.jp-TutorPackages-item');
  while ((await items.count()) > 0) {
    await items.first().locator('.jp-TutorPackages-remove').click();
  }
  await panel.locator('.jp-TutorPackages-search').fill('numpy');
  await panel
    .locator(
      '.jp-TutorPackages-result[data-package="numpy"] .jp-TutorPackages-add'
    )
    .click();
  await panel.locator('.jp-TutorPackages-save').click();
  await expect(panel.locator('.jp-TutorPackages-notice')).toHaveText('Saved.');
  const path = await page.evaluate(
    () => (window as any).jupyterapp.shell.currentWidget.context.path
  );
  expect(path).toMatch(new RegExp(`${name}$`));
  const saved = await page.request.get(`/api/contents/${path}?content=1`);
  expect((await saved.json()).content.metadata.jupyter_tutor).toEqual({
    packages: [{ name: 'numpy', required: true }]
  });
  await expect(
    panel.locator(
      '.jp-TutorPackages-item[data-package="numpy"] .jp-TutorPackages-state'
    )
  ).toHaveAttribute('data-state', 'loaded', { timeout: 120 * 1000 });
  await shot('own-list');
});
