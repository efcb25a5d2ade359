import { WorkingCopyAutosave } from './autosave';

/**
 * Save the working copies when the student leaves the page.
 *
 * Hiding the page (switching tab, closing, mobile apps going to the
 * background) starts a normal save, which has no size limit but may be cut
 * short. Unloading then hands any remaining change to the backend's unload
 * delivery. `pagehide` is used rather than `beforeunload` because it fires
 * only when the page really goes away.
 */
export function saveOnPageExit(
  autosaves: () => Iterable<WorkingCopyAutosave>
): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      for (const autosave of autosaves()) {
        void autosave.save();
      }
    }
  });
  window.addEventListener('pagehide', () => {
    for (const autosave of autosaves()) {
      autosave.saveOnUnload();
    }
  });
}
