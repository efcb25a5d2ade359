import {
  ITutorConnection,
  TutorFrame,
  TutorQuestion
} from '../../src/backend/types';
import { TutorStorage } from '../../src/backend/browser/tutor/historyStore';

/** localforage's contract in memory: values are stored as copies. */
export class MemoryStorage implements TutorStorage {
  async getItem<T>(key: string): Promise<T | null> {
    const value = this.items.get(key);
    return value === undefined ? null : (structuredClone(value) as T);
  }

  async setItem<T>(key: string, value: T): Promise<T> {
    this.items.set(key, structuredClone(value));
    return value;
  }

  readonly items = new Map<string, unknown>();
}

/** Ask a question; resolves with every frame of its answer, up to end or error. */
export function answer(
  connection: ITutorConnection,
  question: TutorQuestion
): Promise<TutorFrame[]> {
  return new Promise(resolve => {
    const frames: TutorFrame[] = [];
    const collect = (_: ITutorConnection, frame: TutorFrame): void => {
      if (frame.id !== id) {
        return;
      }
      frames.push(frame);
      if (frame.type === 'end' || frame.type === 'error') {
        connection.frameReceived.disconnect(collect);
        resolve(frames);
      }
    };
    connection.frameReceived.connect(collect);
    const id = connection.ask(question);
  });
}

export function question(
  content: string,
  context: Partial<TutorQuestion> = {}
): TutorQuestion {
  return { content, cell_code: '', error_output: '', ...context };
}
