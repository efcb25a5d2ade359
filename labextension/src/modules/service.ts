import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';
import { ModuleSummary, OpenedModule } from '../backend/types';

/**
 * The course's learning modules and the student's working copies of them.
 *
 * Failures reject with a `TutorApiError`.
 */
export interface IModuleService {
  /** Emitted after a module's working copy was created or restored. */
  readonly moduleOpened: ISignal<IModuleService, OpenedModule>;

  /** All modules in course order, with the student's status. */
  listModules(): Promise<ModuleSummary[]>;

  /**
   * Create or restore the student's working copy of a module and mark the
   * module in progress.
   */
  openModule(id: string): Promise<OpenedModule>;
}

export const IModuleService = new Token<IModuleService>(
  'jupyter-tutor:IModuleService',
  "Lists the course's learning modules and opens the student's working copy of one."
);
