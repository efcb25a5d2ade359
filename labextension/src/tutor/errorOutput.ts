import { ICellModel, isCodeCellModel } from '@jupyterlab/cells';
import * as nbformat from '@jupyterlab/nbformat';
import { errorName } from './errorName';

/**
 * Longest error text sent to the tutor. Tracebacks of loops or deep calls
 * can be very long, and their end (where the error happened) matters most.
 */
const MAX_ERROR_CHARS = 4000;

/** ANSI colour codes and terminal hyperlinks, as IPython tracebacks use them. */
const ANSI_ESCAPES =
  // eslint-disable-next-line no-control-regex -- escape sequences start with ESC
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/**
 * The last error output of a cell, or null if it has none; its `ename` as
 * Python prints it, whichever kernel reported it.
 */
export function cellError(cell: ICellModel): nbformat.IError | null {
  if (!isCodeCellModel(cell)) {
    return null;
  }
  const outputs = cell.outputs;
  for (let index = outputs.length - 1; index >= 0; index--) {
    const output = outputs.get(index).toJSON();
    if (nbformat.isError(output)) {
      return { ...output, ename: errorName(output.ename) };
    }
  }
  return null;
}

/**
 * The error the student most recently ran into: the one of the cell run
 * last (highest execution count; the later cell if counts are missing).
 */
export function latestError(
  cells: Iterable<ICellModel>
): { cellIndex: number; error: nbformat.IError } | null {
  let latest: { cellIndex: number; error: nbformat.IError } | null = null;
  let latestCount = -1;
  let cellIndex = 0;
  for (const cell of cells) {
    const error = cellError(cell);
    const count = (isCodeCellModel(cell) && cell.executionCount) || 0;
    if (error && count >= latestCount) {
      latest = { cellIndex, error };
      latestCount = count;
    }
    cellIndex++;
  }
  return latest;
}

/**
 * An error as the tutor reads it: `ename: evalue`, then the traceback
 * without colours, shortened in the middle if it is long.
 */
export function errorForTutor(error: nbformat.IError): string {
  const summary = `${error.ename}: ${error.evalue}`;
  const traceback = error.traceback.join('\n').replace(ANSI_ESCAPES, '');
  const text = traceback ? `${summary}\n${traceback}` : summary;
  if (text.length <= MAX_ERROR_CHARS) {
    return text;
  }
  const marker = '\n…\n';
  const tail = text.slice(-(MAX_ERROR_CHARS - summary.length - marker.length));
  return `${summary}${marker}${tail}`;
}
