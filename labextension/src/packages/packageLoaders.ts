import { NotebookPanel } from '@jupyterlab/notebook';
import { ISignal, Signal } from '@lumino/signaling';
import { PackageLoader } from './PackageLoader';

/** The package loader of every open notebook. */
export class PackageLoaders {
  /** Emitted when a loader is added or its state changes. */
  get changed(): ISignal<this, PackageLoader> {
    return this._changed;
  }

  get(panel: NotebookPanel): PackageLoader | null {
    return this._loaders.get(panel) ?? null;
  }

  add(panel: NotebookPanel, loader: PackageLoader): void {
    this._loaders.set(panel, loader);
    loader.stateChanged.connect(() => this._changed.emit(loader), this);
    panel.disposed.connect(() => {
      this._loaders.delete(panel);
      loader.dispose();
    });
    this._changed.emit(loader);
  }

  /** Check again in every notebook that shares a list, after it changed. */
  reload(sourceKey: string): void {
    for (const loader of this._loaders.values()) {
      if (loader.source.key === sourceKey) {
        loader.reload();
      }
    }
  }

  private readonly _loaders = new Map<NotebookPanel, PackageLoader>();
  private readonly _changed = new Signal<this, PackageLoader>(this);
}
