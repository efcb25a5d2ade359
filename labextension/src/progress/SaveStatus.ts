import { Widget } from '@lumino/widgets';
import { WorkingCopyAutosave } from './autosave';
import { describeSaveState, SaveState } from './saveState';

/**
 * The notebook toolbar item telling whether the student's work is saved.
 */
export class SaveStatus extends Widget {
  constructor(autosave: WorkingCopyAutosave) {
    super();
    this.addClass('jp-TutorSaveStatus');
    this.node.setAttribute('role', 'status');
    this._show(autosave.state);
    autosave.stateChanged.connect((_, state) => this._show(state), this);
  }

  private _show(state: SaveState): void {
    const text = describeSaveState(state);
    this.node.textContent = text;
    this.node.title = text;
    this.node.dataset.state = state.kind;
  }
}
