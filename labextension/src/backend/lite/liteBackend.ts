import { Contents } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { TutorApiError } from '../errors';
import {
  CatalogQuery,
  CheckedPackageList,
  ClientConfig,
  ITutorConnection,
  ModulePackages,
  ModuleSummary,
  OpenedModule,
  PackageCatalog,
  PackageRequest,
  PackageSet,
  Progress,
  ProgressUpdate,
  Snapshot,
  TutorHistory
} from '../types';
import { IClientConfig } from '../token';
import { IModuleService } from '../../modules/service';
import { IPackageService } from '../../packages/service';
import { IProgressService } from '../../progress/service';
import { ITutorService } from '../../tutor/service';
import { IExercises } from '../../exercises/token';
import { checkPackageList } from './packageListCheck';
import { SiteCatalog, SiteModule, siteModule } from './siteCatalog';
import { openWorkingCopy } from './workingCopy';

/**
 * Where a Lite site's progress and tutor live: in the browser, or on a
 * jupyter-tutor server (remote mode) — both speak the backend's own terms.
 */
export type LiteServices = IClientConfig &
  Omit<IProgressService, 'progressChanged'> &
  ITutorService & {
    /**
     * Status and last change of every module the student touched, and
     * its card's exercise count where known.
     */
    statuses(): Promise<
      Map<string, Pick<ModuleSummary, 'status' | 'updated_at' | 'exercises'>>
    >;
    /** The exercises' checks and the student's runs on them. */
    exercises: IExercises;
  };

/**
 * The backend of a JupyterLite course site: modules, packages and package
 * sets from the catalog the site was built with, working copies in the
 * site's browser storage, progress and the tutor from `services`. It
 * detects no packages and keeps no course-wide package analytics: those
 * need a server.
 */
export class LiteTutorBackend
  implements
    IClientConfig,
    IModuleService,
    IProgressService,
    ITutorService,
    IPackageService
{
  constructor(
    private readonly _catalog: Promise<SiteCatalog>,
    private readonly _contents: Contents.IManager,
    private readonly _services: LiteServices
  ) {}

  get progressChanged(): Signal<this, Progress> {
    return this._progressChanged;
  }

  get moduleOpened(): Signal<this, OpenedModule> {
    return this._moduleOpened;
  }

  async getConfig(): Promise<ClientConfig> {
    return {
      ...(await this._services.getConfig()),
      working_copy_dir: (await this._catalog).working_copy_dir
    };
  }

  async listModules(): Promise<ModuleSummary[]> {
    const [catalog, statuses] = await Promise.all([
      this._catalog,
      this._services.statuses()
    ]);
    return [...catalog.modules]
      .sort((a, b) => a.order - b.order)
      .map(module => ({
        id: module.id,
        title: module.title,
        description: module.description,
        notebook_filename: module.notebook_filename,
        order: module.order,
        status: statuses.get(module.id)?.status ?? 'not_started',
        updated_at: statuses.get(module.id)?.updated_at ?? null,
        exercises: statuses.get(module.id)?.exercises ?? {
          passed: 0,
          total: module.exercises.length
        }
      }));
  }

  async openModule(id: string): Promise<OpenedModule> {
    const module = await this._module(id);
    const folder = (await this._catalog).working_copy_dir;
    let progress = await this._services.getProgress(id);
    const copy = await openWorkingCopy(this._contents, {
      path: `${folder}/${module.notebook_filename}`,
      coursePath: module.notebook_path,
      savedState: progress.notebook_state ?? null,
      savedAt: progress.updated_at
    });
    if (progress.status === 'not_started') {
      progress = await this._services.saveProgress(id, {
        status: 'in_progress'
      });
    }
    const opened = { ...copy, progress };
    this._moduleOpened.emit(opened);
    this._progressChanged.emit(progress);
    return opened;
  }

  getProgress(id: string): Promise<Progress> {
    return this._services.getProgress(id);
  }

  async saveProgress(id: string, update: ProgressUpdate): Promise<Progress> {
    const progress = await this._services.saveProgress(id, update);
    this._progressChanged.emit(progress);
    return progress;
  }

  listSnapshots(id: string): Promise<Snapshot[]> {
    return this._services.listSnapshots(id);
  }

  async restoreSnapshot(
    id: string,
    snapshotId: number,
    baseVersion: number
  ): Promise<Progress> {
    const progress = await this._services.restoreSnapshot(
      id,
      snapshotId,
      baseVersion
    );
    this._progressChanged.emit(progress);
    return progress;
  }

  saveProgressOnUnload(id: string, update: ProgressUpdate): boolean {
    return this._services.saveProgressOnUnload(id, update);
  }

  tutorHistory(moduleId: string): Promise<TutorHistory> {
    return this._services.tutorHistory(moduleId);
  }

  openTutorConnection(moduleId: string): ITutorConnection {
    return this._services.openTutorConnection(moduleId);
  }

  async packageCatalog(query: CatalogQuery = {}): Promise<PackageCatalog> {
    const catalog = await this._catalog;
    const text = (query.q ?? '').trim().toLowerCase();
    const packages = catalog.packages.filter(
      entry =>
        (!query.category || entry.category === query.category) &&
        (!query.compatible_only || entry.pyodide_compatible) &&
        (text === '' ||
          [entry.name, entry.display_name, entry.description, entry.category]
            .join(' ')
            .toLowerCase()
            .includes(text))
    );
    return { packages, pyodide: catalog.pyodide_version };
  }

  async modulePackages(moduleId: string): Promise<ModulePackages> {
    const module = await this._module(moduleId);
    return {
      module_id: module.id,
      packages: module.packages,
      problems: module.package_problems,
      is_default: module.packages_is_default,
      // The list is part of the site: it changes when the site is rebuilt.
      can_edit: false
    };
  }

  saveModulePackages(): Promise<PackageRequest[]> {
    return Promise.reject(
      new TutorApiError(
        403,
        'forbidden',
        "This course site was built from the course notebooks: change a module's packages in its notebook (JupyterLab) and rebuild the site."
      )
    );
  }

  async checkPackageList(raw: unknown): Promise<CheckedPackageList> {
    return checkPackageList(raw, (await this._catalog).default_packages);
  }

  async packageSets(): Promise<PackageSet[]> {
    return (await this._catalog).package_sets;
  }

  private _module(id: string): Promise<SiteModule> {
    return siteModule(this._catalog, id);
  }

  private readonly _progressChanged = new Signal<this, Progress>(this);
  private readonly _moduleOpened = new Signal<this, OpenedModule>(this);
}
