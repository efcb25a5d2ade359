import {
  expect,
  openNotebook,
  output,
  runNewCell,
  test,
  waitForIdleKernel
} from './site';

/**
 * No package list can run code in the Pyodide kernel: a notebook whose list
 * carries Python and shell syntax in every field is opened in the offline
 * site, and none of the marker files its entries would create appears. The
 * one valid entry the site lacks goes to micropip as data and fails plainly.
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
        { name: 'jt-absent-package' }
      ]
    }
  },
  cells: []
};

test('no package list runs code in the Pyodide kernel', async ({ page }) => {
  await page.goto('lab/index.html');
  await page.waitForFunction(() => (window as any).jupyterapp?.restored);
  await page.evaluate(
    async ({ path, content }) => {
      const app = (window as any).jupyterapp;
      await app.serviceManager.contents.save(path, {
        type: 'notebook',
        format: 'json',
        content
      });
    },
    { path: NOTEBOOK, content: CONTENT }
  );
  await openNotebook(page, NOTEBOOK);
  await waitForIdleKernel(page);
  const progress = page.locator(
    '.jp-NotebookPanel:visible .jp-TutorPackageProgress'
  );
  await expect(progress).toHaveAttribute('data-state', 'failed', {
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
