import { readFileSync } from 'fs';
import { join } from 'path';
import { checkPackageList } from '../../src/backend/lite/packageListCheck';
import { requirementOf } from '../../src/packages/entryRules';

/**
 * The fixture the Python tests hold the server's list check to
 * (tests/packages/test_entry_parity.py): the browser keeps the same
 * entries and gives the same reasons for the others.
 */
type Case = {
  title: string;
  raw: unknown;
  expected: { packages: unknown[]; problems: unknown[] };
};

const cases: Case[] = JSON.parse(
  readFileSync(join(__dirname, '../../../tests/packages/entries.json'), 'utf-8')
).lists;

describe('package lists, checked as the server checks them', () => {
  it.each(cases.map(c => [c.title, c] as [string, Case]))('%s', (_, c) => {
    const checked = checkPackageList(c.raw, []);
    expect({ packages: checked.packages, problems: checked.problems }).toEqual(
      c.expected
    );
  });

  it('installs exactly the kept entry, and refuses anything else', () => {
    expect(
      requirementOf({ name: 'numpy', version: '>=1.26', required: true })
    ).toBe('numpy>=1.26');
    for (const c of cases) {
      const problems = c.expected.problems as {
        index: number;
        reason: string;
      }[];
      const raw = Array.isArray(c.raw) ? c.raw : [];
      for (const problem of problems) {
        // A duplicate is a valid entry, refused only within its list.
        if (problem.index >= 0 && !problem.reason.endsWith('is listed twice')) {
          expect(() => requirementOf(raw[problem.index])).toThrow(/^refused: /);
        }
      }
    }
  });
});
