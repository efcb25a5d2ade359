import { AiPolicyNow } from './service';

/**
 * What the tutor panel says about the policy in force, or null when there is
 * nothing to say: the tutor helps as the course's tutor settings say, with
 * no window or instructor's override behind it.
 *
 * `time` writes an ISO 8601 instant for the student (their clock).
 */
export function policyBannerText(
  policy: AiPolicyNow,
  time: (iso: string) => string
): string | null {
  const special =
    policy.mode === 'off' || policy.until !== null || policy.set_by !== null;
  if (!special) {
    return null;
  }
  const what = {
    off: 'Tutor off',
    hints: `Tutor: hints only, up to level ${policy.max_level}`,
    full: 'Tutor: full help'
  }[policy.mode];
  const until = policy.until !== null ? ` until ${time(policy.until)}` : '';
  const reason = policy.reason !== '' ? ` (${policy.reason})` : '';
  const by = policy.set_by !== null ? ' — set by your instructor' : '';
  return `${what}${until}${reason}${by}`;
}

/**
 * An instant on the student's clock: the time today, with the date on
 * another day.
 */
export function localTime(iso: string, today: Date = new Date()): string {
  const at = new Date(iso);
  const clock = at.toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit'
  });
  return at.toDateString() === today.toDateString()
    ? clock
    : `${at.toLocaleDateString()} ${clock}`;
}
