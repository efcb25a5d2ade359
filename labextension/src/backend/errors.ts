import { ReadonlyJSONObject } from '@lumino/coreutils';

/**
 * A request the tutor backend refused or could not complete.
 *
 * `status` and `code` follow the REST contract (for example 409 with code
 * `conflict`), so features can react to a refusal whichever backend they use.
 */
export class TutorApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: ReadonlyJSONObject = {}
  ) {
    super(message);
    this.name = 'TutorApiError';
  }

  /** On a 409: the version the newer saved work has. */
  get currentVersion(): number | null {
    const value = this.body.current_version;
    return typeof value === 'number' ? value : null;
  }

  /** On a 409: when the newer work was saved (ISO 8601). */
  get updatedAt(): string | null {
    const value = this.body.updated_at;
    return typeof value === 'string' ? value : null;
  }

  /** On a 413: the largest notebook state accepted, in bytes. */
  get maxBytes(): number | null {
    const value = this.body.max_bytes;
    return typeof value === 'number' ? value : null;
  }
}

/** What went wrong, in words fit for a student. */
export function errorMessage(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
