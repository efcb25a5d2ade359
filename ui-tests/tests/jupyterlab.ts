import {
  expect,
  IJupyterLabPageFixture,
  JupyterLabPage
} from '@jupyterlab/galata';
import type { Page, TestInfo } from '@playwright/test';
import { showModuleBrowser } from '../shared/moduleBrowser';
import { notebookToolbarItem } from '../shared/notebookToolbar';

/**
 * What the UI tests do in JupyterLab again and again: open a module from the
 * module browser, run cells once the kernel is ready, reload, take screenshots.
 */

export type CourseModule = { id: string; title: string; workingCopy: string };

export const INTRO_TO_NUMPY: CourseModule = {
  id: 'intro-to-numpy',
  title: 'Introduction to NumPy',
  workingCopy: 'module_01_intro_to_numpy.ipynb'
};

export const LINEAR_ALGEBRA: CourseModule = {
  id: 'linear-algebra-basics',
  title: 'Linear Algebra Basics',
  workingCopy: 'module_02_linear_algebra.ipynb'
};

export const INTERPOLATION: CourseModule = {
  id: 'interpolation-methods',
  title: 'Interpolation Methods',
  workingCopy: 'module_03_interpolation.ipynb'
};

export const WORKING_COPY_DIR = 'learning-modules';

/** Numbered screenshots, so the test output reads in order. */
export function screenshots(page: IJupyterLabPageFixture, testInfo: TestInfo) {
  let step = 0;
  return async (name: string): Promise<void> => {
    step += 1;
    await page.screenshot({
      path: testInfo.outputPath(`${String(step).padStart(2, '0')}-${name}.png`)
    });
  };
}

export function moduleCard(page: IJupyterLabPageFixture, moduleId: string) {
  return page.locator(`.jp-TutorModuleCard[data-module-id="${moduleId}"]`);
}

/**
 * Open a left or right sidebar tab. galata's `openTab` looks for the tab
 * button once, without waiting, so after a reload it can run before the
 * sidebar is drawn: wait for the button first.
 */
export async function openSidebarTab(
  page: IJupyterLabPageFixture,
  id: string
): Promise<void> {
  await expect(page.sidebar.getTabLocator(id)).toBeVisible();
  await page.sidebar.openTab(id);
}

export async function openModuleBrowser(
  page: IJupyterLabPageFixture
): Promise<void> {
  await showModuleBrowser(page);
}

/** Open a module from the module browser and wait for its kernel. */
export async function openModule(
  page: IJupyterLabPageFixture,
  module: CourseModule = INTRO_TO_NUMPY
): Promise<void> {
  await openModuleBrowser(page);
  await moduleCard(page, module.id).locator('.jp-TutorModuleCard-open').click();
  await expect(page.activity.getTabLocator(module.workingCopy)).toBeVisible();
  await page.notebook.activate(module.workingCopy);
  await waitForIdleKernel(page);
}

/** A cell sent while the kernel is still connecting can be dropped. */
export async function waitForIdleKernel(
  page: IJupyterLabPageFixture
): Promise<void> {
  await expect(page.locator('#jp-main-statusbar')).toContainText('Idle', {
    timeout: 120 * 1000
  });
}

/**
 * Add a code cell at the end of the notebook and run it in place (it stays
 * the active cell).
 *
 * @returns the cell's index.
 */
export async function runNewCell(
  page: IJupyterLabPageFixture,
  code: string
): Promise<number> {
  expect(await page.notebook.addCell('code', code)).toBe(true);
  const index = (await page.notebook.getCellCount()) - 1;
  await waitForIdleKernel(page);
  expect(await page.notebook.runCell(index, { inplace: true })).toBe(true);
  return index;
}

/**
 * Reload JupyterLab and wait until it has restored its layout. galata's own
 * readiness check waits for a Launcher, which a restored notebook replaces.
 */
export async function reloadRestored(
  page: IJupyterLabPageFixture
): Promise<void> {
  // The fixture's type offers only Playwright's `reload`, without this option.
  await (page as unknown as JupyterLabPage).reload({ waitForIsReady: false });
  await waitForRestored(page);
}

/** Wait until the page's JupyterLab has restored its layout. */
export async function waitForRestored(
  page: Pick<Page, 'locator' | 'waitForFunction' | 'evaluate'>
): Promise<void> {
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  // The splash can go before the application object is published on window.
  await page.waitForFunction(() => (window as any).jupyterapp !== undefined);
  await page.evaluate(() => (window as any).jupyterapp.restored);
}

/** Save the current module notebook to the server now, and wait until it is saved. */
export async function saveProgressNow(
  page: IJupyterLabPageFixture
): Promise<void> {
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('jupyter-tutor:save-progress')
  );
  await expect(page.locator('.jp-TutorSaveStatus')).toContainText('Saved at');
}

/**
 * Close the notifications on screen: the test kernel lacks some packages the
 * course asks for, and their warnings cover the right sidebar's lower part.
 */
export async function dismissNotifications(
  page: IJupyterLabPageFixture
): Promise<void> {
  const close = page.locator('.jp-Notification-Toast-Close');
  // Toasts mount a moment after they are emitted, and keep sliding in and
  // out of view, so a real click may never land: dispatch it, until none is left.
  await expect(async () => {
    for (const button of await close.all()) {
      await button.dispatchEvent('click');
    }
    await page.waitForTimeout(500);
    await expect(close).toHaveCount(0, { timeout: 1000 });
  }).toPass();
}

/** Wait until the module notebook's kernel was checked for the module's packages. */
export async function waitForPackageCheck(
  page: IJupyterLabPageFixture
): Promise<void> {
  await expect(
    notebookToolbarItem(page, '.jp-TutorPackageProgress')
  ).toHaveAttribute('data-state', /loaded|failed/, { timeout: 120 * 1000 });
}
