import { PartialJSONObject } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
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
 * An earlier state of a module's notebook that the backend kept: a save
 * that a newer one replaced (`history`), or a copy refused because newer
 * work was saved elsewhere (`conflict`).
 */
export type Snapshot = {
  id: number;
  version: number;
  reason: 'history' | 'conflict';
  created_at: string;
  size_bytes: number;
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
  /** What the server lets this user do; the server checks it on every request. */
  role: Role;
  /** Suggested auto-save interval, used unless the student chose their own. */
  autosave_interval_seconds: number;
  max_notebook_bytes: number;
  working_copy_dir: string;
};

/** Who may do what: learners read, instructors edit lists, admins edit the catalog. */
export type Role = 'learner' | 'instructor' | 'admin';

/**
 * A package a module needs, in load order (`metadata.jupyter_tutor.packages`).
 */
export type PackageRequest = {
  /** Distribution name (PEP 508). */
  name: string;
  /** PEP 440 specifier such as `>=1.26`. */
  version?: string;
  required: boolean;
};

/** Why an entry of a package list was left out or refused. */
export type PackageListProblem = {
  /** The entry's position in the list, or -1 for the list as a whole. */
  index: number;
  reason: string;
};

/** The package list that counts for a module: the one in its source notebook. */
/** A declared list as loading sees it: its valid entries and what is wrong with the others. */
export type CheckedPackageList = {
  packages: PackageRequest[];
  problems: PackageListProblem[];
  /** The notebook declares no list, so the default set applies. */
  is_default: boolean;
};

export type ModulePackages = CheckedPackageList & {
  module_id: string;
  can_edit: boolean;
};

export type PackageCategory =
  | 'data-science'
  | 'visualization'
  | 'ml'
  | 'scientific'
  | 'web'
  | 'utilities'
  | 'other';

/** A package of the catalog. */
export type CatalogPackage = {
  name: string;
  display_name: string;
  description: string;
  category: PackageCategory;
  pyodide_compatible: boolean;
  install_via_micropip: boolean;
  /** Seconds, or null if unknown. */
  load_time_estimate: number | null;
  docs_url: string | null;
  size_bytes: number | null;
  version: string | null;
  /** Top-level import names, the usual one first. */
  imports: string[];
  /**
   * In a JupyterLite site built offline: whether the site ships the package.
   * Absent (or null) where the question does not arise.
   */
  available_offline?: boolean | null;
};

export type CatalogQuery = {
  /** Text found in the name, display name, description or category. */
  q?: string;
  category?: PackageCategory;
  /** Only packages that run in the browser (Pyodide). */
  compatible_only?: boolean;
};

export type PackageCatalog = {
  packages: CatalogPackage[];
  /** The Pyodide version the catalog was built from. */
  pyodide: string;
};

/** One attempt to load a package in a kernel, for the course's analytics. */
export type PackageLoadLog = {
  package: string;
  load_time_ms: number;
  success: boolean;
  error?: string;
  kernel_name: string;
  python_version?: string;
  pyodide_version?: string;
  module_slug?: string;
  notebook_path?: string;
};

export type PackageAnalytics = {
  most_failed: {
    package: string;
    failures: number;
    attempts: number;
    failure_rate: number;
  }[];
  load_times: { package: string; average_ms: number; loads: number }[];
};

/** A named list of packages instructors can apply to a module. */
export type PackageSet = {
  id: number;
  name: string;
  description: string;
  is_default: boolean;
  packages: PackageRequest[];
  updated_by: string | null;
  updated_at: string | null;
};

/**
 * Everything the frontend features need from wherever progress is stored
 * and the tutor answers.
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

  /** The kept states of a module's notebook, newest first. */
  listSnapshots(id: string): Promise<Snapshot[]>;

  /**
   * Make a kept state the module's current work; the work it replaces is
   * kept in turn. Refused with a 409 unless `baseVersion` is the current
   * version.
   */
  restoreSnapshot(
    id: string,
    snapshotId: number,
    baseVersion: number
  ): Promise<Progress>;

  /** The student's conversation with the tutor about a module, oldest first. */
  tutorHistory(moduleId: string): Promise<TutorHistory>;

  /**
   * Connect to the tutor for a module. The connection reconnects by itself
   * when it drops, until it is disposed.
   */
  openTutorConnection(moduleId: string): ITutorConnection;

  /** Catalog packages matching the query, by name. */
  packageCatalog(query?: CatalogQuery): Promise<PackageCatalog>;

  /** The package list that counts for a module. */
  modulePackages(moduleId: string): Promise<ModulePackages>;

  /**
   * Replace a module's package list (instructors). A list with invalid
   * entries is refused with a 400 whose `problems` name them.
   */
  saveModulePackages(
    moduleId: string,
    packages: PackageRequest[]
  ): Promise<PackageRequest[]>;

  /**
   * Validate a notebook's own `jupyter_tutor.packages` value (`null` when it
   * declares none). Nothing is stored.
   */
  checkPackageList(raw: unknown): Promise<CheckedPackageList>;

  /** Packages the code imports (or declares in PEP 723) that `current` lacks. */
  detectPackages(
    cells: string[],
    current: PackageRequest[]
  ): Promise<PackageRequest[]>;

  /** Record load attempts; resolves with how many were recorded. */
  recordPackageLoads(logs: PackageLoadLog[]): Promise<number>;

  /** Most-failed packages and load times (instructors). */
  packageAnalytics(): Promise<PackageAnalytics>;

  packageSets(): Promise<PackageSet[]>;
}

/** Where a tutor answer came from: the language model or the offline hints. */
export type TutorProvider = 'llm' | 'offline';

/**
 * A question for the tutor. The cell code and error output are hidden
 * context: they inform the answer but are not shown as chat messages.
 */
export type TutorQuestion = {
  content: string;
  /** The student's current cell, or '' to leave it out. */
  cell_code: string;
  /** Its latest error (`ename: evalue` and traceback), or '' to leave it out. */
  error_output: string;
  /** Ask for the next hint level on the same problem. */
  more_help?: boolean;
  /** Answer the last unanswered question again. */
  retry?: boolean;
};

/**
 * Why an answer failed. `disconnected` is not sent by the server: the
 * connection reports it when it dropped before the answer ended.
 */
export type TutorErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'rate_limited'
  | 'token_limit'
  | 'llm_unavailable'
  | 'llm_timeout'
  | 'llm_auth'
  | 'stream_cut'
  | 'internal_error'
  | 'disconnected';

export type TutorUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
};

/** An answer begins, at this hint level. */
export type TutorStartFrame = {
  type: 'start';
  id: string;
  level: number;
  level_name: string;
  max_level: number;
  same_problem: boolean;
  provider: TutorProvider;
};

/** More answer text, to append. */
export type TutorDeltaFrame = { type: 'delta'; id: string; text: string };

/** The answer was rewritten: show this text instead of what was streamed. */
export type TutorReplaceFrame = { type: 'replace'; id: string; text: string };

export type TutorEndFrame = {
  type: 'end';
  id: string;
  /** The stored answer, or null if it was stopped. */
  message_id: number | null;
  usage: TutorUsage;
  /** Some of the answer was held back because it gave too much away. */
  guarded: boolean;
  /** The student stopped the answer. */
  stopped: boolean;
};

export type TutorErrorFrame = {
  type: 'error';
  /** The question it answers; null when the frame sent could not be read. */
  id: string | null;
  code: TutorErrorCode;
  message: string;
  retryable: boolean;
  /** Some answer text was already sent. */
  partial: boolean;
  /** When a limit resets (ISO 8601). */
  reset_at?: string;
};

/** What the tutor sends while answering, each frame naming its question. */
export type TutorFrame =
  | TutorStartFrame
  | TutorDeltaFrame
  | TutorReplaceFrame
  | TutorEndFrame
  | TutorErrorFrame;

export type TutorConnectionStatus = 'connecting' | 'open' | 'closed';

/**
 * A live conversation with the tutor about one module.
 */
export interface ITutorConnection extends IDisposable {
  readonly moduleId: string;

  readonly status: TutorConnectionStatus;

  readonly statusChanged: ISignal<ITutorConnection, TutorConnectionStatus>;

  /** Every frame of every answer, in order. */
  readonly frameReceived: ISignal<ITutorConnection, TutorFrame>;

  /**
   * Ask a question; its answer's frames carry the returned id. If the
   * connection cannot deliver it, a `disconnected` error frame follows.
   */
  ask(question: TutorQuestion): string;

  /** Stop the answer to the question `id`; an `end` frame follows. */
  stop(id: string): void;
}

export type TutorHistoryMessage = {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  created_at: string;
  /** The hint level of the question, or of the answer, and its name. */
  level: number | null;
  level_name: string | null;
  same_problem: boolean | null;
  provider: TutorProvider | null;
  /** An answer that was cut short. */
  partial: boolean;
};

export type TutorHistory = {
  messages: TutorHistoryMessage[];
  /** The level of the latest question, or null before the first one. */
  level: number | null;
  max_level: number;
  /** Where answers come from now. */
  provider: TutorProvider;
};
