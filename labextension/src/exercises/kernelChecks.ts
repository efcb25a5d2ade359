import { Kernel, KernelMessage } from '@jupyterlab/services';
import {
  CheckOutcome,
  ExecuteResult,
  checkOutcome,
  ranToTheEnd
} from './checkOutcome';
import { ExerciseCheck } from './token';

/** The checks' outcomes, or why they could not run (then nothing is recorded). */
export type KernelCheckResult =
  { ran: true; outcomes: CheckOutcome[] } | { ran: false; reason: string };

const NO_KERNEL =
  'No kernel is running for this notebook: start one (Kernel menu), run your cells, then press Check again.';
const INTERRUPTED =
  'The kernel restarted or stopped during the check, so nothing was checked: run your cells again, then press Check.';
const ABORTED =
  'The kernel skipped the check because a cell queued before it failed: fix or re-run that cell, then press Check again.';

/** Kernel states in which a check can never answer. */
const GONE: ReadonlySet<Kernel.Status> = new Set<Kernel.Status>([
  'dead',
  'restarting',
  'autorestarting',
  'terminating'
]);

/**
 * Run an exercise's checks, in order, in the student's kernel, against its
 * current state. Each check's code is sent as-is, in its own silent execute
 * request (no history, no outputs in the notebook: the replies go to this
 * request's future only); a check passes unless it raises. After the first
 * failing check the rest are not run, since they build on it.
 *
 * The Pyodide kernel (JupyterLite) ignores `silent` and `store_history`: a
 * check there takes an execution count and enters the input history, but
 * its replies still reach this request's future only, and its
 * `execute_reply` has ipykernel's `status` (`ok`/`error`, with `ename` as
 * `<class 'AssertionError'>`, which `errorText` unwraps).
 *
 * `onWaiting` is called when the kernel is still busy with the student's
 * cells: the checks wait in the kernel's queue behind them.
 */
export async function runChecksInKernel(
  kernel: Kernel.IKernelConnection | null | undefined,
  checks: ExerciseCheck[],
  onWaiting: () => void
): Promise<KernelCheckResult> {
  if (!kernel || kernel.isDisposed || GONE.has(kernel.status)) {
    return { ran: false, reason: NO_KERNEL };
  }
  if (kernel.status === 'busy') {
    onWaiting();
  }
  let interrupted = false;
  const watch = (_: unknown, status: Kernel.Status): void => {
    interrupted ||= GONE.has(status);
  };
  kernel.statusChanged.connect(watch);
  try {
    const outcomes: CheckOutcome[] = [];
    for (const check of checks) {
      if (outcomes.some(outcome => outcome.state === 'failed')) {
        outcomes.push({ state: 'not_run', message: check.message });
        continue;
      }
      const result = await execute(kernel, check.code);
      if (interrupted || result === null) {
        return { ran: false, reason: INTERRUPTED };
      }
      if (!ranToTheEnd(result)) {
        return { ran: false, reason: ABORTED };
      }
      outcomes.push(checkOutcome(check, result));
    }
    return { ran: true, outcomes };
  } finally {
    kernel.statusChanged.disconnect(watch);
  }
}

/** One silent execution; null when the kernel went away before replying. */
async function execute(
  kernel: Kernel.IKernelConnection,
  code: string
): Promise<ExecuteResult | null> {
  let raised = null as ExecuteResult | null;
  try {
    const future = kernel.requestExecute(
      {
        code,
        silent: true,
        store_history: false,
        allow_stdin: false,
        stop_on_error: false
      },
      true
    );
    future.onIOPub = message => {
      if (message.header.msg_type === 'error') {
        const { ename, evalue } = (message as KernelMessage.IErrorMsg).content;
        raised = { status: 'error', ename, evalue };
      }
    };
    const reply = await future.done;
    const content = reply.content as ExecuteResult;
    return content.status === 'error' && !content.ename && raised
      ? raised
      : content;
  } catch {
    return null;
  }
}
