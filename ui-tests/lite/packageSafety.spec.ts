import {
  expect,
  openModuleBrowser,
  openNotebook,
  output,
  runNewCell,
  test,
  waitForIdleKernel
} from './site';
import { notebookToolbarItem } from '../shared/notebookToolbar';
import { showFileBrowser } from '../shared/sidePanel';

/**
 * No package list can run code in the Pyodide kernel: a notebook whose list
 * carries Python and shell syntax in every field is opened in the offline
 * site, and none of the marker files its entries would create appears. The
 * one valid entry, bundled with the site, is installed by piplite as data.
 */

const MARKERS = ['jt-marker-1', 'jt-marker-2', 'jt-marker-3'];
const NOTEBOOK = 'hostile-packages.ipynb';
const CONTENT = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {
    kernelspec: { name: 'python', display_name: 'Python (Pyodide)' },
    jupyter_tutor: {
      packages: [
        {
          name: 'jt-absent-one',
          version: `")+__import__('pathlib').Path('jt-marker-1').touch()#`
        },
        { name: "x')\n__import__('pathlib').Path('jt-marker-2').touch()\n#" },
        {
          name: 'jt-absent-three',
          version: "=={__import__('pathlib').Path('jt-marker-3').touch()}"
        },
        // Valid and bundled with the offline site: piplite installs it, as data.
        { name: 'tabulate' }
      ]
    }
  },
  cells: [
    {
      id: 'first',
      cell_type: 'code',
      metadata: {},
      source: 'print("ready")',
      outputs: [],
      execution_count: null
    }
  ]
};

test('no package list runs code in the Pyodide kernel', async ({ page }) => {
  // Uploaded like a notebook a student downloaded: it never went through a server.
  // After the first screen, which shows the module browser by itself.
  await openModuleBrowser(page);
  await showFileBrowser(page);
  const chooser = page.waitForEvent('filechooser');
  await page
    .locator('.jp-FileBrowser-toolbar [title="Upload Files"]')
    .first()
    .click();
  await (
    await chooser
  ).setFiles({
    name: NOTEBOOK,
    mimeType: 'application/x-ipynb+json',
    buffer: Buffer.from(JSON.stringify(CONTENT))
  });
  await expect(
    page.locator('.jp-DirListing-item', { hasText: NOTEBOOK })
  ).toBeVisible({ timeout: 60 * 1000 });
  await openNotebook(page, NOTEBOOK);
  await waitForIdleKernel(page);
  const progress = notebookToolbarItem(page, '.jp-TutorPackageProgress');
  await expect(progress).toHaveAttribute('data-state', 'loaded', {
    timeout: 120 * 1000
  });
  const cell = await runNewCell(
    page,
    `import os; print("markers:", [m for m in ${JSON.stringify(MARKERS)} if os.path.exists(m) or os.path.exists("/tmp/" + m)])`
  );
  await expect(output(cell)).toContainText('markers: []', {
    timeout: 60 * 1000
  });
});
