import { CheckRun } from '../../exercises/token';
import STATUSES from '../../exercises/statuses.json';
import { TutorApiError } from '../errors';

const CHECK_RUN_FIELDS = ['passed', 'failed_check', 'error'];

/**
 * A check run as the browser's exercise store accepts it, by the server's
 * rules (`exercises/request.py`, held to it by
 * `tests/exercises/check_runs_parity.json`): only its fields, a boolean
 * `passed`, a failed run naming its first failing check (0 to the number of
 * checks − 1), `error` as text clipped to the shared limit.
 */
export function parseCheckRun(raw: unknown, checkCount: number): CheckRun {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    refuse('The request body must be a JSON object.');
  }
  const fields = raw as { [key: string]: unknown };
  const unknown = Object.keys(fields)
    .filter(name => !CHECK_RUN_FIELDS.includes(name))
    .map(name => name.substring(0, 40))
    .sort();
  if (unknown.length > 0) {
    refuse(
      `Unknown field(s): ${unknown.slice(0, 5).join(', ')}. Allowed: ${CHECK_RUN_FIELDS.join(', ')}.`
    );
  }
  const { passed, failed_check: failed, error } = fields;
  if (typeof passed !== 'boolean') {
    refuse('passed must be true or false: did every check pass?');
  }
  const absent = (value: unknown) => value === undefined || value === null;
  if (passed) {
    if (!absent(failed) || !absent(error)) {
      refuse('A run that passed has no failed_check and no error.');
    }
    return { passed: true };
  }
  if (absent(failed)) {
    refuse(
      'A failed run needs failed_check: the index of its first failing check.'
    );
  }
  if (
    typeof failed !== 'number' ||
    !Number.isInteger(failed) ||
    failed < 0 ||
    failed > checkCount - 1
  ) {
    refuse(
      `failed_check must be the index of the first failing check: a whole number from 0 to ${checkCount - 1}.`
    );
  }
  if (!absent(error) && typeof error !== 'string') {
    refuse('error must be text: what the failing check raised.');
  }
  // Python's `text[:limit]` counts code points.
  const clipped =
    typeof error === 'string' && error !== ''
      ? Array.from(error).slice(0, STATUSES.max_error_length).join('')
      : undefined;
  return { passed: false, failed_check: failed, error: clipped };
}

function refuse(message: string): never {
  throw new TutorApiError(400, 'bad_request', message);
}
