import { PackageRequest } from '../backend/types';
import rules from './entry_rules.json';

/**
 * The rules a package list entry must follow, shared with the server:
 * `entry_rules.json` here is a copy of `jupyter_tutor/packages/entry_rules.json`
 * made by `labextension/scripts/copy-shared-data.js`. The browser checks a
 * list again before anything reaches a kernel, because a list can arrive
 * inside a notebook file that never went through the server.
 */
type MessageKey = keyof typeof rules.messages;
type PatternKey = keyof typeof rules.patterns;

const PART = /\{([a-z]+)\}/g;

function expanded(key: PatternKey): string {
  return rules.patterns[key].replace(PART, (_, part: string) =>
    expanded(part as PatternKey)
  );
}

const NAME = new RegExp(`^(?:${expanded('name')})$`);
const SPECIFIER = new RegExp(`^(?:${expanded('specifier')})$`);

/** A rule's message, `{value}` filled with the JSON-quoted text. */
export function ruleMessage(
  key: MessageKey,
  values: { value?: string; fields?: string; max?: number } = {}
): string {
  const filled: { [part: string]: string } = {};
  if (values.value !== undefined) {
    filled.value = JSON.stringify(values.value);
  }
  if (values.fields !== undefined) {
    filled.fields = values.fields;
  }
  if (values.max !== undefined) {
    filled.max = String(values.max);
  }
  return rules.messages[key].replace(PART, (_, part: string) => filled[part]);
}

export function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string') {
    return ruleMessage('name_not_text');
  }
  if (name.length > rules.max_name_length) {
    return ruleMessage('name_too_long', { max: rules.max_name_length });
  }
  return NAME.test(name) ? null : ruleMessage('bad_name', { value: name });
}

export function specifierProblem(version: unknown): string | null {
  if (typeof version !== 'string') {
    return ruleMessage('version_not_text');
  }
  if (version.length > rules.max_specifier_length) {
    return ruleMessage('version_too_long', {
      max: rules.max_specifier_length
    });
  }
  return SPECIFIER.test(version)
    ? null
    : ruleMessage('bad_version', { value: version });
}

/** The entry as the list stores it, or why it is not valid. */
export function checkEntry(item: unknown): PackageRequest | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return ruleMessage('not_an_object');
  }
  const entry = item as { [key: string]: unknown };
  const unknown = Object.keys(entry).filter(key => !rules.fields.includes(key));
  if (unknown.length > 0) {
    return ruleMessage('unknown_fields', { fields: unknown.sort().join(', ') });
  }
  const name = entry.name;
  const version = entry.version ?? '';
  const problem =
    nameProblem(name) || (version !== '' ? specifierProblem(version) : null);
  if (problem) {
    return problem;
  }
  const required = 'required' in entry ? entry.required : true;
  if (typeof required !== 'boolean') {
    return ruleMessage('required_not_bool');
  }
  const specifier = (version as string).replace(/^ +| +$/g, '');
  return specifier === ''
    ? { name: name as string, required }
    : { name: name as string, version: specifier, required };
}

/**
 * The requirement an entry installs, e.g. `numpy>=1.26`; throws for an entry
 * the rules refuse, so nothing built from it can reach a kernel.
 */
export function requirementOf(entry: PackageRequest): string {
  const checked = checkEntry(entry);
  if (typeof checked === 'string') {
    throw new Error(`refused: ${checked}`);
  }
  return checked.name + (checked.version ?? '');
}
