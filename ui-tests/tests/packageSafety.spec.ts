import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import { INTRO_TO_NUMPY, screenshots, waitForIdleKernel } from './jupyterlab';

/**
 * No package list can run a command in a kernel: a notebook whose list
 * carries shell and IPython syntax in every field is opened with
 * `pipInstall: always`, and none of the marker files its entries would
 * create appears. The one valid entry missing from the kernel is installed
 * the safe way (pip with an argument list), which fails plainly.
 */

const MARKERS = ['jt-marker-1', 'jt-marker-2', 'jt-marker-3', 'jt-marker-4'];
const HOSTILE_LIST = [
  { name: 'jt-absent-one', version: '===`touch${IFS}jt-marker-1`' },
  { name: 'jt-absent-two', version: '>=1; touch jt-marker-2' },
  { name: 'jt-absent-three`touch${IFS}jt-marker-3`' },
  {
    name: 'jt-absent-four',
    version: "=={__import__('pathlib').Path('jt-marker-4').touch()}"
  },
  { name: 'jt-absent-package' }
];

test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyter-tutor:packages': { pipInstall: 'always' }
  }
});

async function exists(page: IJupyterLabPageFixture, path: string) {
  const response = await page.request.get(`/api/contents/${path}`);
  return response.status() !== 404;
}

test('no package list runs a command in the kernel', async ({
  page,
  tmpPath
}, testInfo) => {
  const shot = screenshots(page, testInfo);
  const notebook = `${tmpPath}/hostile-packages.ipynb`;
  const saved = await page.request.put(`/api/contents/${notebook}`, {
    data: {
      type: 'notebook',
      format: 'json',
      content: {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {
          kernelspec: { name: 'python3', display_name: 'Python 3' },
          jupyter_tutor: { packages: HOSTILE_LIST }
        },
        cells: []
      }
    }
  });
  expect(saved.ok()).toBe(true);
  // By command: a new student's first screen shows the course, not the file browser.
  await page.evaluate(
    path =>
      (window as any).jupyterapp.commands.execute('docmanager:open', { path }),
    notebook
  );
  await waitForIdleKernel(page);
  // pip was run for the valid entry, and failed plainly.
  await expect(
    page.getByText('Could not install jt-absent-package: ERROR')
  ).toBeVisible({ timeout: 120 * 1000 });
  await shot('install-refused');
  for (const marker of MARKERS) {
    for (const folder of ['', `${tmpPath}/`]) {
      expect(await exists(page, `${folder}${marker}`)).toBe(false);
    }
  }

  // A module's list with the same entries is refused, entry by entry.
  const refused = await page.request.put(
    `/jupyter-tutor/api/modules/${INTRO_TO_NUMPY.id}/packages`,
    { data: { packages: HOSTILE_LIST } }
  );
  expect(refused.status()).toBe(400);
  const message = (await refused.json()).message;
  for (const entry of [1, 2, 3, 4]) {
    expect(message).toContain(`entry ${entry}:`);
  }
  expect(message).not.toContain('entry 5:');
});
