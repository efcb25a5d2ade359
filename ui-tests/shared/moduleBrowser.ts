import { expect, FrameLocator, Page } from '@playwright/test';

/** Where JupyterLab is: a page, or the frame that embeds it in a host page. */
export type LabRoot = Page | FrameLocator;

/**
 * Show the module browser, in JupyterLab or a JupyterLite site. A new
 * student's first screen shows it by itself, and a click on the tab of the
 * panel shown hides it: when such a click crosses the first screen's, the
 * next round clicks again.
 */
export async function showModuleBrowser(
  root: LabRoot,
  timeout = 120 * 1000
): Promise<void> {
  const browser = root.locator('.jp-TutorModuleBrowser');
  const tab = root.locator('.jp-SideBar [data-id="jupyter-tutor-module-browser"]');
  await expect(tab).toBeVisible({ timeout });
  await expect(async () => {
    if (!(await browser.isVisible())) {
      await tab.click();
    }
    await expect(browser).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout });
}

/** The 404 answers and 404 console messages a page gets from now on. */
export function notFoundLog(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', response => {
    if (response.status() === 404) {
      seen.push(`404 ${response.url()}`);
    }
  });
  page.on('console', message => {
    if (message.text().includes('404')) {
      seen.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  return seen;
}
