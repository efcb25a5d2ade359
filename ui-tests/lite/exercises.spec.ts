import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from '@playwright/test';
import { expect, showModuleBrowser, test, waitForIdleKernel } from './site';

/**
 * The Check button in a JupyterLite site: the checks run in the Pyodide
 * kernel, a failing one shows its message, the fixed answer turns green,
 * and the module card counts it, kept in the browser across a reload.
 *
 * The course's exercises need numpy, which an offline site cannot ship
 * without the builder's Pyodide files, so this spec builds and serves its
 * own site from `exercise-site/`: one module, an exercise in plain Python.
 */

const SITE_DIR = path.join(__dirname, 'exercise-site');
const PORT = Number(
  process.env.TUTOR_LITE_EXERCISE_PORT ??
    Number(process.env.TUTOR_LITE_PORT ?? '8010') + 1
);
const BASE = `http://127.0.0.1:${PORT}`;
const MODULE_ID = 'sums';
const EXERCISE_ID = 'sum-to-ten';

type Declared = { checks: { code: string; message: string }[] };

/** The exercise as its source notebook declares it. */
function declared(): Declared {
  const notebook = JSON.parse(
    fs.readFileSync(
      path.join(SITE_DIR, 'notebooks', 'module_01_sums.ipynb'),
      'utf-8'
    )
  );
  return notebook.cells.find(
    (cell: any) => cell.metadata.jupyter_tutor?.exercise?.id === EXERCISE_ID
  ).metadata.jupyter_tutor.exercise;
}

let server: ChildProcess | null = null;
let output = '';

test.beforeAll(async () => {
  test.setTimeout(300 * 1000);
  output = fs.mkdtempSync(path.join(os.tmpdir(), 'tutor-lite-exercises-'));
  fs.rmdirSync(output);
  const build = spawnSync(
    'python',
    [
      '-m',
      'jupyter_tutor.lite',
      'build',
      '--offline',
      '--lite-dir',
      SITE_DIR,
      '--output-dir',
      output
    ],
    { encoding: 'utf-8', timeout: 240 * 1000 }
  );
  expect(build.status, build.stderr).toBe(0);
  server = spawn(
    'python',
    [
      '-m',
      'jupyter_tutor.lite',
      'serve',
      '--port',
      String(PORT),
      '--output-dir',
      output
    ],
    { stdio: 'ignore' }
  );
  await expect(async () => {
    const response = await fetch(`${BASE}/jupyter-lite.json`);
    expect(response.ok).toBe(true);
  }).toPass({ timeout: 30 * 1000 });
});

test.afterAll(() => {
  server?.kill();
  if (output) {
    fs.rmSync(output, { recursive: true, force: true });
  }
});

function card(page: Page) {
  return page.locator(`.jp-TutorModuleCard[data-module-id="${MODULE_ID}"]`);
}

function checkWidget(page: Page) {
  return page.locator(`.jp-TutorCheck[data-exercise-id="${EXERCISE_ID}"]`);
}

function exerciseCell(page: Page) {
  return page.locator('.jp-NotebookPanel:visible .jp-Cell', {
    has: checkWidget(page)
  });
}

async function pressCheck(page: Page): Promise<void> {
  await checkWidget(page).locator('.jp-TutorCheck-button').click();
  await expect(checkWidget(page)).toHaveAttribute('data-busy', 'false', {
    timeout: 60 * 1000
  });
}

/** Run the exercise cell in place, from command mode. */
async function runExerciseCell(page: Page): Promise<void> {
  await exerciseCell(page).locator('.jp-InputPrompt').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  await waitForIdleKernel(page);
}

async function cardCount(page: Page) {
  await showModuleBrowser(page);
  return card(page).locator('.jp-TutorModuleCard-exercises');
}

test('Check runs in Pyodide, and the passed exercise is counted in the browser', async ({
  page
}) => {
  const exercise = declared();
  await page.goto(`${BASE}/lab/index.html`);
  await expect(await cardCount(page)).toHaveText('0 of 1 exercise passed', {
    timeout: 120 * 1000
  });

  await card(page).locator('.jp-TutorModuleCard-open').click();
  await expect(exerciseCell(page)).toBeVisible({ timeout: 120 * 1000 });
  await waitForIdleKernel(page);

  // The unmodified cell: total is still None.
  await runExerciseCell(page);
  const outputs = page.locator('.jp-NotebookPanel:visible .jp-OutputArea-output');
  const outputCount = await outputs.count();
  const cellCount = await page
    .locator('.jp-NotebookPanel:visible .jp-Cell')
    .count();
  await pressCheck(page);
  const failed = checkWidget(page).locator(
    '.jp-TutorCheck-result[data-state="failed"]'
  );
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText(exercise.checks[0].message);
  // Pyodide's `<class 'AssertionError'>` is shown as Python names it.
  await expect(failed.locator('.jp-TutorCheck-error')).toHaveText(
    'AssertionError'
  );
  // The checks ran silently: no output, no new cell.
  await expect(outputs).toHaveCount(outputCount);
  await expect(
    page.locator('.jp-NotebookPanel:visible .jp-Cell')
  ).toHaveCount(cellCount);

  // Fix the code and run it.
  await exerciseCell(page).locator('.jp-InputArea-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('total = sum(range(1, 11))');
  await page.keyboard.press('Control+Enter');
  await waitForIdleKernel(page);
  await pressCheck(page);
  await expect(
    checkWidget(page).locator('.jp-TutorCheck-result[data-state="passed"]')
  ).toHaveCount(exercise.checks.length);
  await expect(checkWidget(page).locator('.jp-TutorCheck-status')).toHaveText(
    'All checks passed.'
  );

  await expect(await cardCount(page)).toHaveText('1 of 1 exercise passed');

  // Kept in the browser's IndexedDB: the count survives a reload.
  await page.reload();
  await expect(await cardCount(page)).toHaveText('1 of 1 exercise passed', {
    timeout: 120 * 1000
  });
});
