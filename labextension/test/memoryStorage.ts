/**
 * localforage's contract in memory, as far as the browser stores use it:
 * values are stored as copies, and `iterate` visits every key.
 */
export class MemoryStorage {
  async getItem<T>(key: string): Promise<T | null> {
    const value = this.items.get(key);
    return value === undefined ? null : (structuredClone(value) as T);
  }

  async setItem<T>(key: string, value: T): Promise<T> {
    this.items.set(key, structuredClone(value));
    return value;
  }

  async iterate<T, U>(
    visit: (value: T, key: string, iterationNumber: number) => U
  ): Promise<U> {
    let number = 1;
    for (const [key, value] of this.items) {
      const result = visit(structuredClone(value) as T, key, number++);
      if (result !== undefined) {
        return result;
      }
    }
    return undefined as U;
  }

  readonly items = new Map<string, unknown>();
}
