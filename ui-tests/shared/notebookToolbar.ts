import { expect, Locator } from '@playwright/test';
import { LabRoot } from './moduleBrowser';

const FOLDED = '.jp-Toolbar-responsive-popup';

/**
 * An item of the current notebook's toolbar, where it is: in the toolbar, or
 * folded into its "More commands" popup when the notebook is narrow (the
 * tutor beside a module makes it so in a small window).
 */
export function notebookToolbarItem(root: LabRoot, selector: string): Locator {
  return root
    .locator(`.jp-NotebookPanel:visible ${selector}, ${FOLDED} ${selector}`)
    .first();
}

/** Click a toolbar item of the current notebook, opening the popup it is folded in. */
export async function clickNotebookToolbarItem(
  root: LabRoot,
  selector: string
): Promise<void> {
  const inToolbar = root.locator(`.jp-NotebookPanel:visible ${selector}`);
  if (await inToolbar.isVisible()) {
    await inToolbar.click();
    return;
  }
  await root
    .locator('.jp-NotebookPanel:visible .jp-Toolbar-responsive-opener')
    .click();
  const folded = root.locator(`${FOLDED}:visible ${selector}`);
  await expect(folded).toBeVisible();
  await folded.click();
}
