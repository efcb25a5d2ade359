import { PackageRequest } from '../backend/types';

/** PEP 503 normalisation: `Foo_Bar` and `foo-bar` are the same package. */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function hasPackage(list: PackageRequest[], name: string): boolean {
  const key = canonicalName(name);
  return list.some(entry => canonicalName(entry.name) === key);
}

/** The list with the new entries it lacks appended, in their order. */
export function addPackages(
  list: PackageRequest[],
  entries: PackageRequest[]
): PackageRequest[] {
  const result = [...list];
  for (const entry of entries) {
    if (!hasPackage(result, entry.name)) {
      result.push(entry);
    }
  }
  return result;
}

/** The list with the entry at `from` moved to `to`. */
export function movePackage(
  list: PackageRequest[],
  from: number,
  to: number
): PackageRequest[] {
  if (to < 0 || to >= list.length || from === to) {
    return list;
  }
  const result = [...list];
  const [entry] = result.splice(from, 1);
  result.splice(to, 0, entry);
  return result;
}

export function removePackage(
  list: PackageRequest[],
  index: number
): PackageRequest[] {
  return list.filter((_, position) => position !== index);
}

export function setRequired(
  list: PackageRequest[],
  index: number,
  required: boolean
): PackageRequest[] {
  return list.map((entry, position) =>
    position === index ? { ...entry, required } : entry
  );
}

/** The name a package is imported by: its usual import, else the name with - → _. */
export function importName(
  name: string,
  imports: string[] | undefined
): string {
  return imports?.[0] ?? name.replace(/-/g, '_');
}
