import { JupyterFrontEnd } from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { workingCopyModuleId } from '../progress/workingCopy';
import { CellContext } from './cellContext';

/** Whether an output is shown in a module notebook, where the tutor helps. */
export function inModuleNotebook(
  tracker: INotebookTracker,
  node: HTMLElement
): boolean {
  const notebook = notebookOf(tracker, node);
  return (
    notebook !== null &&
    notebook.context.isReady &&
    workingCopyModuleId(notebook.context.model) !== null
  );
}

/**
 * Ask the tutor about the error output at `node`: make its cell the
 * context of the next question and open the tutor panel, ready to type.
 */
export function askAboutError(
  app: JupyterFrontEnd,
  tracker: INotebookTracker,
  cellContext: CellContext,
  tutorPanelId: string,
  node: HTMLElement
): void {
  const notebook = notebookOf(tracker, node);
  if (notebook === null) {
    return;
  }
  // Clicking in the notebook made it current already; activating it again
  // would take the focus back from the tutor's input.
  const cellIndex = notebook.content.widgets.findIndex(cell =>
    cell.node.contains(node)
  );
  if (cellIndex !== -1) {
    notebook.content.activeCellIndex = cellIndex;
  }
  cellContext.included = true;
  app.shell.activateById(tutorPanelId);
}

function notebookOf(
  tracker: INotebookTracker,
  node: HTMLElement
): NotebookPanel | null {
  return tracker.find(notebook => notebook.content.node.contains(node)) ?? null;
}
