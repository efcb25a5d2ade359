/**
 * Where auto-saving of one working copy stands.
 */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed'; reason: string }
  /** Newer work was saved from elsewhere: auto-saving stopped. */
  | { kind: 'conflict'; newerWorkSavedAt: Date | null };

/** The save status as shown to the student. */
export function describeSaveState(state: SaveState): string {
  switch (state.kind) {
    case 'idle':
      return 'Auto-save on';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${clockTime(state.at)}`;
    case 'failed':
      return `Could not save: ${state.reason}`;
    case 'conflict': {
      const when = state.newerWorkSavedAt
        ? ` at ${clockTime(state.newerWorkSavedAt)}`
        : '';
      return `Not saved: newer work was saved elsewhere${when} — reopen the module to get it`;
    }
  }
}

/** Local time as HH:MM. */
function clockTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
