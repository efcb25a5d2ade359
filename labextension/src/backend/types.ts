import { IDisposable } from '@lumino/disposable';
import { ISignal } from '@lumino/signaling';
import {
  CheckedPackageList,
  ClientConfig,
  ModuleSummary,
  OpenedModule,
  PackageRequest,
  Progress,
  ProgressUpdate,
  Snapshot,
  TutorAskFrame,
  TutorFrame,
  TutorHistory
} from '../contract/schema';

// The shapes both halves exchange are the contract's (jupyter_tutor/contract/schema.json).
export type {
  CheckedPackageList,
  ClientConfig,
  ModuleStatus,
  ModuleSummary,
  OpenedModule,
  PackageListProblem,
  PackageRequest,
  Progress,
  ProgressUpdate,
  Role,
  Snapshot,
  SnapshotReason,
  TutorAskFrame,
  TutorDeltaFrame,
  TutorEndFrame,
  TutorErrorCode,
  TutorErrorFrame,
  TutorFrame,
  TutorHistory,
  TutorHistoryMessage,
  TutorProvider,
  TutorReplaceFrame,
  TutorStartFrame,
  TutorUsage
} from '../contract/schema';

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

/**
 * A question for the tutor: an `ask` frame without what the connection adds.
 */
export type TutorQuestion = Omit<TutorAskFrame, 'type' | 'id'>;

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
