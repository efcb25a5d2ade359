import { Notification } from '@jupyterlab/apputils';
import { AnswerWatcher } from '../../src/help/answerWatcher';
import { HelpRequest, IHelpService } from '../../src/help/token';

// Only the notification is replaced: the watcher is what is tested.
jest.mock('@jupyterlab/apputils', () => ({
  Notification: { info: jest.fn() }
}));

/** A request as the student's list returns it. */
function request(id: number, answer: string | null): HelpRequest {
  return {
    id,
    status: answer === null ? 'open' : 'answered',
    answer,
    answered_at: answer === null ? null : '2026-01-01T10:00:00Z'
  } as HelpRequest;
}

/** A help service whose student's list is whatever the test sets. */
function service(): { help: IHelpService; set: (r: HelpRequest[]) => void } {
  let requests: HelpRequest[] = [];
  const help = {
    mine: async () => requests
  } as unknown as IHelpService;
  return { help, set: found => (requests = found) };
}

describe('AnswerWatcher', () => {
  beforeAll(() => {
    // The watcher polls with the browser's timers.
    (globalThis as any).window = globalThis;
  });
  afterEach(() => jest.mocked(Notification.info).mockClear());

  it('tells the student once when a waiting request gets its answer', async () => {
    const { help, set } = service();
    const watcher = new AnswerWatcher(help, () => undefined);
    set([request(1, null)]);
    await watcher.refresh('m');
    expect(Notification.info).not.toHaveBeenCalled();
    set([request(1, 'Look at the range.')]);
    await watcher.refresh('m');
    await watcher.refresh('m');
    expect(Notification.info).toHaveBeenCalledTimes(1);
    expect(jest.mocked(Notification.info).mock.calls[0][0]).toBe(
      'Your instructor answered a question of yours.'
    );
    watcher.dispose();
  });

  it('says nothing of answers that were there at the first look', async () => {
    const { help, set } = service();
    const watcher = new AnswerWatcher(help, () => undefined);
    set([request(1, 'Already answered.')]);
    await watcher.refresh('m');
    expect(Notification.info).not.toHaveBeenCalled();
    watcher.dispose();
  });

  it('emits each read with its module', async () => {
    const { help, set } = service();
    const watcher = new AnswerWatcher(help, () => undefined);
    const seen: string[] = [];
    watcher.updated.connect((_, read) => seen.push(read.moduleId));
    set([]);
    await watcher.refresh('a');
    await watcher.refresh('b');
    expect(seen).toEqual(['a', 'b']);
    watcher.dispose();
  });
});
