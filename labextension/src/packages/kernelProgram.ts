import { Kernel } from '@jupyterlab/services';

/**
 * Data for the kernel as a Python expression: base64 JSON, decoded there.
 * Whatever the data holds, the code sent is our own text and the base64
 * alphabet, so no package name or version can ever become code.
 */
export function pythonData(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  bytes.forEach(byte => {
    binary += String.fromCharCode(byte);
  });
  return `__import__('json').loads(__import__('base64').b64decode('${btoa(binary)}').decode())`;
}

/**
 * A Python expression that runs one of our programs in a throwaway
 * namespace holding `inputs` (so no variable is left behind) and is worth
 * the program's `ANSWER`: base64 JSON, so its repr is trivial to read back.
 */
export function programExpression(
  program: string,
  inputs: { [name: string]: unknown }
): string {
  // The program is a constant of ours; a JSON string is a valid Python literal.
  return `(lambda ns: (exec(${JSON.stringify(program)}, ns), ns['ANSWER'])[1])(${pythonData(inputs)})`;
}

/** Ends a program: its `answer` dict, as `programExpression` reads it back. */
export const ANSWER_LINE =
  "ANSWER = __import__('base64').b64encode(__import__('json').dumps(answer).encode()).decode()";

/** The program's answer from the `repr` of the expression's value. */
export function readProgramAnswer<T>(repr: string): T {
  return JSON.parse(atob(repr.replace(/^'|'$/g, ''))) as T;
}

/**
 * Run a program as the user expression of an empty silent request: it
 * leaves no cell, output, history entry or variable behind. Resolves with
 * its answer, or rejects with the kernel's error in one line.
 */
export async function runSilently<T>(
  kernel: Kernel.IKernelConnection,
  program: string,
  inputs: { [name: string]: unknown }
): Promise<T> {
  const reply = await kernel.requestExecute({
    code: '',
    silent: true,
    store_history: false,
    user_expressions: { answer: programExpression(program, inputs) }
  }).done;
  if (reply.content.status !== 'ok') {
    throw new Error('the kernel could not run the request');
  }
  const result = reply.content.user_expressions.answer as
    | { status: 'ok'; data: { 'text/plain': string } }
    | { status: 'error'; ename: string; evalue: string }
    | undefined;
  if (result?.status !== 'ok') {
    throw new Error(
      result ? `${result.ename}: ${result.evalue}` : 'the kernel gave no answer'
    );
  }
  return readProgramAnswer<T>(result.data['text/plain']);
}
