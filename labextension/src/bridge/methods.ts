import * as nbformat from '@jupyterlab/nbformat';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { Contents } from '@jupyterlab/services';
import { notebookContent } from '../progress/workingCopy';
import { CellContext } from '../tutor/cellContext';
import { parseNotebook } from './notebookInput';
import {
  BridgeError,
  BridgeMethod,
  BridgeMethods,
  CurrentCellCode,
  ErrorOutput,
  NotebookState
} from './protocol';

/** Each method, taking the request's params as sent (unchecked). */
export type MethodHandlers = {
  [M in BridgeMethod]: (params: unknown) => Promise<BridgeMethods[M]['result']>;
};

/**
 * The bridge's methods on the notebooks of this JupyterLab. The cell and the
 * error are found as the tutor finds them (`CellContext`), so the host sees
 * what the tutor would get.
 */
export function notebookMethods(
  tracker: INotebookTracker,
  contents: Contents.IManager
): MethodHandlers {
  const cellContext = new CellContext(tracker);

  const getCurrentCellCode = async (): Promise<CurrentCellCode> => {
    const panel = await activePanel(tracker);
    return {
      path: panel.context.path,
      cellNumber: cellContext.summary()?.cellNumber ?? null,
      code: cellContext.forQuestion().cell_code
    };
  };

  const getErrorOutput = async (): Promise<ErrorOutput> => {
    const panel = await activePanel(tracker);
    const error = cellContext.summary()?.error ?? null;
    return {
      path: panel.context.path,
      error: error && { ...error, text: cellContext.forQuestion().error_output }
    };
  };

  const getNotebookState = async (params: unknown): Promise<NotebookState> => {
    const target = await notebookTarget(tracker, pathParam(params));
    if (typeof target !== 'string') {
      const notebook = notebookContent(target.context.model);
      return {
        path: target.context.path,
        notebook: notebook as unknown as nbformat.INotebookContent
      };
    }
    const file = await existingNotebook(contents, target, true);
    return { path: file.path, notebook: file.content };
  };

  const setNotebookState = async (
    params: unknown
  ): Promise<{ path: string }> => {
    const path = pathParam(params);
    const notebook = parseNotebook((params as { notebook?: unknown }).notebook);
    const target = await notebookTarget(tracker, path);
    if (typeof target !== 'string') {
      replaceContent(target, notebook);
      await target.context.save();
      return { path: target.context.path };
    }
    await existingNotebook(contents, target, false);
    await contents.save(target, {
      type: 'notebook',
      format: 'json',
      content: notebook
    });
    return { path: target };
  };

  return {
    getCurrentCellCode,
    getErrorOutput,
    getNotebookState,
    setNotebookState
  };
}

/** The optional `path` param; the params themselves must be an object. */
function pathParam(params: unknown): string | null {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new BridgeError('invalid_params', '`params` must be an object');
  }
  const { path } = params as { path?: unknown };
  if (path === undefined) {
    return null;
  }
  if (typeof path !== 'string' || path === '') {
    throw new BridgeError(
      'invalid_params',
      '`path` must be a non-empty string'
    );
  }
  return path;
}

/**
 * The open notebook at `path` (the active one when no path is given), or the
 * path itself when that notebook is not open. Waits for an open notebook's
 * file to be loaded, so nothing read or written is overtaken by the load.
 */
async function notebookTarget(
  tracker: INotebookTracker,
  path: string | null
): Promise<NotebookPanel | string> {
  if (path === null) {
    return activePanel(tracker);
  }
  const panel = tracker.find(widget => widget.context.path === path);
  if (!panel) {
    return path;
  }
  await panel.context.ready;
  return panel;
}

async function activePanel(tracker: INotebookTracker): Promise<NotebookPanel> {
  const panel = tracker.currentWidget;
  if (!panel) {
    throw new BridgeError('no_notebook', 'No notebook is open');
  }
  await panel.context.ready;
  return panel;
}

/** Replace the notebook's cells and metadata, or leave them as they were. */
function replaceContent(
  panel: NotebookPanel,
  notebook: nbformat.INotebookContent
): void {
  const model = panel.context.model;
  const before = model.toJSON();
  try {
    model.fromJSON(notebook);
  } catch (reason) {
    model.fromJSON(before as nbformat.INotebookContent);
    throw new BridgeError(
      'invalid_params',
      `The notebook could not be loaded: ${String(reason)}`
    );
  }
}

async function existingNotebook(
  contents: Contents.IManager,
  path: string,
  content: boolean
): Promise<Contents.IModel> {
  let file: Contents.IModel;
  try {
    file = await contents.get(path, { content });
  } catch {
    throw new BridgeError('not_found', `No file at ${path}`);
  }
  if (file.type !== 'notebook') {
    throw new BridgeError('invalid_params', `${path} is not a notebook`);
  }
  return file;
}
