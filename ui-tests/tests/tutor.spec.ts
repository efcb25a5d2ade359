import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import {
  chatRequests,
  message,
  PANEL,
  resetFake,
  typeQuestion
} from './fakeModel';
import {
  INTRO_TO_NUMPY,
  openModule,
  openSidebarTab,
  reloadRestored,
  runNewCell,
  screenshots
} from './jupyterlab';

/**
 * The tutor panel against the fake OpenAI-compatible server started by
 * jupyter_server_test_config.py: asking about an error, streaming, the hidden
 * cell context, the conversation surviving a reload and "More help".
 */

const MODULE_TITLE = INTRO_TO_NUMPY.title;
const MORE_HELP_QUESTION = 'Could I have a bit more help?';

/** Click "Ask the tutor" on the error output of a cell. */
async function askAboutError(
  page: IJupyterLabPageFixture,
  cellIndex: number,
  errorName: string
): Promise<void> {
  const output = (await page.notebook.getCellOutputLocator(cellIndex))!;
  await expect(output).toContainText(errorName);
  await output.locator('.jp-TutorAskButton').click();
  await expect(page.locator(PANEL)).toBeVisible();
  await expect(page.locator(`${PANEL} .jp-TutorContextChip-label`)).toHaveText(
    `cell ${cellIndex + 1} · ${errorName}`
  );
}

/**
 * Record every text the last message of the panel shows, to tell a streamed
 * answer from one that appears at once.
 */
async function recordLastMessageTexts(
  page: IJupyterLabPageFixture
): Promise<void> {
  await page.evaluate(panelSelector => {
    const panel = document.querySelector(panelSelector)!;
    const seen: string[] = [];
    (window as any).tutorAnswerTexts = seen;
    new MutationObserver(() => {
      const messages = panel.querySelectorAll('.jp-chat-message');
      const last = messages[messages.length - 1];
      const text = (
        last?.querySelector('.jp-chat-rendered-message')?.textContent ?? ''
      ).trim();
      if (seen[seen.length - 1] !== text) {
        seen.push(text);
      }
    }).observe(panel, { childList: true, subtree: true, characterData: true });
  }, PANEL);
}

async function recordedTexts(page: IJupyterLabPageFixture): Promise<string[]> {
  return page.evaluate(() => (window as any).tutorAnswerTexts as string[]);
}

/** The current hint level and the module's highest, from the panel header. */
async function hintLevel(
  page: IJupyterLabPageFixture
): Promise<{ level: number; maxLevel: number }> {
  const label = page.locator(`${PANEL} .jp-TutorHintLevel`);
  await expect(label).toHaveText(/^Hint \d+ of \d+$/);
  const [, level, maxLevel] = (await label.textContent())!.match(
    /^Hint (\d+) of (\d+)$/
  )!;
  return { level: Number(level), maxLevel: Number(maxLevel) };
}

test.describe('AI tutor', () => {
  test('answers a question about an error, streamed, with hidden context, restored after reload', async ({
    page,
    request
  }, testInfo) => {
    const shot = screenshots(page, testInfo);
    const code = 'total = price * count_ui_test';
    const question = 'why is this wrong?';
    const answer =
      'Look at the line where the error happens: which names exist at that point?';
    // Slow enough to see the answer grow: about 19 deltas, 50 ms apart.
    await resetFake(request, [{ text: answer, chunk_size: 4, delay: 0.05 }]);

    await openModule(page);
    await shot('module-open');

    const cellIndex = await runNewCell(page, code);
    await shot('name-error');

    await askAboutError(page, cellIndex, 'NameError');
    await expect(page.locator(`${PANEL} .jp-TutorHeader-title`)).toHaveText(
      MODULE_TITLE
    );
    await shot('tutor-opened-with-context');

    await recordLastMessageTexts(page);
    await typeQuestion(page, question);
    // Stop is offered only while an answer streams.
    await expect(page.locator(`${PANEL} .jp-TutorStop`)).toBeVisible();
    await shot('answer-streaming');

    await expect(message(page, answer)).toContainText(answer);
    await expect(page.locator(`${PANEL} .jp-TutorStop`)).toBeHidden();
    // Each test's browser is a new anonymous student: a first question.
    await expect(page.locator(`${PANEL} .jp-TutorHintLevel`)).toHaveText(
      'Hint 1 of 4'
    );
    await shot('answer-complete');

    // The answer grew through several partial texts before the full one.
    const texts = await recordedTexts(page);
    const partial = texts.filter(
      text => text !== '' && text !== answer && answer.startsWith(text)
    );
    expect(partial.length).toBeGreaterThanOrEqual(2);
    expect(texts[texts.length - 1]).toBe(answer);

    // The cell and its error went to the model in the system prompt only.
    const messages = (await chatRequests(request)).pop()!;
    expect(messages[0].role).toBe('system');
    expect(messages[0].content).toContain(MODULE_TITLE);
    expect(messages[0].content).toContain(code);
    expect(messages[0].content).toContain('NameError');
    const conversation = messages.slice(1);
    expect(conversation[conversation.length - 1]).toEqual({
      role: 'user',
      content: question
    });
    for (const visible of conversation) {
      expect(['user', 'assistant']).toContain(visible.role);
      expect(visible.content).not.toContain(code);
    }

    // Saved first: a notebook with unsaved changes would hold up the reload.
    await page.notebook.save();
    await reloadRestored(page);
    await openSidebarTab(page, 'jupyter-tutor-panel');
    await expect(page.locator(`${PANEL} .jp-TutorHeader-title`)).toHaveText(
      MODULE_TITLE
    );
    await expect(message(page, question)).toBeVisible();
    await expect(message(page, answer)).toContainText(answer);
    await shot('conversation-restored');
  });

  test('"More help" climbs one hint level', async ({
    page,
    request
  }, testInfo) => {
    const shot = screenshots(page, testInfo);
    const first = 'What happens when you divide a number by zero on paper?';
    const more = 'Look at the value on the right of the slash before it runs.';
    await resetFake(request, [{ text: first }, { text: more }]);

    await openModule(page);
    // A problem of its own, so its hints start low with room to climb.
    const cellIndex = await runNewCell(page, 'share_ui_test = 10 / 0');
    await askAboutError(page, cellIndex, 'ZeroDivisionError');
    await typeQuestion(page, 'How do I fix this division?');
    await expect(message(page, first)).toContainText(first);
    await expect(page.locator(`${PANEL} .jp-TutorStop`)).toBeHidden();
    const before = await hintLevel(page);
    expect(before.level).toBeLessThan(before.maxLevel);
    await shot('first-answer');

    await page.locator(`${PANEL} .jp-TutorMoreHelp`).click();
    await expect(message(page, MORE_HELP_QUESTION)).toBeVisible();
    await expect(message(page, more)).toContainText(more);
    const expected = Math.min(before.level + 1, before.maxLevel);
    await expect(page.locator(`${PANEL} .jp-TutorHintLevel`)).toHaveText(
      `Hint ${expected} of ${before.maxLevel}`
    );
    await shot('more-help-answer');

    // The model was told the new level too.
    const messages = (await chatRequests(request)).pop()!;
    expect(messages[0].content).toContain(
      `Current hint level: ${expected} of ${before.maxLevel}`
    );
    expect(messages[messages.length - 1].content).toBe(MORE_HELP_QUESTION);
  });
  test("after Shift+Enter on an error the question carries that cell's code", async ({
    page,
    request
  }, testInfo) => {
    const shot = screenshots(page, testInfo);
    const code = 'total = price * shift_enter_ui_test';
    const answer = 'Which of the names on that line has a value yet?';
    await resetFake(request, [{ text: answer }]);

    await openModule(page);
    expect(await page.notebook.addCell('code', code)).toBe(true);
    const cellIndex = (await page.notebook.getCellCount()) - 1;
    // Shift+Enter: the error's cell runs and a new empty cell is the current one.
    expect(await page.notebook.runCell(cellIndex)).toBe(true);
    await expect(
      (await page.notebook.getCellOutputLocator(cellIndex))!
    ).toContainText('NameError');
    expect(await page.notebook.getCellCount()).toBe(cellIndex + 2);

    await openSidebarTab(page, 'jupyter-tutor-panel');
    await expect(
      page.locator(`${PANEL} .jp-TutorContextChip-label`)
    ).toHaveText(`cell ${cellIndex + 1} · NameError (current cell empty)`);
    await shot('chip-names-the-error-cell');
    await typeQuestion(page, 'what is wrong?');
    await expect(message(page, answer)).toContainText(answer);

    const system = (await chatRequests(request)).pop()![0];
    expect(system.role).toBe('system');
    expect(system.content).toContain(code);
    expect(system.content).toContain('NameError');
  });

  test('the newest answer stays in view as the conversation grows', async ({
    page,
    request
  }, testInfo) => {
    const shot = screenshots(page, testInfo);
    // Long answers, streamed: each one outgrows the panel on its own.
    const long = (n: number) =>
      Array.from(
        { length: 12 },
        (_, line) => `Answer ${n}, thought ${line + 1}: read the message again.`
      ).join('\n\n') + `\n\nEnd of answer ${n}.`;
    await resetFake(
      request,
      [1, 2, 3].map(n => ({ text: long(n), chunk_size: 40, delay: 0.01 }))
    );

    await openModule(page);
    await openSidebarTab(page, 'jupyter-tutor-panel');
    for (const n of [1, 2, 3]) {
      await typeQuestion(page, `Question ${n}: what should I look at?`);
      const end = page.locator(PANEL).getByText(`End of answer ${n}.`);
      await expect(end).toBeVisible();
      await expect(page.locator(`${PANEL} .jp-TutorStop`)).toBeHidden();
      await expect(end).toBeInViewport();
      await shot(`answer-${n}`);
    }
  });
});
