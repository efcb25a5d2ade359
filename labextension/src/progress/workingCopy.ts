import { INotebookModel } from '@jupyterlab/notebook';
import { PartialJSONObject } from '@lumino/coreutils';

/**
 * The module a notebook is a working copy of, or null for other notebooks.
 *
 * Working copies are copied from the module notebook, so they carry its
 * `jupyter_tutor.module` declaration.
 */
export function workingCopyModuleId(model: INotebookModel): string | null {
  const tutor = model.getMetadata('jupyter_tutor');
  if (!isObject(tutor) || !isObject(tutor.module)) {
    return null;
  }
  const id = tutor.module.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The notebook as nbformat JSON (`INotebookModel` types it as any JSON value,
 * but a notebook always serialises to an object).
 */
export function notebookContent(model: INotebookModel): PartialJSONObject {
  return model.toJSON() as PartialJSONObject;
}
