import { IDisposable } from '@lumino/disposable';
import { ISignal } from '@lumino/signaling';
import {
  CheckedPackageList,
  PackageRequest,
  TutorAskFrame,
  TutorFrame
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
