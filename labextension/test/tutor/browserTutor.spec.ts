import { LocalProgressStore } from '../../src/backend/lite/localProgress';
import { BrowserTutor } from '../../src/backend/lite/tutor/browserTutor';
import { TutorFrame } from '../../src/backend/types';
import { MemoryStorage } from '../memoryStorage';
import { answer, question } from './helpers';

const CELL = 'x = y + 1';
const ERROR = "NameError: name 'y' is not defined";
const STUCK = question('why is this wrong?', {
  cell_code: CELL,
  error_output: ERROR
});

function tutorOn(storage: MemoryStorage, settings: unknown = null) {
  return new BrowserTutor({ storage, tutorSettings: async () => settings });
}

test('the conversation is there again after a reload', async () => {
  const storage = new MemoryStorage();
  const connection = tutorOn(storage, { max_level: 3 }).openTutorConnection(
    'numpy'
  );
  await answer(connection, STUCK);
  await answer(connection, { ...STUCK, content: 'I still do not see it' });

  const history = await tutorOn(storage, { max_level: 3 }).tutorHistory(
    'numpy'
  );
  expect(history).toEqual({
    messages: [
      expect.objectContaining({ id: 1, role: 'user', level: 1 }),
      expect.objectContaining({ id: 2, role: 'assistant', level: 1 }),
      expect.objectContaining({
        id: 3,
        role: 'user',
        content: 'I still do not see it',
        level: 2,
        level_name: 'Pointer',
        same_problem: true,
        provider: 'offline',
        partial: false
      }),
      expect.objectContaining({ id: 4, role: 'assistant', level: 2 })
    ],
    level: 2,
    max_level: 3,
    provider: 'offline'
  });
  expect(history.messages[3].content).toContain('**Offline hint**');
  expect(Object.keys(history.messages[0]).sort()).toEqual(
    [
      'content',
      'created_at',
      'id',
      'level',
      'level_name',
      'partial',
      'provider',
      'role',
      'same_problem'
    ].sort()
  );
  const other = await tutorOn(storage).tutorHistory('pandas');
  expect(other).toEqual({
    messages: [],
    level: null,
    max_level: 4,
    provider: 'offline'
  });
});

test('a Stop before the answer begins ends it and keeps nothing', async () => {
  const storage = new MemoryStorage();
  const connection = tutorOn(storage).openTutorConnection('numpy');
  const frames: TutorFrame[] = [];
  connection.frameReceived.connect((_, frame) => frames.push(frame));
  const id = connection.ask(STUCK);
  expect(frames).toEqual([]);
  connection.stop(id);
  await new Promise(resolve => setTimeout(resolve, 10));
  expect(frames).toEqual([
    expect.objectContaining({
      type: 'end',
      id,
      message_id: null,
      stopped: true
    })
  ]);
  expect((await tutorOn(storage).tutorHistory('numpy')).messages).toEqual([]);
});

test('one answer at a time, and the next question may come with the last frame', async () => {
  const connection = tutorOn(new MemoryStorage()).openTutorConnection('numpy');
  const refused = answer(connection, STUCK);
  const second = answer(connection, STUCK);
  const first = await refused;
  expect((await second).map(frame => frame.type)).toEqual(['error']);
  expect(await second).toEqual([
    expect.objectContaining({
      code: 'bad_request',
      message: 'The tutor is still answering; wait for it or press Stop.'
    })
  ]);
  expect(first.map(frame => frame.type)).toEqual(['start', 'delta', 'end']);

  const next = new Promise<TutorFrame[]>(resolve => {
    connection.frameReceived.connect((_, frame) => {
      if (frame.type === 'end' && frame.message_id === 4) {
        void answer(connection, STUCK).then(resolve);
      }
    });
  });
  await answer(connection, STUCK);
  expect((await next).map(frame => frame.type)).toEqual([
    'start',
    'delta',
    'end'
  ]);
});

test('an answer that could not be kept is retried at its level, the question kept once', async () => {
  const storage = new MemoryStorage();
  const connection = tutorOn(storage).openTutorConnection('numpy');
  await answer(connection, STUCK);
  const setItem = storage.setItem.bind(storage);
  let writes = 0;
  jest.spyOn(storage, 'setItem').mockImplementation((key, value) => {
    // The question is stored, then the answer fails.
    writes += 1;
    return writes === 2
      ? Promise.reject(new Error('quota exceeded'))
      : setItem(key, value);
  });
  jest.spyOn(console, 'error').mockImplementation(() => undefined);

  const failed = await answer(connection, { ...STUCK, more_help: true });
  expect(failed.map(frame => frame.type)).toEqual(['start', 'delta', 'error']);
  expect(failed[2]).toMatchObject({
    code: 'internal_error',
    retryable: true,
    partial: true
  });

  const retried = await answer(connection, { ...STUCK, retry: true });
  expect(retried[0]).toMatchObject({ level: 2, same_problem: true });
  expect(retried[1]).toEqual({ ...failed[1], id: retried[1].id });
  const history = await tutorOn(storage).tutorHistory('numpy');
  expect(history.messages.map(m => [m.role, m.level])).toEqual([
    ['user', 1],
    ['assistant', 1],
    ['user', 2],
    ['assistant', 2]
  ]);
});

test('settings that do not read leave the module with the defaults', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const tutor = tutorOn(new MemoryStorage(), { max_level: 9 });
  const [start] = await answer(tutor.openTutorConnection('numpy'), STUCK);
  expect(start).toMatchObject({ type: 'start', max_level: 4 });
  expect(warn).toHaveBeenCalled();
});

test('a disposed connection sends nothing more', async () => {
  const connection = tutorOn(new MemoryStorage()).openTutorConnection('numpy');
  expect(connection.status).toBe('open');
  const frames: TutorFrame[] = [];
  connection.frameReceived.connect((_, frame) => frames.push(frame));
  connection.ask(STUCK);
  connection.dispose();
  await new Promise(resolve => setTimeout(resolve, 10));
  expect(frames).toEqual([]);
  expect(connection.status).toBe('closed');
});

test('each whole answer counts an attempt for its module, as on the server', async () => {
  const progress = new LocalProgressStore(new MemoryStorage());
  const tutor = new BrowserTutor({
    storage: new MemoryStorage(),
    onAnswered: id => progress.countAttempt(id)
  });
  const connection = tutor.openTutorConnection('numpy');
  await answer(connection, STUCK);
  await answer(connection, question('   '));
  const stopped = connection.ask(STUCK);
  connection.stop(stopped);
  await new Promise(resolve => setTimeout(resolve, 10));
  await answer(connection, { ...STUCK, more_help: true });

  expect(await progress.get('numpy')).toMatchObject({
    attempt_count: 2,
    status: 'not_started',
    version: 0
  });
  expect((await progress.get('pandas')).attempt_count).toBe(0);
});

test('an attempt that cannot be counted leaves the answer whole', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const tutor = new BrowserTutor({
    storage: new MemoryStorage(),
    onAnswered: () => Promise.reject(new Error('quota exceeded'))
  });
  const frames = await answer(tutor.openTutorConnection('numpy'), STUCK);
  expect(frames.map(frame => frame.type)).toEqual(['start', 'delta', 'end']);
  expect(warn).toHaveBeenCalled();
});
