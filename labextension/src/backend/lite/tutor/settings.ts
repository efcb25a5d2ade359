import { TUTOR_SETTINGS_BLOCK_FIELDS } from '../../../contract/schema';
import { MAX_LEVEL } from './levels';
import { strip } from './pythonText';

/**
 * A module's tutor settings (`metadata.jupyter_tutor.tutor`, the site
 * catalog's `tutor_settings`), read as `tutor/pedagogy/settings.py` reads
 * them. The browser has no model, so `instructions` and `code_allowed_level`
 * are checked but not used.
 */
export type TutorSettings = {
  maxLevel: number;
  /** Words the tutor must not use, masked in its answers. */
  avoid: string[];
};

export const DEFAULT_SETTINGS: TutorSettings = {
  maxLevel: MAX_LEVEL,
  avoid: []
};

/** Validate the block; a missing one (null) means the defaults. */
export function parseTutorSettings(raw: unknown): TutorSettings {
  if (raw === null || raw === undefined) {
    return DEFAULT_SETTINGS;
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error('jupyter_tutor.tutor must be an object');
  }
  const block = raw as { [key: string]: unknown };
  const get = (key: string, fallback: unknown): unknown =>
    key in block ? block[key] : fallback;
  const unknown = Object.keys(block)
    .filter(
      key => !(TUTOR_SETTINGS_BLOCK_FIELDS as readonly string[]).includes(key)
    )
    .sort();
  if (unknown.length > 0) {
    throw new Error(`unknown tutor setting(s): ${unknown.join(', ')}`);
  }
  const maxLevel = level(get('max_level', MAX_LEVEL), 'max_level');
  level(get('code_allowed_level', MAX_LEVEL), 'code_allowed_level');
  const avoid = get('avoid', []);
  if (
    !Array.isArray(avoid) ||
    !avoid.every(word => typeof word === 'string' && strip(word) !== '')
  ) {
    throw new Error('tutor.avoid must be a list of words or phrases');
  }
  if (typeof get('instructions', '') !== 'string') {
    throw new Error('tutor.instructions must be text');
  }
  return { maxLevel, avoid: avoid.map(strip) };
}

function level(value: unknown, name: string): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_LEVEL
  ) {
    throw new Error(
      `tutor.${name} must be a whole number from 1 to ${MAX_LEVEL}, got ${JSON.stringify(value)}`
    );
  }
  return value;
}
