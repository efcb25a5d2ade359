import { ICellModel } from '@jupyterlab/cells';

/**
 * The exercise a cell declares (its `jupyter_tutor.exercise.id`), or null.
 *
 * Only the id is read from the notebook: the student can edit it, so the
 * checks to run come from the server's declarations.
 */
export function exerciseIdOf(cell: ICellModel): string | null {
  if (cell.type !== 'code') {
    return null;
  }
  const tutor = cell.getMetadata('jupyter_tutor');
  if (!isObject(tutor) || !isObject(tutor.exercise)) {
    return null;
  }
  const id = tutor.exercise.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
