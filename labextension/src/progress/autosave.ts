import { NotebookActions, NotebookPanel } from '@jupyterlab/notebook';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { TutorApiError } from '../backend/errors';
import { parseTimestamp } from '../backend/timestamps';
import { OpenedModule, ProgressUpdate } from '../backend/types';
import { IModuleService } from '../modules/service';
import { IProgressService } from './service';
import { describeSaveFailure } from './saveFailure';
import { SaveState } from './saveState';
import { isOlderThanSavedWork } from './staleCopy';
import { notebookContent } from './workingCopy';

/**
 * Quiet time after a cell execution before saving, so that running many
 * cells (Run All) saves once at the end.
 */
const EXECUTION_QUIET_MS = 2000;

/**
 * Saves a module working copy to the student's progress: every few seconds
 * and after cells run, whenever it changed.
 *
 * Each save sends the notebook with the progress version it was edited
 * from, then writes the file too, so both hold the same work. If newer work
 * was saved elsewhere (another tab or machine) the backend refuses it and
 * auto-saving stops until the module is reopened, which brings that newer
 * work into this notebook.
 */
export class WorkingCopyAutosave implements IDisposable {
  constructor(options: WorkingCopyAutosave.IOptions) {
    this.moduleId = options.moduleId;
    this._progress = options.progress;
    this._panel = options.panel;
    this._intervalSeconds = options.intervalSeconds;
    this._panel.context.model.contentChanged.connect(this._onChange, this);
    NotebookActions.executed.connect(this._onExecuted, this);
    options.modules.moduleOpened.connect(this._onModuleOpened, this);
    void this._enqueue(() => this._loadSavedVersion());
    this._startTimer();
  }

  readonly moduleId: string;

  get state(): SaveState {
    return this._state;
  }

  get stateChanged(): ISignal<this, SaveState> {
    return this._stateChanged;
  }

  /** Auto-saving stopped because newer work was saved elsewhere. */
  get isHalted(): boolean {
    return this._state.kind === 'conflict';
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  set intervalSeconds(seconds: number) {
    this._intervalSeconds = seconds;
    if (!this.isHalted) {
      this._startTimer();
    }
  }

  /**
   * Save if the notebook changed since the last save. Never rejects: the
   * outcome is the new `state`.
   */
  save(): Promise<void> {
    if (this._pendingSave === null) {
      this._pendingSave = this._enqueue(() => {
        this._pendingSave = null;
        return this._saveOnce();
      });
    }
    return this._pendingSave;
  }

  /** Save even if nothing changed, as the student asked for it. */
  saveNow(): Promise<void> {
    this._changed = true;
    return this.save();
  }

  /**
   * Hand the unsaved changes to the backend's unload delivery: the page is
   * going away and nothing can be awaited.
   */
  saveOnUnload(): void {
    const unsaved = this._changed || this._saving;
    if (this.isHalted || this._baseVersion === null || !unsaved) {
      return;
    }
    if (
      this._progress.saveProgressOnUnload(
        this.moduleId,
        this._update(this._baseVersion)
      )
    ) {
      this._changed = false;
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._stopTimers();
    Signal.clearData(this);
  }

  private _enqueue(task: () => Promise<void>): Promise<void> {
    this._queue = this._queue.then(task);
    return this._queue;
  }

  private async _saveOnce(): Promise<void> {
    if (this._isDisposed || this.isHalted || !this._changed) {
      return;
    }
    this._changed = false;
    this._saving = true;
    this._setState({ kind: 'saving' });
    try {
      const baseVersion =
        this._baseVersion ?? (await this._syncWithSavedWork());
      if (baseVersion === null) {
        return;
      }
      const progress = await this._progress.saveProgress(
        this.moduleId,
        this._update(baseVersion)
      );
      this._baseVersion = progress.version;
      // The file is written only once the backend accepted the work: after a
      // refusal, a file newer than the work saved elsewhere would stop
      // reopening the module from restoring that work.
      const context = this._panel.context;
      if (context.model.dirty) {
        await context.save();
      }
      this._setState({ kind: 'saved', at: new Date() });
    } catch (reason) {
      if (reason instanceof TutorApiError && reason.status === 409) {
        this._halt(reason.updatedAt);
      } else {
        this._changed = true;
        this._setState({ kind: 'failed', reason: describeSaveFailure(reason) });
      }
    } finally {
      this._saving = false;
    }
  }

  private _update(baseVersion: number): ProgressUpdate {
    return {
      notebook_state: notebookContent(this._panel.context.model),
      base_version: baseVersion
    };
  }

  private async _loadSavedVersion(): Promise<void> {
    try {
      await this._syncWithSavedWork();
    } catch (reason) {
      // Retried by the next save.
      this._setState({ kind: 'failed', reason: describeSaveFailure(reason) });
    }
  }

  /**
   * Learn the version this notebook continues from.
   *
   * @returns the version, or null if the saved work is newer than this
   * notebook (then auto-saving stops rather than overwrite it).
   */
  private async _syncWithSavedWork(): Promise<number | null> {
    const progress = await this._progress.getProgress(this.moduleId);
    if (isOlderThanSavedWork(this._panel.context, progress)) {
      this._halt(progress.updated_at);
      return null;
    }
    this._baseVersion = progress.version;
    return progress.version;
  }

  private _halt(newerWorkSavedAt: string | null): void {
    this._stopTimers();
    this._setState({
      kind: 'conflict',
      newerWorkSavedAt: parseTimestamp(newerWorkSavedAt)
    });
  }

  /**
   * When the module is reopened onto this very file, the backend may have
   * rewritten the file with newer saved work: load it and continue from it.
   * If it left the file alone, the saved version may still have moved on
   * (a saved version restored with the same cells): learn it again, by the
   * rule used when the notebook opened.
   */
  private _onModuleOpened(_: IModuleService, opened: OpenedModule): void {
    if (
      opened.progress.module_id !== this.moduleId ||
      opened.path !== this._panel.context.localPath
    ) {
      return;
    }
    if (opened.restored || this.isHalted) {
      void this._enqueue(() => this._reload(opened.progress.version));
    } else {
      void this._enqueue(() => this._loadSavedVersion());
    }
  }

  private async _reload(version: number): Promise<void> {
    try {
      await this._panel.context.revert();
      this._baseVersion = version;
      this._changed = false;
      this._setState({ kind: 'idle' });
      this._startTimer();
    } catch (reason) {
      this._setState({ kind: 'failed', reason: describeSaveFailure(reason) });
    }
  }

  private _onChange(): void {
    this._changed = true;
  }

  private _onExecuted(
    _: unknown,
    args: { notebook: NotebookPanel['content'] }
  ): void {
    if (args.notebook === this._panel.content && !this.isHalted) {
      this._saveWhenExecutionSettles();
    }
  }

  private _saveWhenExecutionSettles(): void {
    window.clearTimeout(this._executionTimer);
    this._executionTimer = window.setTimeout(() => {
      const kernel = this._panel.sessionContext.session?.kernel;
      if (kernel?.status === 'busy') {
        this._saveWhenExecutionSettles();
      } else {
        void this.save();
      }
    }, EXECUTION_QUIET_MS);
  }

  private _startTimer(): void {
    window.clearInterval(this._intervalTimer);
    this._intervalTimer = window.setInterval(
      () => void this.save(),
      this._intervalSeconds * 1000
    );
  }

  private _stopTimers(): void {
    window.clearInterval(this._intervalTimer);
    window.clearTimeout(this._executionTimer);
  }

  private _setState(state: SaveState): void {
    this._state = state;
    this._stateChanged.emit(state);
  }

  private readonly _progress: IProgressService;
  private readonly _panel: NotebookPanel;
  private _intervalSeconds: number;
  private _intervalTimer: number | undefined = undefined;
  private _executionTimer: number | undefined = undefined;
  /** The progress version this notebook was last saved as or loaded from. */
  private _baseVersion: number | null = null;
  /** Changed since the last save started. */
  private _changed = false;
  private _saving = false;
  /** Saves and reloads run one at a time, in order. */
  private _queue: Promise<void> = Promise.resolve();
  private _pendingSave: Promise<void> | null = null;
  private _state: SaveState = { kind: 'idle' };
  private _stateChanged = new Signal<this, SaveState>(this);
  private _isDisposed = false;
}

export namespace WorkingCopyAutosave {
  export interface IOptions {
    modules: IModuleService;
    progress: IProgressService;
    panel: NotebookPanel;
    moduleId: string;
    intervalSeconds: number;
  }
}
