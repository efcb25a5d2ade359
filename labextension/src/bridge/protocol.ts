import * as nbformat from '@jupyterlab/nbformat';

/**
 * The postMessage protocol between a page that embeds JupyterLab (or a
 * JupyterLite site) in an iframe and the bridge. docs/bridge.md describes it
 * for the people writing such pages.
 */

export const REQUEST_TYPE = 'jupyter-tutor:request';
export const RESPONSE_TYPE = 'jupyter-tutor:response';
export const EVENT_TYPE = 'jupyter-tutor:event';

/** Each method's params and result. */
export type BridgeMethods = {
  getCurrentCellCode: {
    params: Record<string, never>;
    result: CurrentCellCode;
  };
  getErrorOutput: { params: Record<string, never>; result: ErrorOutput };
  getNotebookState: { params: { path?: string }; result: NotebookState };
  setNotebookState: {
    params: { notebook: nbformat.INotebookContent; path?: string };
    result: { path: string };
  };
};

export type BridgeMethod = keyof BridgeMethods;

export const METHODS: readonly BridgeMethod[] = [
  'getCurrentCellCode',
  'getErrorOutput',
  'getNotebookState',
  'setNotebookState'
];

/** The active notebook's current cell (empty code unless it is a code cell). */
export type CurrentCellCode = {
  path: string;
  /** Position of the cell (from 1), or null when it is not a code cell. */
  cellNumber: number | null;
  code: string;
};

/** The error the student faces: the current cell's own, else the latest. */
export type ErrorOutput = {
  path: string;
  error: {
    name: string;
    cellNumber: number;
    /** `name: value` and the traceback without colours, as the tutor gets it. */
    text: string;
  } | null;
};

export type NotebookState = {
  path: string;
  notebook: nbformat.INotebookContent;
};

export type BridgeRequest = {
  type: typeof REQUEST_TYPE;
  id: string | number;
  method: string;
  params?: unknown;
};

export type BridgeErrorCode =
  | 'unknown_method'
  | 'invalid_params'
  | 'no_notebook'
  | 'not_found'
  | 'internal_error';

export type BridgeResponse =
  | {
      type: typeof RESPONSE_TYPE;
      id: string | number;
      ok: true;
      result: unknown;
    }
  | {
      type: typeof RESPONSE_TYPE;
      id: string | number;
      ok: false;
      error: { code: BridgeErrorCode; message: string };
    };

export type BridgeEvent =
  | {
      type: typeof EVENT_TYPE;
      event: 'cell-executed';
      path: string;
      cellNumber: number;
      cellId: string;
      success: boolean;
    }
  | { type: typeof EVENT_TYPE; event: 'notebook-saved'; path: string }
  | { type: typeof EVENT_TYPE; event: 'ready' };

/**
 * A request that can be answered: the right type and an id to answer to.
 * Anything else is someone else's message and is left alone.
 */
export function isBridgeRequest(data: unknown): data is BridgeRequest {
  if (typeof data !== 'object' || data === null) {
    return false;
  }
  const { type, id, method } = data as Partial<BridgeRequest>;
  return (
    type === REQUEST_TYPE &&
    (typeof id === 'string' || typeof id === 'number') &&
    typeof method === 'string'
  );
}

/** A refusal to send back as an error response. */
export class BridgeError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}
