/**
 * An error's class name as Python prints it in a traceback. The Pyodide
 * kernel reports `ename` as `<class 'ZeroDivisionError'>` where ipykernel
 * reports `ZeroDivisionError`; the tutor and the bridge show the latter.
 */
export function errorName(ename: string): string {
  const wrapped = /^<class '([^']+)'>$/.exec(ename.trim());
  return wrapped ? wrapped[1] : ename;
}
