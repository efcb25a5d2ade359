/**
 * The hint ladder's names, as the server's `tutor/pedagogy/levels.py` has
 * them (the parity fixture checks they agree). The model instructions stay
 * on the server: offline hints are written per level in the rules.
 */
const LEVEL_NAMES = ['Nudge', 'Pointer', 'Specific hint', 'Worked example'];

export const MAX_LEVEL = LEVEL_NAMES.length;

/** A level number brought into 1…MAX_LEVEL, as the server's `level()` does. */
export function clampLevel(level: number): number {
  return Math.min(Math.max(level, 1), MAX_LEVEL);
}

export function levelName(level: number): string {
  return LEVEL_NAMES[clampLevel(level) - 1];
}
