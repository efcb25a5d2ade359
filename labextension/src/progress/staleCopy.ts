import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';
import { parseTimestamp } from '../backend/timestamps';
import { Progress } from '../backend/types';
import { notebookContent } from './workingCopy';

/**
 * Whether the saved progress holds newer work than the opened file, by the
 * rule the server uses to restore a working copy: saved after the file was
 * last written, and with different cells (outputs aside).
 *
 * Auto-saving such a file would replace the newer work with older work.
 */
export function isOlderThanSavedWork(
  context: DocumentRegistry.IContext<INotebookModel>,
  progress: Progress
): boolean {
  const savedAt = parseTimestamp(progress.updated_at);
  const fileAt = parseTimestamp(context.contentsModel?.last_modified);
  if (!progress.notebook_state || savedAt === null || fileAt === null) {
    return false;
  }
  return (
    savedAt > fileAt &&
    cellsSignature(progress.notebook_state) !==
      cellsSignature(notebookContent(context.model))
  );
}

/** The type and source of every cell, as one comparable string. */
function cellsSignature(notebook: { cells?: unknown }): string {
  const cells = Array.isArray(notebook.cells) ? notebook.cells : [];
  return JSON.stringify(
    cells.map((cell: { cell_type?: unknown; source?: unknown }) => [
      cell.cell_type,
      Array.isArray(cell.source) ? cell.source.join('') : cell.source
    ])
  );
}
