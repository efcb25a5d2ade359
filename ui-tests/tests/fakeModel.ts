import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { APIRequestContext, Locator } from '@playwright/test';

/**
 * The fake OpenAI-compatible server jupyter_server_test_config.py starts
 * (scripted through its control routes), and the tutor panel that asks it.
 */

const FAKE_LLM = `http://127.0.0.1:${process.env.TUTOR_UI_FAKE_LLM_PORT ?? '8765'}`;

export const PANEL = '#jupyter-tutor-panel';

export type FakeReply = { text: string; chunk_size?: number; delay?: number };
export type ChatMessage = { role: string; content: string };
type FakeRequest = {
  path: string;
  body: { messages?: ChatMessage[] } | null;
};

export async function resetFake(
  request: APIRequestContext,
  replies: FakeReply[]
): Promise<void> {
  expect((await request.post(`${FAKE_LLM}/_reset`)).ok()).toBe(true);
  const scripted = await request.post(`${FAKE_LLM}/_script`, {
    data: replies
  });
  expect(scripted.ok()).toBe(true);
}

/** The chat completion requests the fake received, oldest first. */
export async function chatRequests(
  request: APIRequestContext
): Promise<ChatMessage[][]> {
  const response = await request.get(`${FAKE_LLM}/_requests`);
  expect(response.ok()).toBe(true);
  const requests = (await response.json()) as FakeRequest[];
  return requests
    .filter(r => r.path.endsWith('/chat/completions'))
    .map(r => r.body?.messages ?? []);
}

export async function typeQuestion(
  page: IJupyterLabPageFixture,
  question: string
): Promise<void> {
  const input = page.locator(PANEL).getByRole('combobox');
  await input.fill(question);
  await input.press('Enter');
}

/** The latest message of the panel with this text. */
export function message(page: IJupyterLabPageFixture, text: string): Locator {
  return page
    .locator(`${PANEL} .jp-chat-message`)
    .filter({ hasText: text })
    .last();
}
