import { ISessionContext } from '@jupyterlab/apputils';
import { NotebookPanel } from '@jupyterlab/notebook';
import { Kernel } from '@jupyterlab/services';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { errorMessage } from '../backend/errors';
import {
  CatalogPackage,
  PackageLoadLog,
  PackageRequest
} from '../backend/types';
import { checkEntry, requirementOf } from './entryRules';
import { checkImport } from './importCheck';
import { pipInstall } from './pipInstall';
import { installAndCheck } from './pyodideInstall';
import { IPackageListSource } from './listSource';
import { PackageLoadItem, PackageLoadState } from './loadState';
import { canonicalName, importName } from './packageList';
import { IPackageLoadAnalytics, IPackageService } from './service';

/** Kernels whose packages are checked: IPython, and Pyodide in JupyterLite. */
const KERNELS = ['ipython', 'pyodide'];

/**
 * Checks, whenever a notebook's IPython kernel becomes ready (also after a
 * restart or a kernel change), that the kernel can import the packages of
 * the notebook's list in a version the list accepts, in list order, and
 * records each attempt. A Pyodide kernel (JupyterLite) installs them with
 * piplite first.
 *
 * Everything runs as silent requests that leave the notebook untouched;
 * a failure is reported, never thrown, so the notebook always works.
 */
export class PackageLoader implements IDisposable {
  constructor(private readonly _options: PackageLoader.IOptions) {
    const session = _options.panel.sessionContext;
    session.statusChanged.connect(this._onStatus, this);
    session.kernelChanged.connect(this._onKernelChanged, this);
    void session.ready.then(() =>
      this._onStatus(session, session.kernelDisplayStatus)
    );
  }

  get source(): IPackageListSource {
    return this._options.source;
  }

  /** Null until the first check starts, and for kernels other than IPython. */
  get state(): PackageLoadState | null {
    return this._state;
  }

  get stateChanged(): ISignal<this, PackageLoadState | null> {
    return this._stateChanged;
  }

  /** Whether loading installs packages (Pyodide) rather than only checking them. */
  get installsItself(): boolean {
    return this._pyodide;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Check the current list again, for example after it was saved. */
  reload(): void {
    this._pending = true;
    const session = this._options.panel.sessionContext;
    this._onStatus(session, session.kernelDisplayStatus);
  }

  /**
   * Install a package with pip in the kernel's environment, then check it
   * again; rejects with pip's reason.
   */
  async install(entry: PackageRequest): Promise<boolean> {
    const kernel = this._options.panel.sessionContext.session?.kernel;
    if (!kernel) {
      return false;
    }
    await pipInstall(kernel, requirementOf(entry));
    const item = await this._check(kernel, entry);
    this._replace(item);
    return item.status === 'loaded';
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
  }

  private _onKernelChanged(): void {
    this._pending = true;
  }

  private _onStatus(_: ISessionContext, status: string): void {
    if (status === 'restarting' || status === 'autorestarting') {
      this._pending = true;
    } else if (status === 'idle' && this._pending && !this._running) {
      this._pending = false;
      void this._run();
    }
  }

  private async _run(): Promise<void> {
    const { panel, packages, analytics, source } = this._options;
    const kernel = panel.sessionContext.session?.kernel;
    if (!kernel) {
      return;
    }
    this._running = true;
    try {
      const info = await kernel.info;
      if (!KERNELS.includes(info.implementation)) {
        this._setState(null);
        return;
      }
      this._pyodide = info.implementation === 'pyodide';
      const list = await source.load();
      if (list.is_default && !source.loadsDefault) {
        this._setState(null);
        return;
      }
      const catalog = await packages.packageCatalog();
      this._catalog = new Map(
        catalog.packages.map(entry => [canonicalName(entry.name), entry])
      );
      const entries = list.packages;
      this._setState({
        items: entries.map(entry => loading(entry)),
        finished: false
      });
      const logs: PackageLoadLog[] = [];
      for (const entry of entries) {
        const started = performance.now();
        const item = await this._check(kernel, entry);
        if (this._isDisposed) {
          return;
        }
        this._replace(item);
        logs.push({
          package: entry.name,
          load_time_ms: Math.round(performance.now() - started),
          success: item.status === 'loaded',
          ...(item.error ? { error: item.error } : {}),
          kernel_name: kernel.name,
          python_version: info.language_info.version,
          ...(this._pyodide ? { pyodide_version: catalog.pyodide } : {}),
          ...(source.moduleId ? { module_slug: source.moduleId } : {}),
          notebook_path: panel.context.path
        });
      }
      if (this._state) {
        this._setState({ ...this._state, finished: true });
      }
      this._options.onRequiredFailed(
        entries.filter(
          (entry, index) => entry.required && !logs[index].success
        ),
        this
      );
      if (analytics && logs.length > 0) {
        // The student's packages are checked either way: a log refused (a
        // daily cap, say) or lost only leaves the course's analytics short.
        await analytics
          .recordPackageLoads(logs)
          .catch(reason =>
            console.warn(
              `jupyter-tutor: the package load attempts of ${source.title} were not recorded: ${errorMessage(reason)}`
            )
          );
      }
    } catch (reason) {
      console.warn(
        `jupyter-tutor: could not check the packages of ${source.title}: ${errorMessage(reason)}`
      );
    } finally {
      this._running = false;
      // The list may have been saved while this check ran.
      const session = panel.sessionContext;
      this._onStatus(session, session.kernelDisplayStatus);
    }
  }

  private async _check(
    kernel: Kernel.IKernelConnection,
    entry: PackageRequest
  ): Promise<PackageLoadItem> {
    const checked = checkEntry(entry);
    if (typeof checked === 'string') {
      // The list came from a notebook file: refuse it before the kernel sees anything.
      return {
        ...loading(entry),
        status: 'failed',
        error: `refused: ${checked}`
      };
    }
    const known = this._catalog.get(canonicalName(checked.name));
    const query = {
      importName: importName(checked.name, known?.imports),
      distribution: checked.name,
      specifier: checked.version ?? ''
    };
    if (this._pyodide && known?.available_offline === false) {
      return {
        ...loading(entry),
        status: 'failed',
        error: `${entry.name} is not available in this offline course site: it has no build for the browser here. Ask your instructor.`
      };
    }
    try {
      const check = this._pyodide
        ? await installAndCheck(kernel, query, requirementOf(checked))
        : await checkImport(kernel, query);
      return {
        ...loading(entry),
        status: check.found ? 'loaded' : 'failed',
        version: check.version,
        error: check.error
      };
    } catch (reason) {
      return {
        ...loading(entry),
        status: 'failed',
        error: errorMessage(reason)
      };
    }
  }

  private _replace(item: PackageLoadItem): void {
    if (this._state) {
      this._setState({
        ...this._state,
        items: this._state.items.map(old =>
          old.name === item.name ? item : old
        )
      });
    }
  }

  private _setState(state: PackageLoadState | null): void {
    this._state = state;
    this._stateChanged.emit(state);
  }

  private _state: PackageLoadState | null = null;
  private _stateChanged = new Signal<this, PackageLoadState | null>(this);
  private _catalog = new Map<string, CatalogPackage>();
  private _pyodide = false;
  private _pending = true;
  private _running = false;
  private _isDisposed = false;
}

export namespace PackageLoader {
  export interface IOptions {
    packages: IPackageService;
    /** Where load attempts are recorded for the course; null where nothing is. */
    analytics: IPackageLoadAnalytics | null;
    panel: NotebookPanel;
    source: IPackageListSource;
    /** Called once per check of the list, with the required packages that failed. */
    onRequiredFailed: (failed: PackageRequest[], loader: PackageLoader) => void;
  }
}

function loading(entry: PackageRequest): PackageLoadItem {
  return {
    name: entry.name,
    required: entry.required,
    status: 'loading',
    version: null,
    error: null
  };
}
