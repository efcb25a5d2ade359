import { expect } from '@playwright/test';
import type { LabRoot } from './moduleBrowser';

/**
 * Show a panel of the left sidebar by its tab. A new student's first screen
 * shows the module browser by itself, and a click on the tab of the panel
 * shown hides it: when such a click crosses the first screen's, the next
 * round clicks again.
 */
export async function showSidePanel(
  root: LabRoot,
  tabId: string,
  panel: string,
  timeout = 120 * 1000
): Promise<void> {
  const shown = root.locator(panel).first();
  const tab = root.locator(`.jp-SideBar [data-id="${tabId}"]`);
  await expect(tab).toBeVisible({ timeout });
  await expect(async () => {
    if (!(await shown.isVisible())) {
      await tab.click();
    }
    await expect(shown).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout });
}

/** Show the file browser (its toolbar's buttons then take clicks). */
export function showFileBrowser(root: LabRoot): Promise<void> {
  return showSidePanel(root, 'filebrowser', '.jp-FileBrowser-toolbar');
}
