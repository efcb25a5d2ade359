import * as nbformat from '@jupyterlab/nbformat';
import { BridgeError } from './protocol';

const CELL_TYPES = ['code', 'markdown', 'raw'];

/**
 * A notebook sent by the host, checked before it replaces anything: nbformat
 * 4 with a metadata object and a list of cells, each with a known type and
 * its source. A copy is returned with the cells' `trusted` flags removed, so
 * outputs from outside render as untrusted until the student trusts them.
 *
 * @throws BridgeError `invalid_params` saying what is wrong.
 */
export function parseNotebook(value: unknown): nbformat.INotebookContent {
  if (!isObject(value)) {
    throw invalid('`notebook` must be an nbformat notebook object');
  }
  if (value.nbformat !== 4) {
    throw invalid('`notebook.nbformat` must be 4');
  }
  if (!Number.isInteger(value.nbformat_minor)) {
    throw invalid('`notebook.nbformat_minor` must be an integer');
  }
  if (!isObject(value.metadata)) {
    throw invalid('`notebook.metadata` must be an object');
  }
  if (!Array.isArray(value.cells)) {
    throw invalid('`notebook.cells` must be a list');
  }
  const cells = value.cells.map(checkCell);
  return { ...value, cells } as nbformat.INotebookContent;
}

function checkCell(cell: unknown, index: number): unknown {
  const where = `cell ${index + 1}`;
  if (!isObject(cell) || !CELL_TYPES.includes(cell.cell_type as string)) {
    throw invalid(`${where}: \`cell_type\` must be code, markdown or raw`);
  }
  if (!isSource(cell.source)) {
    throw invalid(`${where}: \`source\` must be a string or a list of strings`);
  }
  if (cell.metadata !== undefined && !isObject(cell.metadata)) {
    throw invalid(`${where}: \`metadata\` must be an object`);
  }
  if (cell.cell_type === 'code' && !Array.isArray(cell.outputs ?? [])) {
    throw invalid(`${where}: \`outputs\` must be a list`);
  }
  const metadata = { ...(cell.metadata as object | undefined) };
  delete (metadata as { trusted?: unknown }).trusted;
  return { ...cell, metadata };
}

function isSource(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    (Array.isArray(value) && value.every(line => typeof line === 'string'))
  );
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): BridgeError {
  return new BridgeError('invalid_params', message);
}
