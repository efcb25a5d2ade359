import { isCodeCellModel } from '@jupyterlab/cells';
import {
  INotebookTracker,
  NotebookActions,
  NotebookPanel
} from '@jupyterlab/notebook';
import { BridgeEvent, EVENT_TYPE } from './protocol';

/**
 * Report code cells run and notebooks saved, in every open notebook: the
 * host may save on either, and refresh what it shows after a cell ran.
 */
export function notebookEvents(
  tracker: INotebookTracker,
  emit: (event: BridgeEvent) => void
): void {
  NotebookActions.executed.connect((_, { notebook, cell, success }) => {
    const panel = tracker.find(widget => widget.content === notebook);
    if (!panel || !isCodeCellModel(cell.model)) {
      return;
    }
    emit({
      type: EVENT_TYPE,
      event: 'cell-executed',
      path: panel.context.path,
      cellNumber: notebook.widgets.indexOf(cell) + 1,
      cellId: cell.model.id,
      success
    });
  });

  const watchSaves = (panel: NotebookPanel) => {
    panel.context.saveState.connect((context, state) => {
      if (state === 'completed') {
        emit({ type: EVENT_TYPE, event: 'notebook-saved', path: context.path });
      }
    });
  };
  tracker.forEach(panel => watchSaves(panel));
  tracker.widgetAdded.connect((_, panel) => watchSaves(panel));
}
