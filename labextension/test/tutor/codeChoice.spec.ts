import { CellSource, chooseCode } from '../../src/tutor/codeChoice';

const code = (index: number, source: string): CellSource => ({
  index,
  isCode: true,
  source
});

test('the current cell’s code goes with the question', () => {
  expect(chooseCode(code(3, 'x = 1'), code(1, 'y'))).toEqual({
    cellIndex: 3,
    code: 'x = 1',
    fromErrorCell: false
  });
});

test('after Shift+Enter the empty new cell gives way to the cell of the error', () => {
  expect(chooseCode(code(4, '  \n'), code(3, 'print(undefined_name)'))).toEqual(
    { cellIndex: 3, code: 'print(undefined_name)', fromErrorCell: true }
  );
});

test('an empty cell with no error sends no code, but is still the cell', () => {
  expect(chooseCode(code(4, ''), null)).toEqual({
    cellIndex: 4,
    code: '',
    fromErrorCell: false
  });
});

test('a markdown cell sends no code', () => {
  const markdown = { index: 2, isCode: false, source: '# Task' };
  expect(chooseCode(markdown, code(1, 'y'))).toEqual({
    cellIndex: null,
    code: '',
    fromErrorCell: false
  });
  expect(chooseCode(null, code(1, 'y')).cellIndex).toBeNull();
});
