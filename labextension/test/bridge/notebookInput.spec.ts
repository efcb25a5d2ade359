import { parseNotebook } from '../../src/bridge/notebookInput';

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'python' } },
  cells: [
    { cell_type: 'markdown', source: ['# Title\n', 'text'], metadata: {} },
    {
      cell_type: 'code',
      source: 'print(1)',
      metadata: { trusted: true, tags: ['a'] },
      outputs: [],
      execution_count: null
    }
  ]
};

test('a notebook is accepted, with the trusted flags dropped', () => {
  const parsed = parseNotebook(NOTEBOOK);
  expect(parsed.metadata).toEqual(NOTEBOOK.metadata);
  expect(parsed.cells.map(cell => cell.metadata)).toEqual([
    {},
    { tags: ['a'] }
  ]);
  // The input itself is left as it was.
  expect(NOTEBOOK.cells[1].metadata.trusted).toBe(true);
});

test.each([
  [null, 'must be an nbformat notebook object'],
  [[], 'must be an nbformat notebook object'],
  [{ ...NOTEBOOK, nbformat: 3 }, 'nbformat` must be 4'],
  [{ ...NOTEBOOK, nbformat_minor: '5' }, 'nbformat_minor` must be an integer'],
  [{ ...NOTEBOOK, metadata: null }, 'metadata` must be an object'],
  [{ ...NOTEBOOK, cells: 'x' }, 'cells` must be a list'],
  [{ ...NOTEBOOK, cells: [null] }, 'cell 1: `cell_type`'],
  [
    { ...NOTEBOOK, cells: [{ cell_type: 'image', source: '' }] },
    'cell 1: `cell_type`'
  ],
  [{ ...NOTEBOOK, cells: [{ cell_type: 'code' }] }, 'cell 1: `source`'],
  [
    { ...NOTEBOOK, cells: [{ cell_type: 'raw', source: [1] }] },
    'cell 1: `source`'
  ],
  [
    { ...NOTEBOOK, cells: [{ cell_type: 'raw', source: '', metadata: [] }] },
    'cell 1: `metadata`'
  ],
  [
    {
      ...NOTEBOOK,
      cells: [NOTEBOOK.cells[0], { cell_type: 'code', source: '', outputs: {} }]
    },
    'cell 2: `outputs`'
  ]
])('%j is refused', (value, reason) => {
  expect(() => parseNotebook(value)).toThrow(reason);
});
