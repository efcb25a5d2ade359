import { Widget } from '@lumino/widgets';
import { describeLoadState, loadProgress, PackageLoadState } from './loadState';
import { PackageLoader } from './PackageLoader';

/**
 * The notebook toolbar item showing how far the notebook's packages loaded:
 * "Packages 2/3" while loading, then whether any failed.
 */
export class PackageProgress extends Widget {
  constructor(loader: PackageLoader) {
    super();
    this.addClass('jp-TutorPackageProgress');
    this.node.setAttribute('role', 'status');
    this._show(loader.state);
    loader.stateChanged.connect((_, state) => this._show(state), this);
  }

  private _show(state: PackageLoadState | null): void {
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
