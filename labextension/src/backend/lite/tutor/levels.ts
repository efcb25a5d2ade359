import { LEVEL_NAMES } from '../../../contract/constants';

// The hint ladder's names are the contract's. The model instructions stay on
// the server: offline hints are written per level in the rules.

export const MAX_LEVEL = LEVEL_NAMES.length;

/** A level number brought into 1…MAX_LEVEL, as the server's `level()` does. */
export function clampLevel(level: number): number {
  return Math.min(Math.max(level, 1), MAX_LEVEL);
}

export function levelName(level: number): string {
  return LEVEL_NAMES[clampLevel(level) - 1];
}
