import { Kernel } from '@jupyterlab/services';
import { errorMessage } from '../backend/errors';
import { ANSWER_LINE, runSilently } from './kernelProgram';

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

/** What the probe answers. */
export type ProbeAnswer = {
  found: boolean;
  version: string | null;
  problem: string | null;
};

/**
 * The check: it finds the module without importing it, reads the
 * distribution's version, and tests it against the specifier with
 * `packaging` (a version goes unchecked in the rare kernel without it).
 */
export const PROBE = `
import importlib, importlib.metadata, importlib.util
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
${ANSWER_LINE}
`;

export function probeInputs(query: ImportQuery): { [name: string]: string } {
  return {
    IMPORT_NAME: query.importName,
    DISTRIBUTION: query.distribution,
    SPECIFIER: query.specifier
  };
}

/** Ask an IPython kernel whether a package can be imported (without importing it). */
export async function checkImport(
  kernel: Kernel.IKernelConnection,
  query: ImportQuery
): Promise<ImportCheck> {
  try {
    const answer = await runSilently<ProbeAnswer>(
      kernel,
      PROBE,
      probeInputs(query)
    );
    return importCheck(answer, query.importName);
  } catch (reason) {
    return failed(errorMessage(reason));
  }
}

export function importCheck(
  answer: ProbeAnswer,
  importName: string
): ImportCheck {
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
