import { ServerConnection } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { requestAPI } from '../backend/request';
import {
  CheckRun,
  IExercises,
  ModuleExercises,
  RecordedCheck,
  RecordedRun
} from './token';

/** The exercises served by the jupyter-tutor server extension. */
export class ServerExercises implements IExercises {
  constructor(private readonly _settings: ServerConnection.ISettings) {}

  get checkRecorded(): Signal<this, RecordedCheck> {
    return this._checkRecorded;
  }

  list(moduleId: string): Promise<ModuleExercises> {
    return requestAPI<ModuleExercises>(this._settings, 'GET', [
      'modules',
      moduleId,
      'exercises'
    ]);
  }

  async record(
    moduleId: string,
    exerciseId: string,
    run: CheckRun
  ): Promise<RecordedRun> {
    const recorded = await requestAPI<RecordedRun>(
      this._settings,
      'POST',
      ['modules', moduleId, 'exercises', exerciseId, 'checks'],
      run
    );
    this._checkRecorded.emit({ moduleId, exerciseId, recorded });
    return recorded;
  }

  private readonly _checkRecorded = new Signal<this, RecordedCheck>(this);
}
