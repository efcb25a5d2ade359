import { LocalProgressStore } from '../../src/backend/lite/localProgress';
import { TutorApiError } from '../../src/backend/errors';
import { MemoryStorage } from '../memoryStorage';

/** A notebook whose one cell holds `source`. */
function notebook(source: string) {
  return {
    cells: [{ cell_type: 'code', source }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  };
}

function refusal(promise: Promise<unknown>): Promise<TutorApiError> {
  return promise.then(
    () => {
      throw new Error('the save was accepted');
    },
    (reason: unknown) => reason as TutorApiError
  );
}

test('a module nobody opened is not started, at version 0', async () => {
  const store = new LocalProgressStore(new MemoryStorage());
  expect(await store.get('numpy')).toEqual({
    module_id: 'numpy',
    status: 'not_started',
    version: 0,
    attempt_count: 0,
    updated_at: null,
    notebook_state: null
  });
  expect(await store.all()).toEqual(new Map());
});

test('each accepted notebook save is a new version, and the last ones are history', async () => {
  const storage = new MemoryStorage();
  const store = new LocalProgressStore(storage);
  for (let version = 0; version < 25; version++) {
    const saved = await store.save('numpy', {
      status: 'in_progress',
      base_version: version,
      notebook_state: notebook(`x = ${version}`)
    });
    expect(saved.version).toBe(version + 1);
  }

  // Another store on the same storage: what a reload finds.
  const reloaded = new LocalProgressStore(storage);
  const progress = await reloaded.get('numpy');
  expect(progress).toMatchObject({ status: 'in_progress', version: 25 });
  expect(progress.notebook_state).toEqual(notebook('x = 24'));
  const history = await reloaded.listSnapshots('numpy');
  expect(history).toHaveLength(20);
  expect(history.map(one => one.version)).toEqual(
    Array.from({ length: 20 }, (_, index) => 24 - index)
  );
  expect(Object.keys(history[0]).sort()).toEqual(
    ['created_at', 'id', 'reason', 'size_bytes', 'version'].sort()
  );
  expect(history.every(one => one.reason === 'history')).toBe(true);
  expect([...(await reloaded.all()).keys()]).toEqual(['numpy']);
});

test('a save from a stale version is refused and kept aside; the newer work stays', async () => {
  const store = new LocalProgressStore(new MemoryStorage());
  await store.save('numpy', { base_version: 0, notebook_state: notebook('a') });
  await store.save('numpy', { base_version: 1, notebook_state: notebook('b') });

  const refused = await refusal(
    store.save('numpy', { base_version: 1, notebook_state: notebook('old') })
  );
  expect(refused).toBeInstanceOf(TutorApiError);
  expect(refused).toMatchObject({ status: 409, code: 'conflict' });
  expect(refused.currentVersion).toBe(2);

  const progress = await store.get('numpy');
  expect(progress).toMatchObject({ version: 2 });
  expect(progress.notebook_state).toEqual(notebook('b'));
  const [kept] = await store.listSnapshots('numpy');
  expect(kept).toMatchObject({
    id: refused.body.conflict_snapshot_id,
    reason: 'conflict',
    version: 1
  });
});

test('a kept state restored becomes new work, and the work it replaces is kept', async () => {
  const store = new LocalProgressStore(new MemoryStorage());
  await store.save('numpy', { base_version: 0, notebook_state: notebook('a') });
  await store.save('numpy', { base_version: 1, notebook_state: notebook('b') });
  const [first] = await store.listSnapshots('numpy');

  const stale = await refusal(store.restore('numpy', first.id, 1));
  expect(stale).toMatchObject({ status: 409 });
  const missing = await refusal(store.restore('numpy', 99, 2));
  expect(missing).toMatchObject({ status: 404, code: 'not_found' });
  expect((await store.get('numpy')).notebook_state).toEqual(notebook('b'));

  const restored = await store.restore('numpy', first.id, 2);
  expect(restored).toMatchObject({ version: 3 });
  expect((await store.get('numpy')).notebook_state).toEqual(notebook('a'));
  const history = await store.listSnapshots('numpy');
  expect(history.filter(one => one.reason === 'history')).toEqual([
    expect.objectContaining({ version: 2 }),
    expect.objectContaining({ version: 1 })
  ]);
});

test('bad input is refused with a reason and changes nothing', async () => {
  const store = new LocalProgressStore(new MemoryStorage());
  await store.save('numpy', { base_version: 0, notebook_state: notebook('a') });
  const before = await store.get('numpy');

  const badStatus = await refusal(
    store.save('numpy', { status: 'done' as 'completed' })
  );
  expect(badStatus).toMatchObject({ status: 400, code: 'bad_request' });
  expect(badStatus.message).toContain('not_started, in_progress, completed');

  const huge = notebook('x'.repeat(21 * 1024 * 1024));
  const tooLarge = await refusal(
    store.save('numpy', { base_version: 1, notebook_state: huge })
  );
  expect(tooLarge).toMatchObject({ status: 413, code: 'too_large' });

  expect(await store.get('numpy')).toEqual(before);
});

test('a status change alone keeps the notebook and its version', async () => {
  const store = new LocalProgressStore(new MemoryStorage());
  await store.save('numpy', { base_version: 0, notebook_state: notebook('a') });
  const done = await store.save('numpy', { status: 'completed' });
  expect(done).toMatchObject({ status: 'completed', version: 1 });
  expect((await store.get('numpy')).notebook_state).toEqual(notebook('a'));
});

test('answered questions are counted per module', async () => {
  const store = new LocalProgressStore(new MemoryStorage());
  await store.countAttempt('numpy');
  const counted = await store.countAttempt('numpy');
  expect(counted).toMatchObject({ attempt_count: 2, status: 'not_started' });
  expect(counted.updated_at).not.toBeNull();
  expect((await store.all()).get('numpy')?.attempt_count).toBe(2);
});

test('saves that overlap are taken one at a time: one wins, the other is kept aside', async () => {
  const storage = new MemoryStorage();
  // Two tabs, each with its own store on the same browser storage.
  const [first, second] = [
    new LocalProgressStore(storage),
    new LocalProgressStore(storage)
  ];
  const results = await Promise.allSettled([
    first.save('numpy', { base_version: 0, notebook_state: notebook('a') }),
    second.save('numpy', { base_version: 0, notebook_state: notebook('b') }),
    first.countAttempt('numpy')
  ]);
  expect(results.map(result => result.status)).toEqual([
    'fulfilled',
    'rejected',
    'fulfilled'
  ]);
  expect(await first.get('numpy')).toMatchObject({
    version: 1,
    attempt_count: 1,
    notebook_state: notebook('a')
  });
  const [kept] = await first.listSnapshots('numpy');
  expect(kept).toMatchObject({ reason: 'conflict', version: 0 });
});
