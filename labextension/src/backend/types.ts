import { PartialJSONObject } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';

/**
 * Where a student stands on one learning module.
 */
export type ModuleStatus = 'not_started' | 'in_progress' | 'completed';

/**
 * A learning module as listed for the current student.
 */
export type ModuleSummary = {
  id: string;
  title: string;
  description: string;
  notebook_filename: string;
  order: number;
  status: ModuleStatus;
  /** ISO 8601 time of the student's last change, or null if never started. */
  updated_at: string | null;
};

/**
 * The student's saved progress on one module.
 */
export type Progress = {
  module_id: string;
  status: ModuleStatus;
  /** Incremented by every accepted notebook state: the optimistic-lock token. */
  version: number;
  attempt_count: number;
  updated_at: string | null;
  /** Only present when a single module's progress is read. */
  notebook_state?: PartialJSONObject | null;
};

/**
 * A change to the student's progress. A `notebook_state` must come with the
 * `base_version` it was edited from, so work saved elsewhere is never
 * overwritten silently.
 */
export type ProgressUpdate = {
  status?: ModuleStatus;
  notebook_state?: PartialJSONObject;
  base_version?: number;
};

/**
 * The student's working copy of a module, ready to be opened.
 */
export type OpenedModule = {
  /** Path of the working copy, relative to the file browser root. */
  path: string;
  /** The working copy did not exist and was just written. */
  created: boolean;
  /** The working copy was (re)written from the saved progress. */
  restored: boolean;
  /** Where the replaced working copy was kept, if one was replaced. */
  backup_path: string | null;
  progress: Progress;
};

/**
 * Settings chosen by whoever runs the course.
 */
export type ClientConfig = {
  username: string;
  /** Suggested auto-save interval, used unless the student chose their own. */
  autosave_interval_seconds: number;
  max_notebook_bytes: number;
  working_copy_dir: string;
};

/**
 * Everything the frontend features need from wherever progress is stored.
 *
 * Failures reject with a `TutorApiError`.
 */
export interface ITutorBackend {
  /** Emitted after this client changed the stored progress of a module. */
  readonly progressChanged: ISignal<ITutorBackend, Progress>;

  /** Emitted after a module's working copy was created or restored. */
  readonly moduleOpened: ISignal<ITutorBackend, OpenedModule>;

  getConfig(): Promise<ClientConfig>;

  /** All modules in course order, with the student's status. */
  listModules(): Promise<ModuleSummary[]>;

  /**
   * Create or restore the student's working copy of a module and mark the
   * module in progress.
   */
  openModule(id: string): Promise<OpenedModule>;

  /** The module's progress, including its saved notebook state. */
  getProgress(id: string): Promise<Progress>;

  /** Store a change; resolves with the new progress (without notebook state). */
  saveProgress(id: string, update: ProgressUpdate): Promise<Progress>;

  /**
   * Hand a last change over for delivery while the page is being unloaded,
   * when nothing can be awaited any more.
   *
   * @returns false if the change cannot be delivered this way (for example
   * because it is too large), so it was not sent.
   */
  saveProgressOnUnload(id: string, update: ProgressUpdate): boolean;
}
