import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { KeepaliveSender } from './keepalive';
import { apiUrl, requestAPI } from './request';
import { ServerTutorConnection } from './tutorConnection';
import {
  CatalogQuery,
  CheckedPackageList,
  ClientConfig,
  ITutorConnection,
  ModulePackages,
  ModuleSummary,
  OpenedModule,
  PackageAnalytics,
  PackageCatalog,
  PackageLoadLog,
  PackageRequest,
  PackageSet,
  Progress,
  ProgressUpdate,
  Snapshot,
  TutorHistory
} from './types';
import { IClientConfig } from './token';
import { IModuleService } from '../modules/service';
import {
  IPackageDetector,
  IPackageLoadAnalytics,
  IPackageService
} from '../packages/service';
import { IProgressService } from '../progress/service';
import { ITutorService } from '../tutor/service';

/**
 * The tutor backend served by the jupyter-tutor server extension, under
 * `{baseUrl}jupyter-tutor/api/`.
 */
export class ServerTutorBackend
  implements
    IClientConfig,
    IModuleService,
    IProgressService,
    ITutorService,
    IPackageService,
    IPackageDetector,
    IPackageLoadAnalytics
{
  constructor(private readonly _settings: ServerConnection.ISettings) {
    this._keepalive = new KeepaliveSender(_settings);
  }

  /** How this server is reached, for the features that call it themselves. */
  get serverSettings(): ServerConnection.ISettings {
    return this._settings;
  }

  get progressChanged(): Signal<this, Progress> {
    return this._progressChanged;
  }

  get moduleOpened(): Signal<this, OpenedModule> {
    return this._moduleOpened;
  }

  getConfig(): Promise<ClientConfig> {
    return this._request<ClientConfig>('GET', ['config']);
  }

  async listModules(): Promise<ModuleSummary[]> {
    const reply = await this._request<{ modules: ModuleSummary[] }>('GET', [
      'modules'
    ]);
    return reply.modules;
  }

  async openModule(id: string): Promise<OpenedModule> {
    const opened = await this._request<OpenedModule>('POST', [
      'modules',
      id,
      'open'
    ]);
    this._moduleOpened.emit(opened);
    this._progressChanged.emit(opened.progress);
    return opened;
  }

  getProgress(id: string): Promise<Progress> {
    return this._request<Progress>('GET', ['progress', id]);
  }

  async saveProgress(id: string, update: ProgressUpdate): Promise<Progress> {
    const progress = await this._request<Progress>(
      'PUT',
      ['progress', id],
      update
    );
    this._progressChanged.emit(progress);
    return progress;
  }

  async listSnapshots(id: string): Promise<Snapshot[]> {
    const reply = await this._request<{ snapshots: Snapshot[] }>('GET', [
      'progress',
      id,
      'snapshots'
    ]);
    return reply.snapshots;
  }

  async restoreSnapshot(
    id: string,
    snapshotId: number,
    baseVersion: number
  ): Promise<Progress> {
    const progress = await this._request<Progress>(
      'POST',
      ['progress', id, 'snapshots', String(snapshotId), 'restore'],
      { base_version: baseVersion }
    );
    this._progressChanged.emit(progress);
    return progress;
  }

  saveProgressOnUnload(id: string, update: ProgressUpdate): boolean {
    return this._keepalive.send(
      this._url(['progress', id]),
      'PUT',
      JSON.stringify(update)
    );
  }

  tutorHistory(moduleId: string): Promise<TutorHistory> {
    return this._request<TutorHistory>('GET', ['tutor', 'history'], undefined, {
      module_id: moduleId
    });
  }

  openTutorConnection(moduleId: string): ITutorConnection {
    const settings = this._settings;
    let url =
      URLExt.join(settings.wsUrl, 'jupyter-tutor/api/tutor') +
      URLExt.objectToQueryString({ module_id: moduleId });
    // As for kernel sockets: the page's cookie authenticates the socket,
    // unless the server is elsewhere and needs the token in the URL.
    if (settings.appendToken && settings.token) {
      url += `&token=${encodeURIComponent(settings.token)}`;
    }
    return new ServerTutorConnection(moduleId, url, settings.WebSocket);
  }

  packageCatalog(query: CatalogQuery = {}): Promise<PackageCatalog> {
    const params: Record<string, string> = {};
    if (query.q) {
      params.q = query.q;
    }
    if (query.category) {
      params.category = query.category;
    }
    if (query.compatible_only) {
      params.compatible_only = '1';
    }
    return this._request<PackageCatalog>(
      'GET',
      ['packages'],
      undefined,
      params
    );
  }

  modulePackages(moduleId: string): Promise<ModulePackages> {
    return this._request<ModulePackages>('GET', [
      'modules',
      moduleId,
      'packages'
    ]);
  }

  async saveModulePackages(
    moduleId: string,
    packages: PackageRequest[]
  ): Promise<PackageRequest[]> {
    const reply = await this._request<{ packages: PackageRequest[] }>(
      'PUT',
      ['modules', moduleId, 'packages'],
      { packages }
    );
    return reply.packages;
  }

  checkPackageList(raw: unknown): Promise<CheckedPackageList> {
    return this._request<CheckedPackageList>('POST', ['packages', 'check'], {
      packages: raw ?? null
    });
  }

  async detectPackages(
    cells: string[],
    current: PackageRequest[]
  ): Promise<PackageRequest[]> {
    const reply = await this._request<{ proposed: PackageRequest[] }>(
      'POST',
      ['packages', 'detect'],
      { cells, packages: current }
    );
    return reply.proposed;
  }

  async recordPackageLoads(logs: PackageLoadLog[]): Promise<number> {
    const reply = await this._request<{ recorded: number }>(
      'POST',
      ['packages', 'load-logs'],
      { logs }
    );
    return reply.recorded;
  }

  packageAnalytics(): Promise<PackageAnalytics> {
    return this._request<PackageAnalytics>('GET', ['packages', 'analytics']);
  }

  async packageSets(): Promise<PackageSet[]> {
    const reply = await this._request<{ sets: PackageSet[] }>('GET', [
      'package-sets'
    ]);
    return reply.sets;
  }

  private _url(segments: string[], query: Record<string, string> = {}): string {
    return apiUrl(this._settings, segments, query);
  }

  private _request<T>(
    method: string,
    segments: string[],
    body?: object,
    query?: Record<string, string>
  ): Promise<T> {
    return requestAPI<T>(this._settings, method, segments, body, query);
  }

  private readonly _keepalive: KeepaliveSender;
  private readonly _progressChanged = new Signal<this, Progress>(this);
  private readonly _moduleOpened = new Signal<this, OpenedModule>(this);
}
