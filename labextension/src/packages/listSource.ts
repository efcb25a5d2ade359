import { NotebookPanel } from '@jupyterlab/notebook';
import { PartialJSONObject } from '@lumino/coreutils';
import { TutorApiError } from '../backend/errors';
import { CheckedPackageList, PackageRequest } from '../backend/types';
import { notebookModule } from '../tutor/notebookModule';
import { IPackageService } from './service';

/** A package list as the panel shows it and the kernel loads it. */
export type StoredPackageList = CheckedPackageList & { can_edit: boolean };

/**
 * Where the list of a notebook lives: a module's list is the one in its
 * source notebook on the server (so every working copy follows it); any
 * other notebook's list is its own metadata.
 */
export interface IPackageListSource {
  /** Equal for every notebook that shares the list. */
  readonly key: string;
  readonly title: string;
  /** The module, for load logs; null for other notebooks. */
  readonly moduleId: string | null;
  /**
   * Whether kernels check the default set when no list is declared: yes
   * for course modules, no for a notebook that never asked for packages.
   */
  readonly loadsDefault: boolean;
  load(): Promise<StoredPackageList>;
  /** Store the list; resolves with it as stored. */
  save(packages: PackageRequest[]): Promise<PackageRequest[]>;
}

/** The source of a notebook's list; its context must be ready. */
export function packageListSource(
  service: IPackageService,
  notebook: NotebookPanel
): IPackageListSource {
  const module = notebookModule(notebook.context.model);
  if (module) {
    return {
      key: `module:${module.id}`,
      title: module.title,
      moduleId: module.id,
      loadsDefault: true,
      load: () => service.modulePackages(module.id),
      save: packages => service.saveModulePackages(module.id, packages)
    };
  }
  return new NotebookListSource(service, notebook);
}

/** A plain notebook's list, in its own `jupyter_tutor.packages` metadata. */
class NotebookListSource implements IPackageListSource {
  constructor(
    private readonly _service: IPackageService,
    private readonly _notebook: NotebookPanel
  ) {
    this.key = `notebook:${_notebook.context.path}`;
    this.title = _notebook.title.label || _notebook.context.path;
  }

  readonly key: string;
  readonly title: string;
  readonly moduleId = null;
  readonly loadsDefault = false;

  async load(): Promise<StoredPackageList> {
    const checked = await this._service.checkPackageList(
      this._tutorMetadata().packages ?? null
    );
    return { ...checked, can_edit: !this._notebook.context.model.readOnly };
  }

  async save(packages: PackageRequest[]): Promise<PackageRequest[]> {
    const checked = await this._service.checkPackageList(packages);
    if (checked.problems.length > 0) {
      // The same words a module list's refusal gives.
      const reasons = checked.problems.map(
        problem => `entry ${problem.index + 1}: ${problem.reason}`
      );
      throw new TutorApiError(400, 'invalid_request', reasons.join('; '));
    }
    const { context } = this._notebook;
    context.model.setMetadata('jupyter_tutor', {
      ...this._tutorMetadata(),
      packages: checked.packages
    });
    await context.save();
    return checked.packages;
  }

  private _tutorMetadata(): PartialJSONObject {
    const value = this._notebook.context.model.getMetadata('jupyter_tutor');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as PartialJSONObject)
      : {};
  }
}
