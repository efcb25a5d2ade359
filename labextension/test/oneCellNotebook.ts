import { PartialJSONObject } from '@lumino/coreutils';

/**
 * A notebook whose one code cell holds `source`, as the parity fixtures
 * write notebooks (the Python tests build the same one).
 */
export function oneCellNotebook(source: string): PartialJSONObject {
  return {
    cells: [
      {
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        outputs: [],
        source
      }
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 4
  };
}
