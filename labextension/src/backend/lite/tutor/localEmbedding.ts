import { crc32 } from './crc32';
import { PY_SPACE } from './pythonText';

/**
 * The server's local embedding (`tutor/similarity/local_embedding.py`),
 * ported feature for feature so a question compares with the previous one
 * as it would on the server, against the same threshold: signed feature
 * hashing of tokens, word bigrams, character trigrams and identifier parts.
 * Python's `\d` is any decimal digit (`\p{Nd}`), hence the explicit classes.
 */

const DIMENSIONS = 1024;

const TOKEN = new RegExp(
  `[A-Za-z]+|\\p{Nd}+|[^${PY_SPACE}A-Za-z\\p{Nd}]`,
  'gu'
);
const IDENTIFIER_PART = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\p{Nd}+/gu;
/** Python's `str.isalnum`. */
const ALNUM = /^[\p{L}\p{N}]+$/u;

type Feature = [string, number];

function features(text: string): Feature[] {
  const tokens = (text.match(TOKEN) ?? []).map(token => token.toLowerCase());
  const words = tokens.filter(token => ALNUM.test(token));
  const found: Feature[] = tokens.map(token => [`t:${token}`, 1]);
  for (let i = 1; i < words.length; i++) {
    found.push([`b:${words[i - 1]} ${words[i]}`, 1]);
  }
  for (const word of words) {
    // Lengths and slices in code points, as Python counts them.
    const padded = Array.from(`<${word}>`);
    if (padded.length - 2 > 3) {
      for (let i = 0; i + 3 <= padded.length; i++) {
        found.push([`c:${padded.slice(i, i + 3).join('')}`, 0.5]);
      }
    }
  }
  for (const part of text.match(IDENTIFIER_PART) ?? []) {
    found.push([`p:${part.toLowerCase()}`, 0.5]);
  }
  return found;
}

/** L2-normalised signed feature hashing, with sublinear term weights. */
export function embed(text: string): Float32Array {
  const encoder = new TextEncoder();
  const counts = new Map<number, number>();
  for (const [feature, weight] of features(text)) {
    const digest = crc32(encoder.encode(feature));
    const index = digest % DIMENSIONS;
    const sign = digest & 0x80000000 ? 1 : -1;
    counts.set(index, (counts.get(index) ?? 0) + sign * weight);
  }
  // float32 like the server's numpy vector, so similarities agree to ~1e-7.
  const vector = new Float32Array(DIMENSIONS);
  for (const [index, value] of counts) {
    vector[index] = Math.sign(value) * Math.log1p(Math.abs(value));
  }
  const norm = Math.fround(Math.hypot(...vector));
  if (norm > 0) {
    for (let i = 0; i < DIMENSIONS; i++) {
      vector[i] /= norm;
    }
  }
  return vector;
}
