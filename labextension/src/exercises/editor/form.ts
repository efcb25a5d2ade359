import { declarationProblems, DeclarationProblem } from './validation';

/**
 * The editor's form: every field as text, so a half-typed declaration can be
 * shown with its problems; `declarationOf` turns it into what the cell's
 * metadata carries (empty optional fields left out).
 */
export type ExerciseForm = {
  id: string;
  title: string;
  checks: { code: string; message: string }[];
  solution: string;
  /** Instructor hints by level, "" for none. */
  hints: [string, string, string, string];
};

export const HINT_LEVELS = [1, 2, 3, 4] as const;

/** A plain code cell's new declaration: a slug to start from and one empty check. */
export function newForm(id: string): ExerciseForm {
  return {
    id,
    title: '',
    checks: [{ code: '', message: '' }],
    solution: '',
    hints: ['', '', '', '']
  };
}

/** A cell's declaration as a form; what is not text reads as empty. */
export function formOf(declaration: unknown): ExerciseForm {
  const raw = isObject(declaration) ? declaration : {};
  const hints = isObject(raw.hints) ? raw.hints : {};
  return {
    id: textOf(raw.id),
    title: textOf(raw.title),
    checks: Array.isArray(raw.checks)
      ? raw.checks.map(check => ({
          code: textOf(isObject(check) ? check.code : undefined),
          message: textOf(isObject(check) ? check.message : undefined)
        }))
      : [],
    solution: textOf(raw.solution),
    hints: [
      textOf(hints['1']),
      textOf(hints['2']),
      textOf(hints['3']),
      textOf(hints['4'])
    ]
  };
}

export type DeclarationValue = {
  id: string;
  title?: string;
  checks: { code: string; message: string }[];
  solution?: string;
  hints?: { [level: string]: string };
};

/** The declaration the form describes, as the cell's metadata will hold it. */
export function declarationOf(form: ExerciseForm): DeclarationValue {
  const value: DeclarationValue = {
    id: form.id,
    checks: form.checks.map(({ code, message }) => ({ code, message }))
  };
  if (form.title !== '') {
    value.title = form.title;
  }
  if (form.solution !== '') {
    value.solution = form.solution;
  }
  const hints = Object.fromEntries(
    HINT_LEVELS.map(level => [String(level), form.hints[level - 1]]).filter(
      ([, text]) => text !== ''
    )
  );
  if (Object.keys(hints).length > 0) {
    value.hints = hints;
  }
  return value;
}

/** The declaration to write, or the problems that keep it out of the cell. */
export type FormVerdict =
  | { valid: true; declaration: DeclarationValue }
  | { valid: false; problems: DeclarationProblem[] };

export function judgeForm(form: ExerciseForm): FormVerdict {
  const declaration = declarationOf(form);
  const problems = declarationProblems(declaration);
  return problems.length === 0
    ? { valid: true, declaration }
    : { valid: false, problems };
}

/** The problems of one field (`['checks', 0, 'code']`) and of what it holds. */
export function problemsAt(
  problems: readonly DeclarationProblem[],
  path: readonly (string | number)[]
): string[] {
  return problems
    .filter(
      problem =>
        problem.path.length === path.length &&
        path.every((part, i) => problem.path[i] === part)
    )
    .map(problem => problem.reason);
}

/** The list with the entry at `from` moved to `to`. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  if (from < 0 || from >= copy.length || to < 0 || to >= copy.length) {
    return copy;
  }
  const [entry] = copy.splice(from, 1);
  copy.splice(to, 0, entry);
  return copy;
}

/** A slug for a new exercise, not yet used in the notebook. */
export function freshId(used: ReadonlySet<string>): string {
  let number = 1;
  while (used.has(`exercise-${number}`)) {
    number++;
  }
  return `exercise-${number}`;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
