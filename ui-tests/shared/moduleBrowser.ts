import { FrameLocator, Page } from '@playwright/test';
import { showSidePanel } from './sidePanel';

/** Where JupyterLab is: a page, or the frame that embeds it in a host page. */
export type LabRoot = Page | FrameLocator;

/** Show the module browser, in JupyterLab or a JupyterLite site. */
export function showModuleBrowser(
  root: LabRoot,
  timeout = 120 * 1000
): Promise<void> {
  return showSidePanel(
    root,
    'jupyter-tutor-module-browser',
    '.jp-TutorModuleBrowser',
    timeout
  );
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
