import { expect, test } from '@jupyterlab/galata';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { request as requestContext } from '@playwright/test';
import * as fs from 'fs';
import * as fakeModel from './fakeModel';
import {
  INTRO_TO_NUMPY,
  moduleCard,
  openModuleBrowser,
  screenshots
} from './jupyterlab';

/**
 * The class dashboard, for an instructor (the test server's default user is
 * a course admin) over a class seeded through the learners' own routes:
 * counts, sorting, a student's notebook, check history and conversation, a
 * chart drawn by JupyterLab's Vega renderer, and the students' CSV. A
 * learner is refused the class data.
 */

const API = 'jupyter-tutor/api';
const MODULE = INTRO_TO_NUMPY.id;
const EXERCISE = 'creating-arrays';

function baseURL(): string {
  return `http://localhost:${process.env.TUTOR_UI_PORT ?? '8888'}`;
}

/** The test server's learner of this name (see jupyter_server_test_config.py). */
async function learner(name: string): Promise<APIRequestContext> {
  return requestContext.newContext({
    baseURL: baseURL(),
    extraHTTPHeaders: { Cookie: `tutor_test_user=${name}` }
  });
}

function notebook(text: string): object {
  return {
    cells: [{ id: 'note', cell_type: 'markdown', source: text, metadata: {} }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  };
}

async function saveWork(
  as: APIRequestContext,
  text: string,
  status: 'in_progress' | 'completed'
): Promise<void> {
  for (const data of [
    { notebook_state: notebook(text), base_version: 0 },
    { status }
  ]) {
    const saved = await as.put(`${API}/progress/${MODULE}`, { data });
    expect(saved.status(), await saved.text()).toBe(200);
  }
}

async function check(
  as: APIRequestContext,
  run: { passed: boolean; failed_check?: number; error?: string }
): Promise<void> {
  const recorded = await as.post(
    `${API}/modules/${MODULE}/exercises/${EXERCISE}/checks`,
    { data: run }
  );
  expect(recorded.status(), await recorded.text()).toBe(200);
}

/** A learner's question through the tutor socket, from a page of theirs. */
async function askTutor(
  browser: Browser,
  name: string,
  question: string
): Promise<void> {
  // The API's JSON page forbids scripts' connections (CSP); this page is only
  // the learner's origin to open the tutor socket from.
  const context = await browser.newContext({ bypassCSP: true });
  await context.addCookies([
    { name: 'tutor_test_user', value: name, url: baseURL() }
  ]);
  const page: Page = await context.newPage();
  await page.goto(`${baseURL()}/${API}/modules`);
  const frames = await page.evaluate(
    ({ path, content }) =>
      new Promise<string[]>((resolve, reject) => {
        const url = new URL(path, window.location.href);
        url.protocol = url.protocol.replace('http', 'ws');
        const socket = new WebSocket(url.href);
        const seen: string[] = [];
        socket.onerror = () => reject(new Error('tutor socket failed'));
        socket.onopen = () =>
          socket.send(
            JSON.stringify({
              type: 'ask',
              id: 'q1',
              content,
              cell_code: 'import numpy as np\narr = np.array([1, 2])',
              error_output: '',
              exercise_id: 'creating-arrays'
            })
          );
        socket.onmessage = event => {
          const frame = JSON.parse(String(event.data));
          seen.push(frame.type);
          if (frame.type === 'end' || frame.type === 'error') {
            socket.close();
            resolve(seen);
          }
        };
      }),
    { path: `/${API}/tutor?module_id=${MODULE}`, content: question }
  );
  expect(frames).toContain('end');
  await context.close();
}

test.describe('Class dashboard', () => {
  test('an instructor reads the class, a student, a chart and the CSV', async ({
    page,
    browser,
    request
  }, testInfo) => {
    const shot = screenshots(page, testInfo);
    await fakeModel.resetFake(request, [
      { text: 'Look at the **shape** your array should have.' }
    ]);
    const alice = await learner('alice-dash');
    const bob = await learner('bob-dash');
    await saveWork(alice, 'Alice was here', 'completed');
    await check(alice, { passed: true });
    await saveWork(bob, 'Bob tried', 'in_progress');
    await check(bob, {
      passed: false,
      failed_check: 0,
      error: 'AssertionError'
    });
    await askTutor(browser, 'carol-dash', 'Why is my array the wrong shape?');

    // A learner gets no class data.
    const refused = await alice.get(
      `${API}/instructor/modules/${MODULE}/students`
    );
    expect(refused.status()).toBe(403);

    await openModuleBrowser(page);
    await moduleCard(page, MODULE)
      .getByRole('button', { name: 'Class dashboard' })
      .click();
    const dashboard = page.locator('#jp-TutorDashboard');
    // Other specs' students share the server: this class is the "-dash" ones.
    await expect(dashboard.locator('.jp-TutorDashboard-counts')).toContainText(
      'Completed'
    );
    await dashboard.getByLabel('Filter students by name').fill('-dash');
    const students = dashboard.locator('.jp-TutorDashboard-students tbody tr');
    await expect(students).toHaveCount(3);
    const row = (name: string) =>
      dashboard.locator(
        `.jp-TutorDashboard-students tr[data-user-id="${name}"]`
      );
    await expect(row('alice-dash')).toContainText('Completed');
    await expect(row('alice-dash')).toContainText('1 /');
    await expect(row('bob-dash')).toContainText('In Progress');
    await expect(row('carol-dash')).toContainText('Not Started');
    await shot('dashboard');

    // Sorting by student name, one way then the other.
    const sortByName = dashboard.locator(
      '.jp-TutorDashboard-sort[data-column="user_id"]'
    );
    await sortByName.click();
    const firstAfter = async () =>
      (await students.first().getAttribute('data-user-id')) ?? '';
    const once = await firstAfter();
    await sortByName.click();
    await expect
      .poll(firstAfter)
      .toBe(once === 'alice-dash' ? 'carol-dash' : 'alice-dash');

    // The students' CSV, one row each.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dashboard.locator('.jp-TutorDashboard-downloadStudents').click()
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf-8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain('user_id');
    for (const name of ['alice-dash', 'bob-dash', 'carol-dash']) {
      expect(lines.filter(line => line.startsWith(`${name},`))).toHaveLength(1);
    }

    // A chart, drawn by JupyterLab's own Vega-Lite renderer.
    await dashboard.getByRole('tab', { name: 'Charts' }).click();
    await expect(
      dashboard
        .locator(
          '.jp-TutorDashboard-chart svg, .jp-TutorDashboard-chart canvas'
        )
        .first()
    ).toBeVisible();
    await shot('charts');

    // A student's notebook and check history, and another's conversation.
    await dashboard.getByRole('tab', { name: 'Class' }).click();
    await dashboard
      .locator('.jp-TutorDashboard-student', { hasText: 'alice-dash' })
      .click();
    const aliceDetail = page.locator('.jp-TutorStudentDetail').last();
    await expect(
      aliceDetail.locator('.jp-TutorStudentDetail-notebook')
    ).toContainText('Alice was here');
    await expect(
      aliceDetail.locator('.jp-TutorStudentDetail-checks')
    ).toContainText(EXERCISE);
    await shot('student');

    await page
      .locator('.lm-TabBar-tab', { hasText: 'Class Dashboard' })
      .click();
    await dashboard
      .locator('.jp-TutorDashboard-student', { hasText: 'carol-dash' })
      .click();
    const carolDetail = page.locator('.jp-TutorStudentDetail').last();
    const conversation = carolDetail.locator(
      '.jp-TutorStudentDetail-conversation'
    );
    await expect(conversation).toContainText(
      'Why is my array the wrong shape?'
    );
    await expect(conversation).toContainText('shape');
    await expect(conversation.locator('strong')).toHaveText('shape');
    await shot('conversation');
    await alice.dispose();
    await bob.dispose();
  });

  test('a learner has no class dashboard', async ({ browser }) => {
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'tutor_test_user', value: 'dora-dash', url: baseURL() }
    ]);
    const page = await context.newPage();
    // The role arrives with the client config; the card is drawn after it.
    const config = page.waitForResponse(response =>
      response.url().includes('jupyter-tutor/api/config')
    );
    await page.goto(`${baseURL()}/lab`);
    expect((await config).ok()).toBe(true);
    const card = page.locator(
      `.jp-TutorModuleCard[data-module-id="${MODULE}"]`
    );
    await expect(card).toBeVisible({ timeout: 120 * 1000 });
    await expect(card.locator('.jp-TutorModuleCard-exercises')).toBeVisible();
    await expect(
      card.getByRole('button', { name: 'Class dashboard' })
    ).toHaveCount(0);
    await context.close();
  });
});
