import localforage from 'localforage';
import { TutorHistory, TutorProvider } from '../../types';
import { levelName } from './levels';

/** A message as the browser keeps it: the server's `chat_messages` row. */
export type StoredMessage = {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  /** Hidden context of a question, kept to compare the next one with it. */
  cell_code: string;
  error_output: string;
  created_at: string;
  level: number | null;
  same_problem: boolean | null;
  provider: TutorProvider | null;
  partial: boolean;
  /** A question's exercise and the check failing when it was asked (absent: none). */
  exercise_id?: string | null;
  failed_check?: number | null;
};

type NewMessage = Omit<StoredMessage, 'id' | 'created_at'>;

/** What the store needs of a localforage instance. */
export type TutorStorage = Pick<LocalForage, 'getItem' | 'setItem'>;

/**
 * The student's tutor conversations, one per module, in IndexedDB (through
 * localforage, beside the browser's progress store), so they survive a
 * reload of the page.
 */
export class TutorHistoryStore {
  constructor(
    private readonly _storage: TutorStorage = localforage.createInstance({
      name: 'jupyter-tutor',
      storeName: 'tutor'
    })
  ) {}

  /** Oldest first. */
  async messages(moduleId: string): Promise<StoredMessage[]> {
    return (await this._storage.getItem<StoredMessage[]>(key(moduleId))) ?? [];
  }

  /** The conversation as `GET tutor/history` returns it. */
  async history(moduleId: string, maxLevel: number): Promise<TutorHistory> {
    const messages = await this.messages(moduleId);
    const questions = messages.filter(message => message.role === 'user');
    return {
      messages: messages.map(message => ({
        id: message.id,
        role: message.role,
        content: message.content,
        created_at: message.created_at,
        level: message.level,
        level_name: message.level ? levelName(message.level) : null,
        same_problem: message.same_problem,
        provider: message.provider,
        partial: message.partial
      })),
      level: questions.length ? questions[questions.length - 1].level : null,
      max_level: maxLevel,
      provider: 'offline'
    };
  }

  /** Append a message; resolves with it as stored, its id numbered on. */
  add(moduleId: string, message: NewMessage): Promise<StoredMessage> {
    // Read-modify-write, so writes (from any panel of this page) go in turn.
    const added = this._writes.then(() => this._append(moduleId, message));
    this._writes = added.catch(() => undefined);
    return added;
  }

  private async _append(
    moduleId: string,
    message: NewMessage
  ): Promise<StoredMessage> {
    const messages = await this.messages(moduleId);
    const stored: StoredMessage = {
      ...message,
      id: (messages[messages.length - 1]?.id ?? 0) + 1,
      created_at: new Date().toISOString()
    };
    await this._storage.setItem(key(moduleId), [...messages, stored]);
    return stored;
  }

  private _writes: Promise<unknown> = Promise.resolve();
}

function key(moduleId: string): string {
  return `history:${moduleId}`;
}
