/**
 * Python's string semantics where the browser tutor must agree with the
 * server's byte for byte: what its regular expressions call whitespace and
 * word characters (JavaScript's `\s` and `\w` differ), what `str.strip`
 * removes and where `str.splitlines` breaks lines. Use the classes in
 * patterns with the `u` flag.
 */

/** The characters of Python's `\s` (and `str.isspace`). */
export const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** The characters of Python's `\w`: letters, numbers (`str.isalnum`) and `_`. */
export const PY_WORD = '\\p{L}\\p{N}_';

const STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu');
// Python also breaks lines at the file, group and record separators.
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** `str.strip()`. */
export function strip(text: string): string {
  return text.replace(STRIP, '');
}

/** `str.splitlines()`: no empty last line after a final line break. */
export function splitLines(text: string): string[] {
  const lines = text.split(LINE_BREAK);
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}
