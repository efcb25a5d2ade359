import localforage from 'localforage';
import { ExerciseStanding, ExerciseSummary } from '../../contract/schema';
import { ExerciseCheck, RecordedRun } from '../../exercises/token';
import { TutorApiError } from '../errors';
import { parseCheckRun } from './checkRunRules';
import { withLock } from './storageLock';

/** A module's exercises as the site releases them: no solutions, no hints. */
export type DeclaredExercises = {
  id: string;
  complete_when_exercises_pass: boolean;
  exercises: { id: string; title?: string; checks: ExerciseCheck[] }[];
};

/** The browser's row per exercise: the server's `exercise_progress`. */
type StoredRun = {
  passed: boolean;
  failed_check: number | null;
  error: string | null;
  attempts: number;
  first_passed_at: string | null;
  last_run_at: string | null;
};

/** A module's rows, by exercise id. */
type StoredRuns = { [exerciseId: string]: StoredRun };

/** What the store needs of a localforage instance. */
export type ExerciseStorage = Pick<LocalForage, 'getItem' | 'setItem'>;

/**
 * The student's check runs kept in the browser (IndexedDB through
 * localforage, beside progress), with the server's rules
 * (`exercises/service.py`): each run sets the latest result, adds an
 * attempt and keeps the first pass; the message of a failing check is the
 * declaration's; with `complete_when_exercises_pass` the run after which
 * every exercise passed completes the module (`complete`). A module's runs
 * are changed under its lock, so two tabs are taken one at a time.
 */
export class LocalExerciseStore {
  constructor(
    private readonly _complete: (moduleId: string) => Promise<unknown>,
    private readonly _db: ExerciseStorage = localforage.createInstance({
      name: 'jupyter-tutor',
      storeName: 'exercises'
    })
  ) {}

  /** Every declared exercise, in order, with the student's standing. */
  async standings(module: DeclaredExercises): Promise<ExerciseStanding[]> {
    const runs = await this._runs(module.id);
    return module.exercises.map(exercise =>
      standing(exercise, runs[exercise.id])
    );
  }

  /** "n of m exercises passed": the latest run of n declared ones passed. */
  async summary(module: DeclaredExercises): Promise<ExerciseSummary> {
    const runs = await this._runs(module.id);
    return {
      passed: module.exercises.filter(exercise => runs[exercise.id]?.passed)
        .length,
      total: module.exercises.length
    };
  }

  /** Record one run (any JSON: it is checked as the server checks a body). */
  async record(
    module: DeclaredExercises,
    exerciseId: string,
    body: unknown
  ): Promise<RecordedRun> {
    const exercise = module.exercises.find(one => one.id === exerciseId);
    if (exercise === undefined) {
      throw new TutorApiError(
        404,
        'not_found',
        `Module '${module.id}' declares no exercise '${exerciseId.substring(0, 100)}'.`
      );
    }
    const run = parseCheckRun(body, exercise.checks.length);
    return withLock(`jupyter-tutor-exercises:${module.id}`, async () => {
      const now = new Date().toISOString();
      const runs = await this._runs(module.id);
      const before = runs[exercise.id];
      runs[exercise.id] = {
        passed: run.passed,
        failed_check: run.passed ? null : run.failed_check,
        error: (!run.passed && run.error) || null,
        attempts: (before?.attempts ?? 0) + 1,
        first_passed_at: before?.first_passed_at ?? (run.passed ? now : null),
        last_run_at: now
      };
      await this._db.setItem(key(module.id), runs);
      const completed =
        run.passed &&
        module.complete_when_exercises_pass &&
        module.exercises.length > 0 &&
        module.exercises.every(one => runs[one.id]?.passed);
      if (completed) {
        await this._complete(module.id);
      }
      return {
        ...standing(exercise, runs[exercise.id]),
        module_completed: completed
      };
    });
  }

  private async _runs(moduleId: string): Promise<StoredRuns> {
    return (await this._db.getItem<StoredRuns>(key(moduleId))) ?? {};
  }
}

function key(moduleId: string): string {
  return `runs:${moduleId}`;
}

/** `ExerciseStatus.of` of the server. */
function standing(
  exercise: { id: string; checks: ExerciseCheck[] },
  run: StoredRun | undefined
): ExerciseStanding {
  if (run === undefined) {
    return {
      id: exercise.id,
      status: 'not_tried',
      attempts: 0,
      first_passed_at: null,
      last_run_at: null,
      failed_check: null,
      failed_message: null,
      error: null
    };
  }
  // The site may have lost checks since this run: an index past them names none.
  const failed =
    run.failed_check !== null && run.failed_check < exercise.checks.length
      ? run.failed_check
      : null;
  return {
    id: exercise.id,
    status: run.passed ? 'passed' : 'failing',
    attempts: run.attempts,
    first_passed_at: run.first_passed_at,
    last_run_at: run.last_run_at,
    failed_check: failed,
    failed_message: failed === null ? null : exercise.checks[failed].message,
    error: run.error
  };
}
