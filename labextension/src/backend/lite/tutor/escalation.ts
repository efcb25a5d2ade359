import { MORE_HELP_PHRASES } from '../../../contract/constants';
import { PY_WORD } from './pythonText';

/** Which hint level the next answer gets: `tutor/pedagogy/escalation.py`. */

const MORE_HELP = new RegExp(
  `(?<![${PY_WORD}])(${MORE_HELP_PHRASES.join('|')})(?![${PY_WORD}])`,
  'iu'
);

/** The student explicitly asks to be helped further on the same problem. */
export function asksForMoreHelp(question: string): boolean {
  return MORE_HELP.test(question);
}

/**
 * A new problem starts at level 1; staying on it (or asking for more) climbs
 * one level, up to the module's `maxLevel`.
 */
export function nextLevel(
  previousLevel: number | null,
  options: { sameProblem: boolean; moreHelp: boolean; maxLevel: number }
): number {
  if (previousLevel === null || !(options.sameProblem || options.moreHelp)) {
    return 1;
  }
  return Math.min(previousLevel + 1, options.maxLevel);
}
