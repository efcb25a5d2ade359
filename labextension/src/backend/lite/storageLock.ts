/** Tasks waiting for a name in this page, when the Web Locks API is missing. */
const pageQueues = new Map<string, Promise<unknown>>();

/**
 * Run `task` while no other task holds `name`: across the site's tabs with
 * the Web Locks API, else (outside secure contexts, where browsers hide it)
 * within this page.
 *
 * Browser storage has no transactions spanning a read and a later write,
 * so a read-check-write such as a versioned save holds a lock instead.
 */
export function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) {
    return locks.request(name, task);
  }
  const previous = pageQueues.get(name) ?? Promise.resolve();
  const run = previous.then(task);
  const settled = run.catch(() => undefined);
  pageQueues.set(name, settled);
  void settled.then(() => {
    if (pageQueues.get(name) === settled) {
      pageQueues.delete(name);
    }
  });
  return run;
}
