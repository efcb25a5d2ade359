import { ModuleStatus } from '../backend/types';
import { IModuleService } from '../modules/service';
import { IProgressService } from './service';

/**
 * Where the student stands on each module, as this client last heard: from
 * the module list, then from every open and save. Commands read it to offer
 * only what makes sense (nothing to complete in a module never opened).
 */
export class ModuleStatuses {
  constructor(
    private readonly _modules: IModuleService,
    progress: IProgressService
  ) {
    progress.progressChanged.connect((_, progress) => {
      this._statuses.set(progress.module_id, progress.status);
    });
  }

  /** Read every module's status from the module list. */
  async refresh(): Promise<void> {
    for (const module of await this._modules.listModules()) {
      this._statuses.set(module.id, module.status);
    }
  }

  status(id: string): ModuleStatus {
    return this._statuses.get(id) ?? 'not_started';
  }

  private readonly _statuses = new Map<string, ModuleStatus>();
}
