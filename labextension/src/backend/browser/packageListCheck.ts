import {
  CheckedPackageList,
  PackageListProblem,
  PackageRequest
} from '../types';

/** PEP 508 distribution names, as the server checks them. */
const NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
/** One PEP 440 clause such as `>=1.26` or `==2.*`. */
const CLAUSE =
  /^\s*(~=|===|==|!=|<=|>=|<|>)\s*[A-Za-z0-9][A-Za-z0-9.*+!_-]*\s*$/;

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
      problems: [
        { index: -1, reason: 'jupyter_tutor.packages must be a list' }
      ],
      is_default: false
    };
  }
  const packages: PackageRequest[] = [];
  const problems: PackageListProblem[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const entry = parseEntry(item);
    if (typeof entry === 'string') {
      problems.push({ index, reason: entry });
      return;
    }
    const key = entry.name.toLowerCase().replace(/[-_.]+/g, '-');
    if (seen.has(key)) {
      problems.push({ index, reason: `${entry.name} is listed twice` });
      return;
    }
    seen.add(key);
    packages.push(entry);
  });
  return { packages, problems, is_default: false };
}

/** The entry, or why it is not valid. */
function parseEntry(item: unknown): PackageRequest | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return 'each package must be an object like {"name": "numpy"}';
  }
  const entry = item as { [key: string]: unknown };
  const unknown = Object.keys(entry).filter(
    key => !['name', 'version', 'required'].includes(key)
  );
  if (unknown.length > 0) {
    return `unknown field(s) ${unknown.sort().join(', ')}`;
  }
  const { name, version = '', required = true } = entry;
  if (typeof name !== 'string' || !NAME.test(name)) {
    return `${JSON.stringify(name)} is not a valid package name`;
  }
  if (typeof version !== 'string') {
    return "version must be a text specifier such as '>=1.26'";
  }
  const specifier = version.trim();
  if (specifier !== '' && !specifier.split(',').every(c => CLAUSE.test(c))) {
    return `${JSON.stringify(version)} is not a valid version specifier (PEP 440)`;
  }
  if (typeof required !== 'boolean') {
    return 'required must be true or false';
  }
  return specifier === ''
    ? { name, required }
    : { name, version: specifier, required };
}
