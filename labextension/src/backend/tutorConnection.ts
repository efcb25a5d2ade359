import { UUID } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';
import {
  ITutorConnection,
  TutorConnectionStatus,
  TutorFrame,
  TutorQuestion
} from './types';

/** Waits before reconnecting: doubling from the first up to the last. */
const FIRST_RECONNECT_MS = 1000;
const MAX_RECONNECT_MS = 30000;

/**
 * Close codes of sockets the server refused on purpose (too many open, a
 * revoked token), after an error frame saying why: trying again by itself
 * would only repeat the refusal, so only a new question reconnects.
 */
export function refusedOnPurpose(closeCode: number): boolean {
  return closeCode >= 4000 && closeCode < 5000;
}

type ClientFrame =
  ({ type: 'ask'; id: string } & TutorQuestion) | { type: 'stop'; id: string };

/**
 * The tutor WebSocket of the jupyter-tutor server extension.
 *
 * Questions asked while (re)connecting wait for the connection. When the
 * connection drops, every answer still under way ends with a `disconnected`
 * error frame (the server cannot finish it on this client) and the
 * connection is made again, sooner if the student asks something — unless
 * the server refused it on purpose, when only asking reconnects.
 */
export class ServerTutorConnection implements ITutorConnection {
  constructor(
    readonly moduleId: string,
    private readonly _url: string,
    private readonly _WebSocket: typeof WebSocket
  ) {
    this._connect();
  }

  get status(): TutorConnectionStatus {
    return this._status;
  }

  get statusChanged(): Signal<this, TutorConnectionStatus> {
    return this._statusChanged;
  }

  get frameReceived(): Signal<this, TutorFrame> {
    return this._frameReceived;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  ask(question: TutorQuestion): string {
    const id = UUID.uuid4();
    this._unanswered.set(id, { hasText: false });
    this._send({ ...question, type: 'ask', id });
    return id;
  }

  stop(id: string): void {
    if (!this._unanswered.has(id)) {
      return;
    }
    const waiting = this._outbox.findIndex(
      frame => frame.type === 'ask' && frame.id === id
    );
    if (waiting !== -1) {
      // Never sent, so the server has nothing to stop: end it here.
      this._outbox.splice(waiting, 1);
      this._unanswered.delete(id);
      this._frameReceived.emit({
        type: 'end',
        id,
        message_id: null,
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        guarded: false,
        stopped: true
      });
    } else if (this._status === 'open') {
      // An answer streams on the connection it was asked on only.
      this._send({ type: 'stop', id });
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    window.clearTimeout(this._reconnectTimer);
    this._socket?.close();
    this._socket = null;
    Signal.clearData(this);
  }

  private _send(frame: ClientFrame): void {
    if (this._isDisposed) {
      return;
    }
    if (this._status === 'open' && this._socket) {
      this._socket.send(JSON.stringify(frame));
      return;
    }
    this._outbox.push(frame);
    if (this._status === 'closed') {
      window.clearTimeout(this._reconnectTimer);
      this._connect();
    }
  }

  private _connect(): void {
    this._setStatus('connecting');
    const socket = new this._WebSocket(this._url);
    this._socket = socket;
    socket.onopen = () => {
      this._reconnectDelay = FIRST_RECONNECT_MS;
      this._setStatus('open');
      const waiting = this._outbox;
      this._outbox = [];
      waiting.forEach(frame => socket.send(JSON.stringify(frame)));
    };
    socket.onmessage = event => this._receive(event.data);
    socket.onclose = event => {
      if (socket === this._socket) {
        this._onClose(event.code);
      }
    };
  }

  private _receive(data: unknown): void {
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      console.warn('jupyter-tutor: ignoring a tutor frame that is not JSON.');
      return;
    }
    if (!isFrame(frame)) {
      console.warn('jupyter-tutor: ignoring an unknown tutor frame.', frame);
      return;
    }
    if (frame.id !== null) {
      const answer = this._unanswered.get(frame.id);
      if (frame.type === 'end' || frame.type === 'error') {
        this._unanswered.delete(frame.id);
      } else if (
        answer &&
        (frame.type === 'delta' || frame.type === 'replace')
      ) {
        answer.hasText = true;
      }
    }
    this._frameReceived.emit(frame);
  }

  private _onClose(closeCode: number): void {
    this._socket = null;
    this._outbox = [];
    this._setStatus('closed');
    const unanswered = [...this._unanswered];
    this._unanswered.clear();
    for (const [id, answer] of unanswered) {
      this._frameReceived.emit({
        type: 'error',
        id,
        code: 'disconnected',
        message: 'The connection to the tutor was lost.',
        retryable: true,
        partial: answer.hasText
      });
    }
    if (!this._isDisposed && !refusedOnPurpose(closeCode)) {
      this._reconnectTimer = window.setTimeout(
        () => this._connect(),
        this._reconnectDelay
      );
      this._reconnectDelay = Math.min(
        this._reconnectDelay * 2,
        MAX_RECONNECT_MS
      );
    }
  }

  private _setStatus(status: TutorConnectionStatus): void {
    if (status !== this._status) {
      this._status = status;
      this._statusChanged.emit(status);
    }
  }

  private _socket: WebSocket | null = null;
  private _status: TutorConnectionStatus = 'closed';
  /** Frames waiting for the connection to open. */
  private _outbox: ClientFrame[] = [];
  /** Questions whose answer has not ended, and whether text came yet. */
  private readonly _unanswered = new Map<string, { hasText: boolean }>();
  private _reconnectDelay = FIRST_RECONNECT_MS;
  private _reconnectTimer: number | undefined = undefined;
  private _isDisposed = false;
  private readonly _statusChanged = new Signal<this, TutorConnectionStatus>(
    this
  );
  private readonly _frameReceived = new Signal<this, TutorFrame>(this);
}

/** Frames are checked for their shape only: unknown types are ignored later. */
function isFrame(value: unknown): value is TutorFrame {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const frame = value as { type?: unknown; id?: unknown };
  return (
    typeof frame.type === 'string' &&
    (typeof frame.id === 'string' || frame.id === null)
  );
}
