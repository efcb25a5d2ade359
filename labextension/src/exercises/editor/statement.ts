/**
 * An exercise's statement, by the server's rule (`scan_exercises` in
 * `jupyter_tutor/exercises/declaration.py`): the markdown cells between the
 * previous cell that declares an exercise (or the top) and this cell, each
 * stripped, joined by a blank line. `tests/exercises/statements.json` holds
 * notebooks and their statements, which pytest and jest both replay.
 */
import { strip } from '../../backend/lite/tutor/pythonText';

/** A cell as nbformat writes it (what `ICellModel.toJSON()` gives). */
export type NotebookCell = {
  cell_type: string;
  source: string | string[];
  metadata?: unknown;
};

export function statementBefore(
  cells: readonly NotebookCell[],
  index: number
): string {
  let parts: string[] = [];
  for (const cell of cells.slice(0, index)) {
    if (declares(cell)) {
      parts = [];
    } else if (cell.cell_type === 'markdown') {
      parts.push(strip(text(cell.source)));
    }
  }
  return strip(parts.filter(part => part !== '').join('\n\n'));
}

/** Whether the cell carries a `jupyter_tutor.exercise` block, valid or not. */
export function declares(cell: NotebookCell): boolean {
  const metadata = cell.metadata;
  if (!isObject(metadata) || !isObject(metadata.jupyter_tutor)) {
    return false;
  }
  const exercise = metadata.jupyter_tutor.exercise;
  return exercise !== undefined && exercise !== null;
}

function text(source: string | string[]): string {
  if (Array.isArray(source)) {
    return source.filter(part => typeof part === 'string').join('');
  }
  return typeof source === 'string' ? source : '';
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
