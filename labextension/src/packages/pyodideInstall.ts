import { Kernel, KernelMessage } from '@jupyterlab/services';
import {
  checkExpression,
  failed,
  ImportCheck,
  ImportQuery,
  readAnswer
} from './importCheck';

/**
 * Install a package in a Pyodide kernel with micropip (from the site's
 * Pyodide distribution for packages in its lock, else as a pure-Python
 * wheel), then check it as in IPython.
 *
 * The Pyodide kernel ignores `silent` and user expressions, so the answer
 * comes back as the result of an expression: like any request of ours it
 * never reaches the notebook's cells, but it takes an execution count.
 */
export async function installAndCheck(
  kernel: Kernel.IKernelConnection,
  query: ImportQuery
): Promise<ImportCheck> {
  const requirement = JSON.stringify(query.distribution + query.specifier);
  const install = await run(
    kernel,
    `await __import__('micropip').install(${requirement})`
  );
  if (install.error !== null) {
    return failed(install.error);
  }
  const check = await run(kernel, checkExpression(query));
  if (check.error !== null || check.value === null) {
    return failed(check.error ?? 'the kernel gave no answer');
  }
  return readAnswer(check.value, query.importName);
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
    return { value: null, error: `${content.ename}: ${content.evalue}` };
  }
  return { value, error: null };
}
