import {
  expect,
  openNotebook,
  output,
  runNewCell,
  test,
  waitForIdleKernel
} from './site';

/**
 * The offline course site (python -m jupyter_tutor.lite build --offline): the
 * kernel boots from the site's own Pyodide, bundled packages install, and no
 * request leaves 127.0.0.1 (the shared fixture checks every test).
 */

const MODULE_NOTEBOOK = 'course/module_01_intro_to_numpy.ipynb';
// The configured pure-Python extras (lite/jupyter_lite_config.json): sympy
// comes through the site's regenerated Pyodide lock, tabulate through piplite.
const PIPLITE_PACKAGE = 'tabulate';

test('the catalog says what works offline', async ({ request }) => {
  const response = await request.get('jupyter-tutor/catalog.json');
  expect(response.ok()).toBe(true);
  const catalog = await response.json();
  expect(catalog.mode).toBe('offline');
  expect(catalog.modules.map((m: { id: string }) => m.id)).toEqual([
    'intro-to-numpy',
    'linear-algebra-basics',
    'interpolation-methods'
  ]);
  const offline = Object.fromEntries(
    catalog.packages.map((p: { name: string; available_offline: boolean }) => [
      p.name,
      p.available_offline
    ])
  );
  expect(offline).toMatchObject({
    sympy: true,
    tabulate: true,
    // Compiled for Pyodide: only in the site when the builder supplies it.
    numpy: false
  });
});

test('runs Python from the site alone', async ({
  page,
  requests
}, testInfo) => {
  await openNotebook(page, MODULE_NOTEBOOK);
  await waitForIdleKernel(page);
  // The kernel's requests are seen (it runs in a worker), and it used the site's runtime.
  expect(
    requests.some(url => url.includes('/static/pyodide/pyodide.asm.wasm'))
  ).toBe(true);

  await test.step('Python 3.14', async () => {
    const cell = await runNewCell(page, 'import sys; print(sys.version)');
    await expect(output(cell)).toContainText(/^3\.14\./, {
      timeout: 60 * 1000
    });
  });

  await test.step(`%pip install ${PIPLITE_PACKAGE}`, async () => {
    const install = await runNewCell(page, `%pip install ${PIPLITE_PACKAGE}`);
    await expect(install.locator('.jp-InputArea-prompt')).toHaveText(
      /\[\d+\]/,
      {
        timeout: 120 * 1000
      }
    );
    const cell = await runNewCell(
      page,
      'import tabulate; print(tabulate.tabulate([["x", 1]]))'
    );
    await expect(output(cell)).toContainText('x  1', { timeout: 60 * 1000 });
  });

  await test.step('a package from the site lock', async () => {
    const cell = await runNewCell(page, 'import sympy; print(sympy.sqrt(8))');
    await expect(output(cell)).toContainText('2*sqrt(2)', {
      timeout: 120 * 1000
    });
  });

  await test.step('a package the site lacks fails plainly', async () => {
    const cell = await runNewCell(page, 'import numpy');
    await expect(output(cell)).toContainText(
      "ModuleNotFoundError: No module named 'numpy'",
      { timeout: 60 * 1000 }
    );
  });

  await page.screenshot({ path: testInfo.outputPath('offline-notebook.png') });
});
