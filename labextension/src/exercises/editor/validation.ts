import { PY_SPACE } from '../../backend/lite/tutor/pythonText';
import schema from './exercise.schema.json';

/**
 * A declaration checked against `exercise.schema.json`, the server's own file
 * (copied here by `labextension/scripts/copy-shared-data.js`), with the
 * server's wording (`jupyter_tutor/exercises/declaration.py`): the editor
 * refuses exactly what a sync would skip. `tests/exercises/declarations.json`
 * holds the verdicts both sides replay.
 */

/** One broken rule: where (the path in the declaration) and why. */
export type DeclarationProblem = {
  path: (string | number)[];
  reason: string;
};

/** The subset of JSON Schema the exercise schema uses. */
type Rules = {
  type?: string;
  required?: string[];
  properties?: { [name: string]: Rules };
  patternProperties?: { [pattern: string]: Rules };
  additionalProperties?: boolean;
  items?: Rules;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
};

// A problem names the place and the rule, never the (possibly huge) value.
const MAX_SHOWN = 60;
const SLUG = new RegExp(`^(?:${schema.properties.id.pattern.slice(1, -1)})$`);
const SLUG_REASON =
  "exercise.id must be a slug like 'evens-and-grid' (a-z, 0-9, -; at most 100)";

/** Every broken rule, in the order the server reports them (first = its reason). */
export function declarationProblems(raw: unknown): DeclarationProblem[] {
  const found: DeclarationProblem[] = [];
  check(raw, schema as Rules, [], found);
  // Like the server, an id must be a slug to its very end.
  const id = isObject(raw) ? raw.id : undefined;
  if (found.length === 0 && typeof id === 'string' && !SLUG.test(id)) {
    found.push({ path: ['id'], reason: SLUG_REASON });
  }
  // The server sorts by path (as text), keeping the schema's order within one.
  return found
    .map((problem, order) => ({ problem, order }))
    .sort(
      (a, b) =>
        comparePaths(a.problem.path, b.problem.path) || a.order - b.order
    )
    .map(({ problem }) => problem)
    .filter(
      (problem, i, all) =>
        i === 0 ||
        problem.reason !== all[i - 1].reason ||
        comparePaths(problem.path, all[i - 1].path) !== 0
    );
}

/** Why the server would skip this declaration, or null when it is valid. */
export function declarationReason(raw: unknown): string | null {
  return declarationProblems(raw)[0]?.reason ?? null;
}

function check(
  value: unknown,
  rules: Rules,
  path: (string | number)[],
  found: DeclarationProblem[]
): void {
  const add = (rule: string, detail: string | number | string[]): void => {
    found.push({ path, reason: reason(path, rule, detail) });
  };
  if (rules.type !== undefined && !hasType(value, rules.type)) {
    add('type', rules.type);
    return;
  }
  if (typeof value === 'string') {
    // JSON Schema counts characters (code points), not UTF-16 units.
    const length = [...value].length;
    if (rules.minLength !== undefined && length < rules.minLength) {
      add('minLength', rules.minLength);
    }
    if (rules.maxLength !== undefined && length > rules.maxLength) {
      add('maxLength', rules.maxLength);
    }
    if (
      rules.pattern !== undefined &&
      !pythonRegExp(rules.pattern).test(value)
    ) {
      add('pattern', rules.pattern);
    }
  } else if (Array.isArray(value)) {
    if (rules.minItems !== undefined && value.length < rules.minItems) {
      add('minItems', rules.minItems);
    }
    if (rules.maxItems !== undefined && value.length > rules.maxItems) {
      add('maxItems', rules.maxItems);
    }
    if (rules.items) {
      const items = rules.items;
      value.forEach((item, index) =>
        check(item, items, [...path, index], found)
      );
    }
  } else if (isObject(value)) {
    checkObject(value, rules, path, found, add);
  }
}

function checkObject(
  value: { [name: string]: unknown },
  rules: Rules,
  path: (string | number)[],
  found: DeclarationProblem[],
  add: (rule: string, detail: string[]) => void
): void {
  const properties = rules.properties ?? {};
  const patterns = Object.entries(rules.patternProperties ?? {}).map(
    ([pattern, sub]) => [pythonRegExp(pattern), sub] as const
  );
  const names = Object.keys(value);
  if (rules.additionalProperties === false) {
    const unknown = names.filter(
      name => !(name in properties) && !patterns.some(([re]) => re.test(name))
    );
    if (unknown.length > 0) {
      add('additionalProperties', unknown);
    }
  }
  const missing = (rules.required ?? []).filter(name => !(name in value));
  if (missing.length > 0) {
    add('required', missing);
  }
  for (const [pattern, sub] of patterns) {
    names
      .filter(key => pattern.test(key))
      .forEach(key => check(value[key], sub, [...path, key], found));
  }
  for (const [name, sub] of Object.entries(properties)) {
    if (name in value) {
      check(value[name], sub, [...path, name], found);
    }
  }
}

/**
 * A schema pattern as the server's `re.search` reads it: its `\S` is not
 * JavaScript's, and its final `$` also matches before a final newline.
 */
function pythonRegExp(pattern: string): RegExp {
  const python = pattern
    .replace(/\\S/g, `[^${PY_SPACE}]`)
    .replace(/\$$/, '\n?$');
  return new RegExp(python, 'u');
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    default:
      return false;
  }
}

function isObject(value: unknown): value is { [name: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function where(path: (string | number)[]): string {
  return path.reduce<string>(
    (place, part) =>
      typeof part === 'number'
        ? `${place}[${part}]`
        : `${place}.${[...part].slice(0, MAX_SHOWN).join('')}`,
    'exercise'
  );
}

function reason(
  path: (string | number)[],
  rule: string,
  detail: string | number | string[]
): string {
  const place = where(path);
  switch (rule) {
    case 'required':
      return `${place} needs ${(detail as string[]).join(', ')}`;
    case 'additionalProperties': {
      const unknown = (detail as string[])
        .map(name => [...name].slice(0, MAX_SHOWN).join(''))
        .sort(byCodePoint);
      return `${place} has unknown field(s): ${unknown.slice(0, 5).join(', ')}`;
    }
    case 'type':
      return `${place} must be ${detail === 'array' || detail === 'object' ? 'an' : 'a'} ${detail}`;
    case 'pattern':
    case 'minLength':
      return place === 'exercise.id' && rule === 'pattern'
        ? SLUG_REASON
        : `${place} must not be blank`;
    case 'maxLength':
      return `${place} is longer than ${(detail as number).toLocaleString('en-US')} characters`;
    case 'minItems':
      return `${place} needs at least ${detail} entry`;
    case 'maxItems':
      return `${place} has more than ${detail} entries`;
    default:
      return `${place} is not valid (${rule})`;
  }
}

/** Python's order of texts: by code point. */
function byCodePoint(a: string, b: string): number {
  const left = [...a].map(char => char.codePointAt(0)!);
  const right = [...b].map(char => char.codePointAt(0)!);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return left[i] - right[i];
    }
  }
  return left.length - right.length;
}

function comparePaths(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = byCodePoint(String(a[i]), String(b[i]));
    if (order !== 0) {
      return order;
    }
  }
  return a.length - b.length;
}
