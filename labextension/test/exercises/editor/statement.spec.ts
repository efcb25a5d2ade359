import { readFileSync } from 'fs';
import { join } from 'path';
import {
  NotebookCell,
  statementBefore
} from '../../../src/exercises/editor/statement';

/** The server's statements (tests/exercises/statements.json), replayed in the browser. */
type Case = {
  case: string;
  cells: NotebookCell[];
  statements: { [index: string]: string };
};

const CASES: Case[] = JSON.parse(
  readFileSync(
    join(__dirname, '../../../../tests/exercises/statements.json'),
    'utf-8'
  )
);

describe("an exercise's statement, by the server's rule", () => {
  it.each(CASES.map(c => [c.case, c] as const))('%s', (_, c) => {
    for (const [index, statement] of Object.entries(c.statements)) {
      expect(statementBefore(c.cells, Number(index))).toBe(statement);
    }
  });
});
