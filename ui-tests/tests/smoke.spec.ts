import { expect, test } from '@jupyterlab/galata';

/**
 * Proves the toolchain end to end: system Chromium, the test server started
 * from jupyter_server_test_config.py and a real Python kernel.
 */
test('runs Python code in a new notebook', async ({ page }, testInfo) => {
  const name = await page.notebook.createNew('smoke.ipynb', {
    kernel: 'python3'
  });
  expect(name).toBe('smoke.ipynb');

  await page.notebook.setCell(0, 'code', 'print(6 * 7)');
  // runCell waits until the kernel has finished executing the cell.
  await page.notebook.runCell(0);

  const output = await page.notebook.getCellOutputLocator(0);
  await expect(output!).toContainText('42');

  await page.screenshot({
    path: testInfo.outputPath('smoke-notebook-output.png')
  });
});
