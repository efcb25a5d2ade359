import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import * as fakeModel from './fakeModel';
import {
  INTRO_TO_NUMPY,
  moduleCard,
  openModule,
  openModuleBrowser,
  openSidebarTab,
  screenshots,
  waitForIdleKernel
} from './jupyterlab';

/**
 * The Check button of an exercise cell, in JupyterLab: a failing check shows
 * its message, the tutor asked from that cell gets the exercise and the
 * failing check (and the browser never gets the solution), a fixed answer
 * turns the check green and the module card counts it.
 */

const EXERCISE_ID = 'creating-arrays';

type Declared = {
  index: number;
  checks: { code: string; message: string }[];
  solution: string;
  statement: string;
  total: number;
};

/** The exercise as the course's source notebook declares it, solution included. */
function declared(): Declared {
  const source = path.resolve(
    __dirname,
    '..',
    '..',
    'notebooks',
    INTRO_TO_NUMPY.workingCopy
  );
  const cells = JSON.parse(fs.readFileSync(source, 'utf-8')).cells as {
    cell_type: string;
    source: string[] | string;
    metadata: { jupyter_tutor?: { exercise?: any } };
  }[];
  const text = (cell: { source: string[] | string }) =>
    Array.isArray(cell.source) ? cell.source.join('') : cell.source;
  const exercises = cells.filter(cell => cell.metadata.jupyter_tutor?.exercise);
  const index = cells.findIndex(
    cell => cell.metadata.jupyter_tutor?.exercise?.id === EXERCISE_ID
  );
  const exercise = cells[index].metadata.jupyter_tutor!.exercise;
  return {
    index,
    checks: exercise.checks,
    solution: exercise.solution,
    statement: text(cells[index - 1]),
    total: exercises.length
  };
}

/**
 * Every text the page receives from now on: HTTP bodies and the tutor
 * socket's frames. The kernel's own channel is left out: it carries the
 * student's kernel, whose input history keeps what earlier runs typed.
 */
function receivedTexts(page: Page): string[] {
  const received: string[] = [];
  page.on('response', async response => {
    try {
      received.push(await response.text());
    } catch {
      // A redirect or an aborted request has no body.
    }
  });
  page.on('websocket', socket => {
    if (socket.url().includes('jupyter-tutor/api/tutor')) {
      socket.on('framereceived', frame => received.push(String(frame.payload)));
    }
  });
  return received;
}

/** The ask frames the page sends to the tutor socket from now on. */
function askFrames(page: Page): { exercise_id?: string | null }[] {
  const asked: { exercise_id?: string | null }[] = [];
  page.on('websocket', socket => {
    if (!socket.url().includes('jupyter-tutor/api/tutor')) {
      return;
    }
    socket.on('framesent', frame => {
      const sent = JSON.parse(String(frame.payload));
      if (sent.type === 'ask') {
        asked.push(sent);
      }
    });
  });
  return asked;
}

function checkWidget(page: IJupyterLabPageFixture) {
  return page.locator(`.jp-TutorCheck[data-exercise-id="${EXERCISE_ID}"]`);
}

async function pressCheck(page: IJupyterLabPageFixture): Promise<void> {
  await checkWidget(page).locator('.jp-TutorCheck-button').click();
  await expect(checkWidget(page)).toHaveAttribute('data-busy', 'false');
}

test('Check runs the exercise in the kernel, the tutor knows it, the card counts it', async ({
  page,
  request
}, testInfo) => {
  const shot = screenshots(page, testInfo);
  const exercise = declared();
  const received = receivedTexts(page);
  const asked = askFrames(page);
  const answer = 'What does np.arange give for its stop value?';
  await fakeModel.resetFake(request, [{ text: answer }]);

  await openModule(page);
  // The data cells above first, then the unmodified exercise cell.
  await page.notebook.selectCells(exercise.index);
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('notebook:run-all-above')
  );
  await waitForIdleKernel(page);
  expect(await page.notebook.runCell(exercise.index, { inplace: true })).toBe(
    true
  );
  const outputs = page.locator('.jp-Notebook .jp-OutputArea-output');
  const outputCount = await outputs.count();

  await pressCheck(page);
  const failed = checkWidget(page).locator(
    '.jp-TutorCheck-result[data-state="failed"]'
  );
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText(exercise.checks[0].message);
  await expect(failed).toContainText('AssertionError');
  // The checks ran silently: no output, no new cell.
  await expect(outputs).toHaveCount(outputCount);
  await shot('check-failed');

  // Asked from the exercise cell (still the active one).
  await openSidebarTab(page, 'jupyter-tutor-panel');
  await fakeModel.typeQuestion(page, 'Why does my check fail?');
  await expect(fakeModel.message(page, answer)).toContainText(answer);
  await expect(page.locator(`${fakeModel.PANEL} .jp-TutorStop`)).toBeHidden();
  expect(asked.map(frame => frame.exercise_id)).toEqual([EXERCISE_ID]);
  const prompt = (await fakeModel.chatRequests(request)).pop()![0].content;
  expect(prompt).toContain('5 equally spaced points on the interval');
  expect(prompt).toContain(exercise.checks[0].message);
  await shot('tutor-answered');

  // Nothing the browser received for the module so far holds the solution.
  const solutionLines = exercise.solution
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '');
  expect(solutionLines.length).toBeGreaterThan(0);
  const leaks = received.filter(text =>
    solutionLines.some(line => text.includes(line))
  );
  expect(leaks).toEqual([]);

  await page.notebook.setCell(exercise.index, 'code', exercise.solution);
  await waitForIdleKernel(page);
  expect(await page.notebook.runCell(exercise.index, { inplace: true })).toBe(
    true
  );
  // This time by the command, for the active cell.
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('jupyter-tutor:check-exercise')
  );
  await expect(
    checkWidget(page).locator('.jp-TutorCheck-result[data-state="passed"]')
  ).toHaveCount(exercise.checks.length);
  await expect(checkWidget(page).locator('.jp-TutorCheck-status')).toHaveText(
    'All checks passed.'
  );

  await openModuleBrowser(page);
  await expect(
    moduleCard(page, INTRO_TO_NUMPY.id).locator('.jp-TutorModuleCard-exercises')
  ).toHaveText(`1 of ${exercise.total} exercises passed`);
  await shot('check-passed-card-counted');
});
