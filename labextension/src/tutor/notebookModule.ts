import { INotebookModel } from '@jupyterlab/notebook';
import { workingCopyModuleId } from '../progress/workingCopy';

/** The learning module a tutor conversation is about. */
export type TutorModule = { id: string; title: string };

/**
 * The module a notebook is a working copy of, titled as its declaration
 * says, or null for other notebooks.
 */
export function notebookModule(model: INotebookModel): TutorModule | null {
  const id = workingCopyModuleId(model);
  if (id === null) {
    return null;
  }
  // workingCopyModuleId found the `jupyter_tutor.module` object.
  const declaration = model.getMetadata('jupyter_tutor').module;
  const title = declaration.title;
  return { id, title: typeof title === 'string' && title !== '' ? title : id };
}
