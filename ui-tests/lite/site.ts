import { LabRoot, showModuleBrowser } from '../shared/moduleBrowser';
import {
  expect,
  Locator,
  Page,
  Request,
  test as base
} from '@playwright/test';

/**
 * What the offline site's tests share: every request the browser makes is
 * recorded, and a test fails if any went to a host other than the site's own.
 */

export const SITE_HOST = '127.0.0.1';

export const test = base.extend<{ requests: string[] }>({
  requests: [
    async ({ context }, use) => {
      const urls: string[] = [];
      // The context sees the page's requests and those of its workers, where
      // Pyodide runs.
      const record = (request: Request) => {
        urls.push(request.url());
      };
      context.on('request', record);
      await use(urls);
      context.off('request', record);
      const foreign = urls.filter(url => {
        const { protocol, hostname } = new URL(url);
        return /^(http|ws)s?:$/.test(protocol) && hostname !== SITE_HOST;
      });
      expect(foreign, 'requests to hosts other than the site').toEqual([]);
    },
    { auto: true }
  ]
});

export { expect, showModuleBrowser };

/** Open a notebook of the site's contents in JupyterLab. */
export async function openNotebook(page: Page, path: string): Promise<void> {
  await page.goto(`lab/index.html?path=${encodeURIComponent(path)}`);
  await expect(page.locator('.jp-NotebookPanel')).toBeVisible({
    timeout: 120 * 1000
  });
}

export type { LabRoot };

/** Pyodide boots in the browser; a cell sent before it is ready can be lost. */
export async function waitForIdleKernel(root: LabRoot): Promise<void> {
  await expect(root.locator('#jp-main-statusbar')).toContainText(
    /Pyodide.*\| Idle/,
    { timeout: 240 * 1000 }
  );
}

/**
 * Add a code cell below the last one and type code into it, without running
 * it; the cell stays in edit mode.
 */
export async function typeInNewCell(
  page: Page,
  code: string,
  root: LabRoot = page
): Promise<Locator> {
  await waitForIdleKernel(root);
  const cells = root.locator('.jp-NotebookPanel:visible .jp-Notebook .jp-Cell');
  const count = await cells.count();
  // The prompt selects the cell without entering it; then command-mode keys.
  await cells.last().locator('.jp-InputPrompt').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('b');
  await expect(cells).toHaveCount(count + 1);
  await page.keyboard.press('Enter');
  // Inserted as text, so the editor adds no closing brackets of its own.
  await page.keyboard.insertText(code);
  return cells.nth(count);
}

/**
 * Add a code cell below the last one and run it.
 *
 * @returns the cell, to read its output.
 */
export async function runNewCell(
  page: Page,
  code: string,
  root: LabRoot = page
): Promise<Locator> {
  const cell = await typeInNewCell(page, code, root);
  // Run in place: no empty cell is added below.
  await page.keyboard.press('Control+Enter');
  return cell;
}

export function output(cell: Locator): Locator {
  return cell.locator('.jp-OutputArea-output');
}

export function card(page: Page, id: string) {
  return page.locator(`.jp-TutorModuleCard[data-module-id="${id}"]`);
}

/** Load the site and show its module browser with the three course modules. */
export async function openModuleBrowser(page: Page): Promise<void> {
  await page.goto('lab/index.html');
  await showModuleBrowser(page);
  await expect(page.locator('.jp-TutorModuleCard')).toHaveCount(3, {
    timeout: 120 * 1000
  });
}

/** Open a module from the module browser and wait for its kernel. */
export async function openModule(page: Page, id: string): Promise<void> {
  await card(page, id).locator('.jp-TutorModuleCard-open').click();
  await expect(
    page.locator('.jp-NotebookPanel:visible .jp-Notebook .jp-Cell').first()
  ).toBeVisible({ timeout: 120 * 1000 });
  await waitForIdleKernel(page);
}

/** The tutor's panel in the right sidebar. */
export const TUTOR_PANEL = '#jupyter-tutor-panel';

/** Ask the tutor in its panel (open already). */
export async function askTutor(page: Page, question: string): Promise<void> {
  const input = page.locator(TUTOR_PANEL).getByRole('combobox');
  await input.fill(question);
  await input.press('Enter');
}

/**
 * The notebook saved in the browser's progress store for a module, as JSON
 * (read from IndexedDB directly, where localforage keeps it). Call it once
 * something was saved: the store exists from then on.
 */
export function savedWork(page: Page, moduleId: string): Promise<string> {
  return page.evaluate(async id => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const db = await request(indexedDB.open('jupyter-tutor'));
    try {
      const store = db.transaction('progress').objectStore('progress');
      const saved = await request(store.get(`progress:${id}`));
      return JSON.stringify(saved?.notebook_state ?? null);
    } finally {
      db.close();
    }
  }, moduleId);
}
