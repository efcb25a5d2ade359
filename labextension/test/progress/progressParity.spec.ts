import { readFileSync } from 'fs';
import { join } from 'path';
import { LocalProgressStore } from '../../src/backend/lite/localProgress';
import { TutorApiError } from '../../src/backend/errors';
import { Progress, ProgressUpdate } from '../../src/backend/types';
import { MemoryStorage } from '../memoryStorage';
import { oneCellNotebook } from '../oneCellNotebook';

/**
 * The steps the Python tests replay through the REST API
 * (tests/progress/test_progress_parity.py): the browser's store must answer
 * each one as the server does.
 */
type Step = {
  do: 'get' | 'save' | 'snapshots' | 'restore';
  body?: { [key: string]: unknown };
  snapshot?: number | null;
  base_version?: number;
  expect: { [key: string]: unknown };
};

const fixture: {
  limits: { snapshot_limit: number; max_notebook_bytes: number };
  steps: Step[];
} = JSON.parse(
  readFileSync(
    join(__dirname, '../../../tests/progress/progress_parity.json'),
    'utf-8'
  )
);

const MISSING_SNAPSHOT = 999999;

/** The fixture's shorthand for a notebook state (see its description). */
function notebook(spec: unknown): unknown {
  if (typeof spec === 'object' && spec !== null && 'raw' in spec) {
    return (spec as { raw: unknown }).raw;
  }
  const source =
    typeof spec === 'string'
      ? spec
      : 'x'.repeat((spec as { padding: number }).padding);
  return oneCellNotebook(source);
}

function progressOutcome(
  step: Step,
  progress: Progress
): { [key: string]: unknown } {
  const got: { [key: string]: unknown } = {
    status: 200,
    version: progress.version,
    module_status: progress.status
  };
  if (step.do === 'get') {
    const state = progress.notebook_state as {
      cells: { source: string }[];
    } | null;
    got.state = state === null ? null : state.cells[0].source;
  }
  return got;
}

async function replay(
  store: LocalProgressStore,
  step: Step,
  snapshotIds: number[]
): Promise<{ [key: string]: unknown }> {
  switch (step.do) {
    case 'get':
      return progressOutcome(step, await store.get('alpha'));
    case 'save': {
      const update = { ...step.body } as { [key: string]: unknown };
      if ('notebook_state' in update) {
        update.notebook_state = notebook(update.notebook_state);
      }
      return progressOutcome(
        step,
        await store.save('alpha', update as ProgressUpdate)
      );
    }
    case 'snapshots': {
      const snapshots = await store.listSnapshots('alpha');
      snapshotIds.splice(0, snapshotIds.length, ...snapshots.map(s => s.id));
      return {
        status: 200,
        snapshots: snapshots.map(s => [s.reason, s.version, s.size_bytes])
      };
    }
    case 'restore': {
      const place = step.snapshot;
      const id =
        place === null || place === undefined
          ? MISSING_SNAPSHOT
          : snapshotIds[place];
      return progressOutcome(
        step,
        await store.restore('alpha', id, step.base_version!)
      );
    }
  }
}

function refusal(error: unknown): { [key: string]: unknown } {
  if (!(error instanceof TutorApiError)) {
    throw error;
  }
  const got: { [key: string]: unknown } = {
    status: error.status,
    error: error.code
  };
  if (error.currentVersion !== null) {
    got.current_version = error.currentVersion;
  }
  return got;
}

test('the browser store answers every step as the server does', async () => {
  const store = new LocalProgressStore(new MemoryStorage(), {
    maxNotebookBytes: fixture.limits.max_notebook_bytes,
    snapshotLimit: fixture.limits.snapshot_limit
  });
  const snapshotIds: number[] = [];
  for (const [number, step] of fixture.steps.entries()) {
    const got = await replay(store, step, snapshotIds).catch(refusal);
    expect({ step: number + 1, ...got }).toEqual({
      step: number + 1,
      ...step.expect
    });
  }
});
