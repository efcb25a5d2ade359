import { Kernel } from '@jupyterlab/services';
import { KernelCheckResult, runChecksInKernel } from '../kernelChecks';
import { ExerciseCheck } from '../token';

/** What the editor's trial ran: some code (the solution or the cell's), then the checks. */
export type TrialResult = KernelCheckResult & { subject: string };

/**
 * Run `code`, then each check, silently in the notebook's kernel (the Check
 * button's runner, so the instructor sees what a student's Check will do).
 * The code goes first as one more "check": when it raises, the checks are
 * not run and its error is the failure.
 */
export async function runTrial(
  kernel: Kernel.IKernelConnection | null | undefined,
  subject: string,
  code: string,
  checks: ExerciseCheck[],
  onWaiting: () => void
): Promise<TrialResult> {
  const ran = await runChecksInKernel(
    kernel,
    [{ code, message: `The ${subject} itself raised an error.` }, ...checks],
    onWaiting
  );
  return { ...ran, subject };
}
