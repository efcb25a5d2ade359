import { errorName } from '../tutor/errorName';
import { CheckRun, ExerciseCheck } from './token';

/** What one check did in the student's kernel. */
export type CheckOutcome =
  | { state: 'passed'; message: string }
  | { state: 'failed'; message: string; error: string }
  /** Left out: an earlier check failed, and later ones build on it. */
  | { state: 'not_run'; message: string };

/** The part of an `execute_reply` (or an iopub `error`) a check needs. */
export type ExecuteResult = {
  status: string;
  ename?: string;
  evalue?: string;
};

/**
 * Whether a check's execution ran to the end: `aborted` means the kernel
 * dropped it (an earlier queued cell failed), which says nothing about the
 * student's answer.
 */
export function ranToTheEnd(result: ExecuteResult): boolean {
  return result.status === 'ok' || result.status === 'error';
}

/** The outcome of a check that ran: it passes unless it raised. */
export function checkOutcome(
  check: ExerciseCheck,
  result: ExecuteResult
): CheckOutcome {
  if (result.status === 'ok') {
    return { state: 'passed', message: check.message };
  }
  return { state: 'failed', message: check.message, error: errorText(result) };
}

/**
 * "NameError: name 'evens' is not defined", or just the exception's name
 * (the Pyodide kernel's `<class 'NameError'>` shown as ipykernel's).
 */
export function errorText(result: ExecuteResult): string {
  const name = errorName(result.ename || 'Error');
  return result.evalue ? `${name}: ${result.evalue}` : name;
}

/** The run to record: the first failing check and what it raised. */
export function checkRunOf(outcomes: CheckOutcome[]): CheckRun {
  const failed = outcomes.findIndex(outcome => outcome.state === 'failed');
  if (failed === -1) {
    return { passed: true };
  }
  const outcome = outcomes[failed];
  return {
    passed: false,
    failed_check: failed,
    error: outcome.state === 'failed' ? outcome.error : undefined
  };
}
