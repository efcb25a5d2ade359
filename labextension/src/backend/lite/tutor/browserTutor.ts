import { ITutorConnection, TutorHistory } from '../../types';
import { ITutorService } from '../../../tutor/service';
import { BrowserTutorConnection, ExerciseLookup } from './connection';
import { TutorHistoryStore, TutorStorage } from './historyStore';
import {
  DEFAULT_SETTINGS,
  parseTutorSettings,
  TutorSettings
} from './settings';

export type BrowserTutorOptions = {
  /**
   * A module's `tutor_settings` from the site catalog (null: the defaults),
   * the `jupyter_tutor.tutor` block of its notebook.
   */
  tutorSettings?: (moduleId: string) => Promise<unknown>;
  /** Where conversations are kept; by default IndexedDB, through localforage. */
  storage?: TutorStorage;
  /** Called after each whole answer, where the server counts an attempt. */
  onAnswered?: (moduleId: string) => Promise<unknown>;
  /** The exercise a question names and the student's latest run on it. */
  exercise?: ExerciseLookup;
};

/**
 * The tutor of a JupyterLite site without a server: offline hints from the
 * rules the server uses (with the failing check's message for a question
 * about an exercise), the server's hint levels, and the conversations kept
 * in the browser.
 */
export class BrowserTutor implements ITutorService {
  constructor(options: BrowserTutorOptions = {}) {
    this._tutorSettings = options.tutorSettings ?? (async () => null);
    this._history = new TutorHistoryStore(options.storage);
    this._onAnswered = options.onAnswered ?? (async () => undefined);
    this._exercise = options.exercise ?? (async () => null);
  }

  async tutorHistory(moduleId: string): Promise<TutorHistory> {
    const settings = await this._settings(moduleId);
    return this._history.history(moduleId, settings.maxLevel);
  }

  openTutorConnection(moduleId: string): ITutorConnection {
    return new BrowserTutorConnection(
      moduleId,
      this._history,
      this._settings(moduleId),
      this._onAnswered,
      this._exercise
    );
  }

  /** Like the server, a module whose settings do not read gets the defaults. */
  private async _settings(moduleId: string): Promise<TutorSettings> {
    try {
      return parseTutorSettings(await this._tutorSettings(moduleId));
    } catch (reason) {
      console.warn(
        `jupyter-tutor: module ${moduleId} keeps the default tutor settings:`,
        reason
      );
      return DEFAULT_SETTINGS;
    }
  }

  private readonly _tutorSettings: (moduleId: string) => Promise<unknown>;
  private readonly _history: TutorHistoryStore;
  private readonly _onAnswered: (moduleId: string) => Promise<unknown>;
  private readonly _exercise: ExerciseLookup;
}
