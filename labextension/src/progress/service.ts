import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';
import { Progress, ProgressUpdate, Snapshot } from '../backend/types';

/**
 * The student's stored progress on each module: status, saved notebook and
 * the kept versions of it.
 *
 * Failures reject with a `TutorApiError`.
 */
export interface IProgressService {
  /** Emitted after this client changed the stored progress of a module. */
  readonly progressChanged: ISignal<IProgressService, Progress>;

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
}

export const IProgressService = new Token<IProgressService>(
  'jupyter-tutor:IProgressService',
  "Stores the student's progress on each module: status, saved work and its kept versions."
);
