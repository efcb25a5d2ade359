import { Kernel, KernelMessage } from '@jupyterlab/services';

/** Whether the kernel can import a package, and why not. */
export type ImportCheck = { found: boolean; error: string | null };

/**
 * Ask the kernel whether `importName` can be imported, without importing it.
 *
 * The question is a user expression of an empty silent request: it leaves
 * no cell, output, history entry or variable behind. Names come from the
 * catalog or a validated PEP 508 name, so they are plain dotted identifiers.
 */
export async function checkImport(
  kernel: Kernel.IKernelConnection,
  importName: string
): Promise<ImportCheck> {
  // invalidate_caches first, so a package installed a moment ago is seen.
  const expression =
    `(__import__('importlib').invalidate_caches(), ` +
    `__import__('importlib.util').util.find_spec(${JSON.stringify(importName)}) is not None)[1]`;
  const reply = await kernel.requestExecute({
    code: '',
    silent: true,
    store_history: false,
    user_expressions: { found: expression }
  }).done;
  return readCheck(reply, importName);
}

function readCheck(
  reply: KernelMessage.IExecuteReplyMsg,
  importName: string
): ImportCheck {
  const content = reply.content;
  if (content.status !== 'ok') {
    return { found: false, error: 'the kernel could not run the check' };
  }
  const result = content.user_expressions.found as
    | { status: 'ok'; data: { 'text/plain': string } }
    | { status: 'error'; ename: string; evalue: string }
    | undefined;
  if (result?.status === 'error') {
    return { found: false, error: `${result.ename}: ${result.evalue}` };
  }
  if (result?.data['text/plain'] === 'True') {
    return { found: true, error: null };
  }
  return { found: false, error: `No module named '${importName}'` };
}
