import { NotebookPanel } from '@jupyterlab/notebook';
import { MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { describeLoadState, loadProgress, PackageLoadState } from './loadState';
import { PackageLoaders } from './packageLoaders';

/**
 * The notebook toolbar item showing how far the notebook's packages loaded:
 * "Packages 2/3" while loading, then whether any failed.
 */
export class PackageProgress extends Widget {
  /** The toolbar is made with the notebook, before its loader exists. */
  constructor(loaders: PackageLoaders, notebook: NotebookPanel) {
    super();
    this.addClass('jp-TutorPackageProgress');
    this.node.setAttribute('role', 'status');
    this._show(loaders.get(notebook)?.state ?? null);
    loaders.changed.connect((_, loader) => {
      if (loaders.get(notebook) === loader) {
        this._show(loader.state);
      }
    }, this);
  }

  private _show(state: PackageLoadState | null): void {
    this._render(state);
    // The toolbar measures its items only when it is resized: have it fold
    // items away again now that this one changed its width.
    const toolbar = this.parent;
    if (toolbar?.isVisible) {
      MessageLoop.sendMessage(
        toolbar,
        new Widget.ResizeMessage(toolbar.node.clientWidth, -1)
      );
    }
  }

  private _render(state: PackageLoadState | null): void {
    this.setHidden(state === null || state.items.length === 0);
    if (state === null) {
      return;
    }
    const { done, total, failed } = loadProgress(state);
    const kind = !state.finished ? 'loading' : failed > 0 ? 'failed' : 'loaded';
    this.node.dataset.state = kind;
    this.node.textContent =
      kind === 'loading'
        ? `Packages ${done}/${total}`
        : kind === 'failed'
          ? `Packages: ${failed} missing`
          : 'Packages ready';
    this.node.title = describeLoadState(state);
    this.node.style.setProperty(
      '--jp-TutorPackageProgress-done',
      `${(100 * done) / total}%`
    );
  }
}
