import { Page } from '@playwright/test';
import {
  card,
  expect,
  openModule,
  openModuleBrowser,
  output,
  runNewCell,
  savedWork,
  showModuleBrowser,
  test
} from './site';
import { notebookToolbarItem } from '../shared/notebookToolbar';
import { showFileBrowser } from '../shared/sidePanel';

/**
 * The module browser and progress in the offline site: modules come from the
 * site's build-time catalog, work is kept in the browser (IndexedDB) and
 * survives a reload, and a compiled package the site lacks is reported to
 * the student in words.
 */

const MODULE = {
  id: 'intro-to-numpy',
  workingCopy: 'learning-modules/module_01_intro_to_numpy.ipynb'
};

function currentTab(page: Page) {
  return page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current');
}

/** Close the working copy and delete it in the file browser. */
async function deleteWorkingCopy(page: Page): Promise<void> {
  await currentTab(page).locator('.lm-TabBar-tabCloseIcon').click();
  await showFileBrowser(page);
  const folder = page.locator('.jp-DirListing-item[title*="learning-modules"]');
  await folder.dblclick();
  const file = page.locator(
    '.jp-DirListing-item[title*="module_01_intro_to_numpy.ipynb"]'
  );
  await file.click({ button: 'right' });
  await page
    .locator('.lm-Menu-item[data-command="filebrowser:delete"]')
    .click();
  await page.locator('.jp-Dialog .jp-mod-accept').click();
  await expect(file).toHaveCount(0);
  await showModuleBrowser(page);
}

test('modules are listed, and progress stays in the browser', async ({
  page
}, testInfo) => {
  await openModuleBrowser(page);
  await expect(page.locator('.jp-TutorModuleCard-title')).toHaveText([
    'Introduction to NumPy',
    'Linear Algebra Basics',
    'Interpolation Methods'
  ]);
  await expect(card(page, MODULE.id)).toContainText('Not Started');

  await openModule(page, MODULE.id);
  await expect(card(page, MODULE.id)).toContainText('In Progress');
  await expect(currentTab(page)).toHaveAttribute(
    'title',
    new RegExp(`Path: ${MODULE.workingCopy}`)
  );

  await test.step('numpy is not in this offline site: the student is told', async () => {
    const numpy = notebookToolbarItem(page, '.jp-TutorPackageProgress');
    await expect(numpy).toHaveAttribute('data-state', 'failed', {
      timeout: 120 * 1000
    });
    await expect(page.locator('.jp-Notification-Toast-warning')).toContainText(
      'numpy is not available in this offline course site'
    );
  });

  const cell = await runNewCell(page, 'answer = 41 + 1; print(answer)');
  await expect(output(cell)).toHaveText('42', { timeout: 60 * 1000 });
  // Running a cell saves the module's progress (the first "Saved at" may be
  // an earlier save, of the notebook as it opened).
  await expect(page.locator('.jp-TutorSaveStatus')).toContainText('Saved at', {
    timeout: 60 * 1000
  });
  await expect
    .poll(() => savedWork(page, MODULE.id), { timeout: 60 * 1000 })
    .toContain('answer = 41 + 1');
  await page.screenshot({ path: testInfo.outputPath('saved.png') });

  await test.step('after a reload, without the working copy', async () => {
    await page.reload();
    await openModuleBrowser(page);
    await expect(card(page, MODULE.id)).toContainText('In Progress');
    // Only the saved progress can bring the work back now.
    await deleteWorkingCopy(page);
    await openModule(page, MODULE.id);
    await expect(
      page.locator('.jp-NotebookPanel:visible .jp-Cell').last()
    ).toContainText('answer = 41 + 1');
    await page.screenshot({ path: testInfo.outputPath('restored.png') });
  });

  await test.step('a saved version comes back from the browser store', async () => {
    const later = await runNewCell(page, 'later = 1; print(later)');
    await expect(output(later)).toHaveText('1', { timeout: 60 * 1000 });
    // Saved, so that the work before it is an earlier version.
    await expect
      .poll(() => savedWork(page, MODULE.id), { timeout: 60 * 1000 })
      .toContain('later = 1');
    await card(page, MODULE.id).locator('.jp-TutorModuleCard-versions').click();
    const dialog = page.locator('.jp-Dialog');
    await expect(
      dialog.locator('.jp-TutorSavedVersions-item').first()
    ).toContainText(/Version \d+, saved/);
    await dialog.getByRole('button', { name: 'Restore' }).click();
    const notebook = page.locator('.jp-NotebookPanel:visible');
    await expect(notebook).not.toContainText('later = 1');
    await expect(notebook.locator('.jp-Cell').last()).toContainText(
      'answer = 41 + 1'
    );
    // Restored in place: the replaced file is kept, but not opened instead.
    await expect(
      page.locator('#jp-main-dock-panel .lm-TabBar-tab', {
        hasText: 'module_01_intro_to_numpy'
      })
    ).toHaveCount(1);
    await expect(currentTab(page)).toHaveAttribute(
      'title',
      new RegExp(`Path: ${MODULE.workingCopy}`)
    );
  });
});
