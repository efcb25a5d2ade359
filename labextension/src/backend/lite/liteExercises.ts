import { Signal } from '@lumino/signaling';
import { ExerciseSummary } from '../../contract/schema';
import {
  CheckRun,
  IExercises,
  ModuleExercises,
  RecordedCheck,
  RecordedRun
} from '../../exercises/token';
import { LocalExerciseStore } from './localExercises';
import { AskedExercise } from './tutor/turn';
import { SiteCatalog, siteModule } from './siteCatalog';

/**
 * The exercises of a Lite site that keeps everything in the browser: the
 * declarations the site released (`catalog.json`: checks, never solutions
 * or hints) with the runs kept in `store`, as `GET modules/{id}/exercises`
 * and `POST …/checks` answer on a server.
 */
export class LocalExercises implements IExercises {
  constructor(
    private readonly _catalog: Promise<SiteCatalog>,
    private readonly _store: LocalExerciseStore
  ) {}

  get checkRecorded(): Signal<this, RecordedCheck> {
    return this._checkRecorded;
  }

  async list(moduleId: string): Promise<ModuleExercises> {
    const module = await siteModule(this._catalog, moduleId);
    const standings = await this._store.standings(module);
    return {
      module_id: module.id,
      complete_when_exercises_pass: module.complete_when_exercises_pass,
      exercises: module.exercises.map((exercise, index) => ({
        ...exercise,
        progress: standings[index]
      })),
      summary: {
        passed: standings.filter(one => one.status === 'passed').length,
        total: standings.length
      }
    };
  }

  async record(
    moduleId: string,
    exerciseId: string,
    run: CheckRun
  ): Promise<RecordedRun> {
    const module = await siteModule(this._catalog, moduleId);
    const recorded = await this._store.record(module, exerciseId, run);
    this._checkRecorded.emit({ moduleId, exerciseId, recorded });
    return recorded;
  }

  /**
   * What the browser tutor knows of the exercise a question names: null
   * when the module does not declare it (a copy older than the site).
   */
  async asked(
    moduleId: string,
    exerciseId: string
  ): Promise<AskedExercise | null> {
    const listed = await this.list(moduleId).catch(() => null);
    const found = listed?.exercises.find(one => one.id === exerciseId);
    if (!found) {
      return null;
    }
    const failing = found.progress.status === 'failing';
    return {
      exerciseId,
      failedCheck: failing ? found.progress.failed_check : null,
      failingMessage: failing ? found.progress.failed_message : null
    };
  }

  /** Each module's card count. */
  async summaries(): Promise<Map<string, ExerciseSummary>> {
    const modules = (await this._catalog).modules;
    const counts = await Promise.all(
      modules.map(module => this._store.summary(module))
    );
    return new Map(modules.map((module, index) => [module.id, counts[index]]));
  }

  private readonly _checkRecorded = new Signal<this, RecordedCheck>(this);
}
