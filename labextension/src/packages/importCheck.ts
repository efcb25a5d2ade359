import { Kernel } from '@jupyterlab/services';

/** Whether the kernel has a package in a version the list accepts, and why not. */
export type ImportCheck = {
  found: boolean;
  /** The installed distribution's version, when the kernel knows it. */
  version: string | null;
  error: string | null;
};

/** What the kernel is asked to find. */
export type ImportQuery = {
  /** The top-level module to find, e.g. `sklearn`. */
  importName: string;
  /** The distribution whose version counts, e.g. `scikit-learn`. */
  distribution: string;
  /** A PEP 440 specifier such as `>=1.26`, or '' for any version. */
  specifier: string;
};

/**
 * The check, as a small program run in a throwaway namespace: it finds the
 * module without importing it, reads the distribution's version, and tests
 * it against the specifier with `packaging` (a version goes unchecked in the
 * rare kernel without it). The answer is base64 JSON, so its repr is trivial
 * to read back.
 */
const PROBE = `
import base64, importlib, importlib.metadata, importlib.util, json
importlib.invalidate_caches()
found = importlib.util.find_spec(IMPORT_NAME) is not None
version = problem = None
if found:
    try:
        version = importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        pass
    if SPECIFIER and version is not None:
        try:
            from packaging.specifiers import SpecifierSet
        except ImportError:
            SpecifierSet = None
        if SpecifierSet and not SpecifierSet(SPECIFIER).contains(version, prereleases=True):
            problem = f"version {version} is installed, the list asks for {SPECIFIER}"
answer = {"found": found, "version": version, "problem": problem}
ANSWER = base64.b64encode(json.dumps(answer).encode()).decode()
`;

/**
 * A Python expression whose value is the check's answer (base64 JSON); it
 * runs the probe in a throwaway namespace, so no variable is left behind.
 */
export function checkExpression(query: ImportQuery): string {
  const inputs = JSON.stringify({
    IMPORT_NAME: query.importName,
    DISTRIBUTION: query.distribution,
    SPECIFIER: query.specifier
  });
  // JSON strings and objects are valid Python literals here (no true/false/null).
  return `(lambda ns: (exec(${JSON.stringify(PROBE)}, ns), ns['ANSWER'])[1])(${inputs})`;
}

/**
 * Ask an IPython kernel whether a package can be imported (without
 * importing it) and whether its version matches the list.
 *
 * The question is a user expression of an empty silent request: it leaves
 * no cell, output, history entry or variable behind.
 */
export async function checkImport(
  kernel: Kernel.IKernelConnection,
  query: ImportQuery
): Promise<ImportCheck> {
  const reply = await kernel.requestExecute({
    code: '',
    silent: true,
    store_history: false,
    user_expressions: { check: checkExpression(query) }
  }).done;
  const content = reply.content;
  if (content.status !== 'ok') {
    return failed('the kernel could not run the check');
  }
  const result = content.user_expressions.check as
    | { status: 'ok'; data: { 'text/plain': string } }
    | { status: 'error'; ename: string; evalue: string }
    | undefined;
  if (result?.status !== 'ok') {
    return failed(result ? `${result.ename}: ${result.evalue}` : 'no answer');
  }
  return readAnswer(result.data['text/plain'], query.importName);
}

/** The check's answer from the `repr` of the expression's value. */
export function readAnswer(repr: string, importName: string): ImportCheck {
  const answer = JSON.parse(atob(repr.replace(/^'|'$/g, ''))) as {
    found: boolean;
    version: string | null;
    problem: string | null;
  };
  if (!answer.found) {
    return failed(`No module named '${importName}'`);
  }
  return {
    found: answer.problem === null,
    version: answer.version,
    error: answer.problem
  };
}

export function failed(error: string): ImportCheck {
  return { found: false, version: null, error };
}
