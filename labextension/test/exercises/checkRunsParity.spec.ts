import { readFileSync } from 'fs';
import { join } from 'path';
import { ExerciseStanding } from '../../src/contract/schema';
import { TutorApiError } from '../../src/backend/errors';
import { LocalExercises } from '../../src/backend/lite/liteExercises';
import { LocalExerciseStore } from '../../src/backend/lite/localExercises';
import { LocalProgressStore } from '../../src/backend/lite/localProgress';
import { SiteCatalog, SiteModule } from '../../src/backend/lite/siteCatalog';
import { CheckRun } from '../../src/exercises/token';
import { MemoryStorage } from '../memoryStorage';

/**
 * The check runs the Python tests replay through the REST API
 * (tests/exercises/test_check_runs_parity.py): a JupyterLite site's exercise
 * store must answer each one as the server does.
 */
type Step = {
  do: 'list' | 'run' | 'progress';
  exercise?: string;
  body?: unknown;
  expect: { [key: string]: unknown };
};

const fixture: {
  module: Pick<SiteModule, 'id' | 'complete_when_exercises_pass' | 'exercises'>;
  steps: Step[];
} = JSON.parse(
  readFileSync(
    join(__dirname, '../../../tests/exercises/check_runs_parity.json'),
    'utf-8'
  )
);

/** The fixture's shorthand: a long error by its length in code points. */
function errorOf(error: string | null): unknown {
  const points = error === null ? 0 : Array.from(error).length;
  return points > 100 ? { code_points: points } : error;
}

function standing(one: ExerciseStanding): { [key: string]: unknown } {
  return {
    id: one.id,
    status: one.status,
    attempts: one.attempts,
    failed_check: one.failed_check,
    failed_message: one.failed_message,
    error: errorOf(one.error),
    first_passed: one.first_passed_at !== null
  };
}

type Replayed = {
  outcome: { [key: string]: unknown };
  standings: ExerciseStanding[];
};

async function replay(
  exercises: LocalExercises,
  progress: LocalProgressStore,
  step: Step
): Promise<Replayed> {
  const id = fixture.module.id;
  switch (step.do) {
    case 'list': {
      const listed = await exercises.list(id);
      const standings = listed.exercises.map(one => one.progress);
      return {
        outcome: {
          status: 200,
          summary: listed.summary,
          exercises: standings.map(standing)
        },
        standings
      };
    }
    case 'progress':
      return {
        outcome: {
          status: 200,
          module_status: (await progress.get(id)).status
        },
        standings: []
      };
    case 'run': {
      // Any JSON, as a request body would be: the store checks it.
      const body = step.body as CheckRun;
      const recorded = await exercises.record(id, step.exercise!, body);
      return {
        outcome: {
          status: 200,
          ...standing(recorded),
          module_completed: recorded.module_completed
        },
        standings: [recorded]
      };
    }
  }
}

function refusal(error: unknown): Replayed {
  if (!(error instanceof TutorApiError)) {
    throw error;
  }
  return {
    outcome: { status: error.status, error: error.code },
    standings: []
  };
}

test("the site's exercise store answers every step as the server does", async () => {
  const progress = new LocalProgressStore(new MemoryStorage());
  const catalog = Promise.resolve({
    modules: [fixture.module]
  } as unknown as SiteCatalog);
  const exercises = new LocalExercises(
    catalog,
    new LocalExerciseStore(
      id => progress.save(id, { status: 'completed' }),
      new MemoryStorage()
    )
  );
  const firstPassed = new Map<string, string>();
  for (const [number, step] of fixture.steps.entries()) {
    const got = await replay(exercises, progress, step).catch(refusal);
    expect({ step: number + 1, ...got.outcome }).toEqual({
      step: number + 1,
      ...step.expect
    });
    // Once set, first_passed_at never changes.
    for (const one of got.standings) {
      if (one.first_passed_at !== null) {
        if (!firstPassed.has(one.id)) {
          firstPassed.set(one.id, one.first_passed_at);
        }
        expect(one.first_passed_at).toBe(firstPassed.get(one.id));
      }
    }
  }
});
