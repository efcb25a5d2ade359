/**
 * Read a backend timestamp (ISO 8601).
 *
 * Timestamps without a UTC offset are UTC: databases such as SQLite drop the
 * offset, and reading them as local time would shift them by the time zone.
 */
export function parseTimestamp(value: string | null | undefined): Date | null {
  if (!value) {
    return null;
  }
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const date = new Date(hasOffset ? value : `${value}Z`);
  return isNaN(date.getTime()) ? null : date;
}
