import { HelpStatus } from './token';

/** What a request's status says to the student and in the queue. */
export function statusLabel(status: HelpStatus): string {
  switch (status) {
    case 'open':
      return 'Waiting for an answer';
    case 'answered':
      return 'Answered';
    case 'resolved':
      return 'Resolved';
  }
}

/** When something happened, as a short local time. */
export function shortTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '';
}
