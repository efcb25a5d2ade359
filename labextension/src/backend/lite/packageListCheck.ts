import { checkEntry, ruleMessage } from '../../packages/entryRules';
import { canonicalName } from '../../packages/packageList';
import {
  CheckedPackageList,
  PackageListProblem,
  PackageRequest
} from '../types';

/**
 * The server's list check, for a site without a server: the valid entries
 * in order, the others with the reason; duplicates count once. A missing
 * list gets `defaults`.
 */
export function checkPackageList(
  raw: unknown,
  defaults: string[]
): CheckedPackageList {
  if (raw === null || raw === undefined) {
    return {
      packages: defaults.map(name => ({ name, required: true })),
      problems: [],
      is_default: true
    };
  }
  if (!Array.isArray(raw)) {
    return {
      packages: [],
      problems: [{ index: -1, reason: ruleMessage('not_a_list') }],
      is_default: false
    };
  }
  const packages: PackageRequest[] = [];
  const problems: PackageListProblem[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const entry = checkEntry(item);
    if (typeof entry === 'string') {
      problems.push({ index, reason: entry });
      return;
    }
    const key = canonicalName(entry.name);
    if (seen.has(key)) {
      problems.push({
        index,
        reason: ruleMessage('listed_twice', { value: entry.name })
      });
      return;
    }
    seen.add(key);
    packages.push(entry);
  });
  return { packages, problems, is_default: false };
}
