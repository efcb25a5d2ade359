import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import {
  INTRO_TO_NUMPY,
  openModule,
  screenshots,
  waitForIdleKernel,
  WORKING_COPY_DIR
} from './jupyterlab';

/**
 * An instructor declares an exercise with the editor in a source notebook,
 * checks it against its solution and against the starter code, applies and
 * saves it, re-syncs the course; a student's Check then fails on the starter
 * code with the instructor's message and passes once fixed.
 */

const SOURCE = `course/${INTRO_TO_NUMPY.workingCopy}`;
const EXERCISE_ID = 'editor-made-answer';
const STARTER = 'answer = 0';
const SOLUTION = 'answer = 42';
const CHECK = 'assert answer == 42';
const MESSAGE = 'answer should be 42';

const EDITOR = '.jp-TutorExerciseEditor-trial';

function field(page: IJupyterLabPageFixture, label: string) {
  return page.getByLabel(label, { exact: true });
}

function checkWidget(page: IJupyterLabPageFixture) {
  return page.locator(`.jp-TutorCheck[data-exercise-id="${EXERCISE_ID}"]`);
}

/** Ask the server to re-read the course's source notebooks. */
async function resync(page: IJupyterLabPageFixture): Promise<void> {
  const synced = await page.request.post('jupyter-tutor/api/sync/modules');
  expect(synced.status()).toBe(200);
}

async function pressCheck(page: IJupyterLabPageFixture): Promise<void> {
  await checkWidget(page).locator('.jp-TutorCheck-button').click();
  await expect(checkWidget(page)).toHaveAttribute('data-busy', 'false');
}

test('An exercise declared with the editor checks a student correctly', async ({
  page
}, testInfo) => {
  const shot = screenshots(page, testInfo);
  // The course as shipped, put back afterwards: later specs count its exercises.
  const original = await (
    await page.request.get(`api/contents/${SOURCE}`)
  ).json();
  try {
    await declareAndCheck(page, shot);
  } finally {
    await page.request.put(`api/contents/${SOURCE}`, {
      data: { type: 'notebook', format: 'json', content: original.content }
    });
    await resync(page);
  }
});

async function declareAndCheck(
  page: IJupyterLabPageFixture,
  shot: (name: string) => Promise<void>
): Promise<void> {
  // The instructor: a statement and a starter cell at the source's end.
  await page.evaluate(
    path =>
      (window as any).jupyterapp.commands.execute('docmanager:open', { path }),
    SOURCE
  );
  await page.notebook.activate(INTRO_TO_NUMPY.workingCopy);
  await waitForIdleKernel(page);
  await page.notebook.addCell('markdown', 'Set `answer` to 42.');
  await page.notebook.addCell('code', STARTER);
  const cellCount = await page.notebook.getCellCount();
  await page.notebook.selectCells(cellCount - 1);

  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('jupyter-tutor:edit-exercise')
  );
  // The command declares on the active cell: the form starts filled in.
  await expect(field(page, 'Exercise id')).toHaveValue('exercise-1');
  await field(page, 'Exercise id').fill(EXERCISE_ID);
  await field(page, 'Check 1 code').fill(CHECK);
  await field(page, 'Check 1 message').fill(MESSAGE);
  await field(page, 'Exercise solution').fill(SOLUTION);

  await page
    .getByRole('button', { name: 'Run checks against solution' })
    .click();
  await expect(page.locator(EDITOR)).toContainText('Against the solution');
  await expect(
    page.locator(`${EDITOR} .jp-TutorExerciseEditor-outcome`)
  ).toHaveText(['Passed']);
  await shot('editor-solution-passed');

  await page
    .getByRole('button', { name: "Run checks against the cell's code" })
    .click();
  await expect(page.locator(EDITOR)).toContainText("Against the cell's code");
  await expect(
    page.locator(`${EDITOR} .jp-TutorExerciseEditor-outcome.jp-mod-failed`)
  ).toContainText(MESSAGE);
  await shot('editor-starter-failed');

  await page.getByRole('button', { name: 'Apply to cell' }).click();
  await expect(page.getByRole('button', { name: 'In the cell' })).toBeVisible();
  await page.notebook.save();

  await resync(page);
  await page.notebook.close(true);

  // The student: the module's working copy, from the module browser. Specs
  // before this one may have left a copy of the course as it was (a copy is
  // never overwritten), so this student starts from none.
  await page.request.delete(
    `api/contents/${WORKING_COPY_DIR}/${INTRO_TO_NUMPY.workingCopy}`
  );
  await openModule(page);
  const index = (await page.notebook.getCellCount()) - 1;
  expect(await page.notebook.getCellTextInput(index)).toContain(STARTER);
  expect(await page.notebook.runCell(index, { inplace: true })).toBe(true);
  await pressCheck(page);
  const failed = checkWidget(page).locator(
    '.jp-TutorCheck-result[data-state="failed"]'
  );
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText(MESSAGE);
  await shot('student-check-failed');

  await page.notebook.setCell(index, 'code', SOLUTION);
  await waitForIdleKernel(page);
  expect(await page.notebook.runCell(index, { inplace: true })).toBe(true);
  await pressCheck(page);
  await expect(checkWidget(page).locator('.jp-TutorCheck-status')).toHaveText(
    'All checks passed.'
  );
  await shot('student-check-passed');
}
