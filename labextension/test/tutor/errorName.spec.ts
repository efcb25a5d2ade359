import { errorName } from '../../src/tutor/errorName';

test("the Pyodide kernel's class repr becomes the name Python prints", () => {
  expect(errorName("<class 'ZeroDivisionError'>")).toBe('ZeroDivisionError');
  expect(errorName("<class 'numpy.linalg.LinAlgError'>")).toBe(
    'numpy.linalg.LinAlgError'
  );
});

test('names from ipykernel, and anything else, stay as they are', () => {
  expect(errorName('NameError')).toBe('NameError');
  expect(errorName('<unknown>')).toBe('<unknown>');
  expect(errorName('')).toBe('');
});
