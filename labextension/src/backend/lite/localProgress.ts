import { PartialJSONObject } from '@lumino/coreutils';
import localforage from 'localforage';
import { MAX_NOTEBOOK_BYTES, SNAPSHOT_LIMIT } from '../../contract/constants';
import { MODULE_STATUS_VALUES } from '../../contract/schema';
import { TutorApiError } from '../errors';
import { ModuleStatus, Progress, ProgressUpdate, Snapshot } from '../types';
import { withLock } from './storageLock';

/** What the browser keeps per module; the server's progress row. */
type StoredProgress = {
  status: ModuleStatus;
  version: number;
  attempt_count: number;
  updated_at: string | null;
  notebook_state: PartialJSONObject | null;
};

/** A kept state as the browser stores it: with its notebook. */
type StoredSnapshot = Snapshot & { notebook_state: PartialJSONObject };

/** What the store needs of a localforage instance. */
export type ProgressStorage = Pick<
  LocalForage,
  'getItem' | 'setItem' | 'iterate'
>;

/** How much the store keeps: the server's defaults unless a test sets others. */
export type StoreLimits = { maxNotebookBytes: number; snapshotLimit: number };

const DEFAULT_LIMITS: StoreLimits = {
  maxNotebookBytes: MAX_NOTEBOOK_BYTES,
  snapshotLimit: SNAPSHOT_LIMIT
};

/**
 * Progress kept in the browser (IndexedDB through localforage, as
 * JupyterLite keeps its files), with the server's rules: statuses, a
 * version per accepted notebook save, a save from a stale version refused
 * with a 409 and kept aside, and the last saves kept as history. Each
 * change of a module holds that module's lock, so two tabs saving at once
 * are taken one after the other, as the server's transactions would.
 */
export class LocalProgressStore {
  constructor(
    private readonly _db: ProgressStorage = localforage.createInstance({
      name: 'jupyter-tutor',
      storeName: 'progress'
    }),
    private readonly _limits: StoreLimits = DEFAULT_LIMITS
  ) {}

  async all(): Promise<Map<string, Progress>> {
    const found = new Map<string, Progress>();
    await this._db.iterate<StoredProgress, void>((value, key) => {
      if (key.startsWith('progress:')) {
        const id = key.substring('progress:'.length);
        found.set(id, summary(id, value));
      }
    });
    return found;
  }

  async get(id: string): Promise<Progress> {
    const stored = await this._read(id);
    return { ...summary(id, stored), notebook_state: stored.notebook_state };
  }

  save(id: string, update: ProgressUpdate): Promise<Progress> {
    return withLock(lockName(id), () => this._save(id, update));
  }

  private async _save(id: string, update: ProgressUpdate): Promise<Progress> {
    refuseMalformed(update);
    const stored = await this._read(id);
    if (update.status !== undefined) {
      if (!MODULE_STATUS_VALUES.includes(update.status)) {
        throw new TutorApiError(
          400,
          'bad_request',
          `status must be one of ${MODULE_STATUS_VALUES.join(', ')}.`
        );
      }
      stored.status = update.status;
    }
    if (update.notebook_state !== undefined) {
      await this._saveState(id, stored, update);
    }
    return this._write(id, stored);
  }

  /** One more question answered by the tutor, as the server counts them. */
  countAttempt(id: string): Promise<Progress> {
    return withLock(lockName(id), async () => {
      const stored = await this._read(id);
      stored.attempt_count += 1;
      return this._write(id, stored);
    });
  }

  /** Newest first, without their notebooks. */
  async listSnapshots(id: string): Promise<Snapshot[]> {
    return (await this._snapshots(id))
      .map(({ notebook_state: _, ...snapshot }) => snapshot)
      .sort((a, b) => b.id - a.id);
  }

  /** Save a kept state as new work, by the rules of any save. */
  restore(
    id: string,
    snapshotId: number,
    baseVersion: number
  ): Promise<Progress> {
    return withLock(lockName(id), async () => {
      const snapshot = (await this._snapshots(id)).find(
        one => one.id === snapshotId
      );
      if (snapshot === undefined) {
        throw new TutorApiError(
          404,
          'not_found',
          `There is no saved snapshot ${snapshotId} for module '${id}'.`
        );
      }
      return this._save(id, {
        notebook_state: snapshot.notebook_state,
        base_version: baseVersion
      });
    });
  }

  /** Store a changed record, stamped with the time of the change. */
  private async _write(id: string, stored: StoredProgress): Promise<Progress> {
    stored.updated_at = new Date().toISOString();
    await this._db.setItem(`progress:${id}`, stored);
    return summary(id, stored);
  }

  private async _snapshots(id: string): Promise<StoredSnapshot[]> {
    return (await this._db.getItem<StoredSnapshot[]>(`snapshots:${id}`)) ?? [];
  }

  private async _saveState(
    id: string,
    stored: StoredProgress,
    update: ProgressUpdate
  ): Promise<void> {
    const state = update.notebook_state!;
    const size = new TextEncoder().encode(JSON.stringify(state)).length;
    const limit = this._limits.maxNotebookBytes;
    if (size > limit) {
      throw new TutorApiError(
        413,
        'too_large',
        `This notebook is ${size} bytes; at most ${limit} are saved.`,
        { max_bytes: limit }
      );
    }
    if (update.base_version !== stored.version) {
      const kept = await this._keep(id, {
        version: update.base_version ?? 0,
        reason: 'conflict',
        size_bytes: size,
        notebook_state: state
      });
      throw new TutorApiError(
        409,
        'conflict',
        'This notebook was saved from another tab after you opened it. Your copy was kept aside and nothing was overwritten; reopen the module to get the newer work.',
        {
          current_version: stored.version,
          updated_at: stored.updated_at,
          conflict_snapshot_id: kept
        }
      );
    }
    if (stored.notebook_state !== null) {
      await this._keep(id, {
        version: stored.version,
        reason: 'history',
        size_bytes: new TextEncoder().encode(
          JSON.stringify(stored.notebook_state)
        ).length,
        notebook_state: stored.notebook_state
      });
    }
    stored.notebook_state = state;
    stored.version += 1;
  }

  /** Keep a snapshot, and only the newest few of its kind. */
  private async _keep(
    id: string,
    snapshot: Omit<StoredSnapshot, 'id' | 'created_at'>
  ): Promise<number> {
    const all = await this._snapshots(id);
    const next = all.reduce((top, one) => Math.max(top, one.id), 0) + 1;
    all.push({ ...snapshot, id: next, created_at: new Date().toISOString() });
    const ofKind = all.filter(one => one.reason === snapshot.reason);
    const dropped = new Set(
      ofKind.slice(0, Math.max(0, ofKind.length - this._limits.snapshotLimit))
    );
    await this._db.setItem(
      `snapshots:${id}`,
      all.filter(one => !dropped.has(one))
    );
    return next;
  }

  private async _read(id: string): Promise<StoredProgress> {
    return (
      (await this._db.getItem<StoredProgress>(`progress:${id}`)) ?? {
        status: 'not_started',
        version: 0,
        attempt_count: 0,
        updated_at: null,
        notebook_state: null
      }
    );
  }
}

/**
 * The server's refusals of a change that cannot be applied (`progress/request.py`):
 * nothing to change, a state without the version it was edited from, or one that
 * is not a notebook at all (the server checks nbformat's whole schema).
 */
function refuseMalformed(update: ProgressUpdate): void {
  const state: unknown = update.notebook_state;
  let problem: string | null = null;
  if (update.status === undefined && state === undefined) {
    problem = 'Send at least one of status or notebook_state.';
  } else if (state !== undefined && update.base_version === undefined) {
    problem =
      'base_version is required with notebook_state, so a stale copy can never overwrite newer work.';
  } else if (state !== undefined && !isNotebook(state)) {
    problem = 'notebook_state is not a valid notebook (nbformat 4).';
  }
  if (problem !== null) {
    throw new TutorApiError(400, 'bad_request', problem);
  }
}

function isNotebook(state: unknown): boolean {
  const notebook = state as { [key: string]: unknown } | null;
  return (
    typeof notebook === 'object' &&
    notebook !== null &&
    !Array.isArray(notebook) &&
    Array.isArray(notebook.cells) &&
    typeof notebook.metadata === 'object' &&
    notebook.nbformat === 4 &&
    Number.isInteger(notebook.nbformat_minor)
  );
}

function summary(id: string, stored: StoredProgress): Progress {
  return {
    module_id: id,
    status: stored.status,
    version: stored.version,
    attempt_count: stored.attempt_count,
    updated_at: stored.updated_at
  };
}

/** One lock per module: saves of different modules do not wait for each other. */
function lockName(id: string): string {
  return `jupyter-tutor-progress:${id}`;
}
