import {
  declarationOf,
  formOf,
  freshId,
  judgeForm,
  moved,
  newForm,
  problemsAt
} from '../../../src/exercises/editor/form';

const DECLARED = {
  id: 'evens',
  title: 'Evens',
  checks: [
    { code: 'assert evens[0] == 0', message: 'Start at 0.' },
    { code: 'assert evens[-1] == 20', message: 'End with 20.' }
  ],
  solution: 'evens = list(range(0, 21, 2))',
  hints: { '1': 'Look at range.', '3': 'The stop is excluded.' }
};

describe("the editor's form", () => {
  it('round-trips a declaration', () => {
    expect(declarationOf(formOf(DECLARED))).toEqual(DECLARED);
  });

  it('leaves empty optional fields out of the metadata', () => {
    const form = { ...newForm('first'), checks: [{ code: 'x', message: 'm' }] };
    expect(declarationOf(form)).toEqual({
      id: 'first',
      checks: [{ code: 'x', message: 'm' }]
    });
  });

  it('reads what is not text as empty', () => {
    const form = formOf({ id: 7, checks: [{ code: ['x'] }], hints: [] });
    expect(form.id).toBe('');
    expect(form.checks).toEqual([{ code: '', message: '' }]);
    expect(form.hints).toEqual(['', '', '', '']);
    expect(formOf(null).checks).toEqual([]);
  });

  it('refuses a new declaration until its check is written, per field', () => {
    const verdict = judgeForm(newForm('first'));
    expect(verdict.valid).toBe(false);
    const problems = verdict.valid ? [] : verdict.problems;
    expect(problemsAt(problems, ['checks', 0, 'code'])).toEqual([
      'exercise.checks[0].code must not be blank'
    ]);
    expect(problemsAt(problems, ['checks', 0, 'message'])).toEqual([
      'exercise.checks[0].message must not be blank'
    ]);
    expect(problemsAt(problems, ['id'])).toEqual([]);
  });

  it('names a bad id and an empty check list', () => {
    const form = { ...newForm('Not A Slug'), checks: [] };
    const verdict = judgeForm(form);
    const problems = verdict.valid ? [] : verdict.problems;
    expect(problemsAt(problems, ['id'])[0]).toMatch(/must be a slug/);
    expect(problemsAt(problems, ['checks'])).toEqual([
      'exercise.checks needs at least 1 entry'
    ]);
  });

  it('accepts a complete form', () => {
    expect(judgeForm(formOf(DECLARED))).toEqual({
      valid: true,
      declaration: DECLARED
    });
  });

  it('reorders checks', () => {
    expect(moved(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moved(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });

  it('picks an unused id for a new exercise', () => {
    expect(freshId(new Set(['exercise-1']))).toBe('exercise-2');
  });
});
