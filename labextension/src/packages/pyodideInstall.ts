import { Kernel, KernelMessage } from '@jupyterlab/services';
import { errorName } from '../tutor/errorName';
import {
  failed,
  ImportCheck,
  importCheck,
  ImportQuery,
  PROBE,
  ProbeAnswer,
  probeInputs
} from './importCheck';
import {
  programExpression,
  pythonData,
  readProgramAnswer
} from './kernelProgram';

/**
 * Install a package in a Pyodide kernel with piplite, as `%pip` does (the
 * site's Pyodide distribution for packages in its lock, then the site's own
 * wheels, then PyPI when the site allows it), then check it as in IPython.
 * The requirement reaches piplite as data, never as code.
 *
 * The Pyodide kernel ignores `silent` and user expressions, so the answer
 * comes back as the result of an expression: like any request of ours it
 * never reaches the notebook's cells, but it takes an execution count.
 */
export async function installAndCheck(
  kernel: Kernel.IKernelConnection,
  query: ImportQuery,
  requirement: string
): Promise<ImportCheck> {
  // piplite is what `%pip` uses in the Pyodide kernel: the site's own wheels first.
  const install = await run(
    kernel,
    `await __import__('piplite').install(${pythonData(requirement)})`
  );
  if (install.error !== null) {
    return failed(install.error);
  }
  const check = await run(kernel, programExpression(PROBE, probeInputs(query)));
  if (check.error !== null || check.value === null) {
    return failed(check.error ?? 'the kernel gave no answer');
  }
  return importCheck(
    readProgramAnswer<ProbeAnswer>(check.value),
    query.importName
  );
}

/** Run code; the `text/plain` of its result, or its error in one line. */
async function run(
  kernel: Kernel.IKernelConnection,
  code: string
): Promise<{ value: string | null; error: string | null }> {
  let value: string | null = null;
  const future = kernel.requestExecute({
    code,
    silent: false,
    store_history: false
  });
  future.onIOPub = message => {
    if (KernelMessage.isExecuteResultMsg(message)) {
      value = String(message.content.data['text/plain'] ?? '');
    }
  };
  const reply = await future.done;
  const content = reply.content;
  if (content.status === 'error') {
    return {
      value: null,
      error: `${errorName(content.ename)}: ${content.evalue}`
    };
  }
  return { value, error: null };
}
