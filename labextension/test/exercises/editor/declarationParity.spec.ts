import { readFileSync } from 'fs';
import { join } from 'path';
import { declarationReason } from '../../../src/exercises/editor/validation';

/** The server's verdicts (tests/exercises/declarations.json), replayed in the browser. */
type Case = { case: string; declaration: unknown } & (
  { valid: true } | { valid: false; reason: string }
);

const CASES: Case[] = JSON.parse(
  readFileSync(
    join(__dirname, '../../../../tests/exercises/declarations.json'),
    'utf-8'
  )
);

describe('the editor judges declarations as the server does', () => {
  it.each(CASES.map(c => [c.case, c] as const))('%s', (_, c) => {
    expect(declarationReason(c.declaration)).toBe(c.valid ? null : c.reason);
  });
});
