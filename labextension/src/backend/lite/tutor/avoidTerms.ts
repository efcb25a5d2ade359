import { PY_WORD } from './pythonText';

/** What an avoided word or phrase becomes, as on the server. */
const MASK = '…';

const WORD_CHAR = new RegExp(`[${PY_WORD}]`, 'u');

/**
 * The server guard's masking of a module's `avoid` terms (whole words,
 * any case, longest first), which applies at every hint level. Python's
 * `\b` counts Unicode letters as word characters and JavaScript's does not,
 * so each term gets the lookarounds `\b` means at its own ends.
 */
export function maskAvoided(
  text: string,
  avoid: string[]
): { text: string; masked: boolean } {
  if (avoid.length === 0) {
    return { text, masked: false };
  }
  const terms = [...avoid].sort(
    (a, b) => Array.from(b).length - Array.from(a).length
  );
  const pattern = new RegExp(terms.map(boundedTerm).join('|'), 'giu');
  let masked = false;
  const result = text.replace(pattern, () => {
    masked = true;
    return MASK;
  });
  return { text: result, masked };
}

function boundedTerm(term: string): string {
  const chars = Array.from(term);
  const before = WORD_CHAR.test(chars[0])
    ? `(?<![${PY_WORD}])`
    : `(?<=[${PY_WORD}])`;
  const after = WORD_CHAR.test(chars[chars.length - 1])
    ? `(?![${PY_WORD}])`
    : `(?=[${PY_WORD}])`;
  return before + term.replace(/[\^$\\.*+?()[\]{}|/]/g, '\\$&') + after;
}
