import { expect, test } from '@jupyterlab/galata';
import {
  INTRO_TO_NUMPY,
  LINEAR_ALGEBRA,
  moduleCard,
  openModule,
  openModuleBrowser,
  reloadRestored,
  runNewCell,
  saveProgressNow,
  screenshots,
  WORKING_COPY_DIR
} from './jupyterlab';

/**
 * The module browser and saved progress: three modules with badges, a module
 * notebook that runs numpy, an edit that survives a reload, Mark completed, and
 * work restored from the server when the working copy is gone.
 *
 * Each test's browser is a new anonymous student, so badges start grey.
 */

test.describe('Learning modules', () => {
  test('the module browser lists the three modules, not started', async ({
    page
  }, testInfo) => {
    const shot = screenshots(page, testInfo);
    await openModuleBrowser(page);
    const cards = page.locator('.jp-TutorModuleCard');
    await expect(cards).toHaveCount(3);
    await expect(cards.locator('.jp-TutorModuleCard-title')).toHaveText([
      'Introduction to NumPy',
      'Linear Algebra Basics',
      'Interpolation Methods'
    ]);
    for (const badge of await cards
      .locator('.jp-TutorModuleCard-badge')
      .all()) {
      await expect(badge).toHaveText('Not Started');
      await expect(badge).toHaveAttribute('data-status', 'not_started');
    }
    await shot('module-browser');
  });

  test('a module opens its notebook, runs numpy, keeps edits over a reload and can be completed', async ({
    page
  }, testInfo) => {
    const shot = screenshots(page, testInfo);
    await openModule(page, INTRO_TO_NUMPY);
    await expect(
      page.locator('.jp-NotebookPanel:visible .jp-MarkdownOutput').first()
    ).toContainText('Introduction to NumPy');
    await shot('module-notebook');

    const versionCell = await runNewCell(
      page,
      'import numpy as np; print(np.__version__)'
    );
    const output = (await page.notebook.getCellOutputLocator(versionCell))!;
    await expect(output).toHaveText(/^\d+\.\d+(\.\d+)?/);
    await shot('numpy-version');

    // Running a cell saves the work (debounced); save now to know when it is done.
    const marker = '# my edit 12345';
    await runNewCell(page, marker);
    await saveProgressNow(page);
    await shot('saved');

    await reloadRestored(page);
    await page.notebook.activate(INTRO_TO_NUMPY.workingCopy);
    await expect(page.locator('.jp-NotebookPanel:visible')).toContainText(
      marker
    );
    await openModuleBrowser(page);
    const badge = moduleCard(page, INTRO_TO_NUMPY.id).locator(
      '.jp-TutorModuleCard-badge'
    );
    await expect(badge).toHaveText('In Progress');
    await expect(badge).toHaveAttribute('data-status', 'in_progress');
    await shot('after-reload-in-progress');

    await moduleCard(page, INTRO_TO_NUMPY.id)
      .locator('.jp-TutorModuleCard-complete')
      .click();
    await expect(badge).toHaveText('Completed');
    await expect(badge).toHaveAttribute('data-status', 'completed');
    await expect(
      moduleCard(page, INTRO_TO_NUMPY.id).locator(
        '.jp-TutorModuleCard-complete'
      )
    ).toHaveCount(0);
    await shot('completed');
  });

  test('work saved on the server comes back when the working copy is gone', async ({
    page
  }, testInfo) => {
    const shot = screenshots(page, testInfo);
    const path = `${WORKING_COPY_DIR}/${LINEAR_ALGEBRA.workingCopy}`;
    await openModule(page, LINEAR_ALGEBRA);
    const marker = '# work from another machine 67890';
    await runNewCell(page, marker);
    await saveProgressNow(page);

    // As on a new machine: no working copy, only what the server saved.
    await page.activity.closeAll();
    expect(await page.contents.deleteFile(path)).toBe(true);
    expect(await page.contents.fileExists(path)).toBe(false);

    await openModuleBrowser(page);
    await moduleCard(page, LINEAR_ALGEBRA.id)
      .locator('.jp-TutorModuleCard-open')
      .click();
    await expect(
      page.activity.getTabLocator(LINEAR_ALGEBRA.workingCopy)
    ).toBeVisible();
    await expect(page.locator('.jp-NotebookPanel:visible')).toContainText(
      marker
    );
    await shot('restored-from-server');
  });
});
