import {
  AbstractChatContext,
  AbstractChatModel,
  IChatContext,
  IMessageContent,
  INewMessage,
  IUser
} from '@jupyter/chat';
import { UUID } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import { errorMessage } from '../backend/errors';
import { parseTimestamp } from '../backend/timestamps';
import {
  ITutorConnection,
  TutorConnectionStatus,
  TutorErrorFrame,
  TutorFrame,
  TutorHistoryMessage,
  TutorQuestion,
  TutorStartFrame
} from '../backend/types';
import { newAnswerInfo, TutorAnswerInfo } from './answerInfo';
import { CellContext } from './cellContext';
import { TutorModule } from './notebookModule';
import { STUDENT, TUTOR } from './participants';
import { ITutorService } from './service';

/** What the student asks with "More help". */
export const MORE_HELP_QUESTION = 'Could I have a bit more help?';

/** Streamed text is shown at most this often rather than at every delta. */
const RENDER_INTERVAL_MS = 50;

/**
 * How long a stopped answer may take to end. An answer stopped before it
 * began may never be confirmed; the panel then lets it go.
 */
const STOP_GRACE_MS = 5000;

/** The question being answered, and its answer as far as it came. */
type PendingAnswer = {
  id: string;
  question: TutorQuestion;
  /** The chat message of the answer, once it began or failed. */
  messageId: string | null;
  text: string;
  /** The server began answering, so it has stored the question. */
  started: boolean;
  renderTimer?: number;
  stopTimer?: number;
};

/** The question whose answer failed, until it is retried or another is asked. */
type FailedAnswer = {
  question: TutorQuestion;
  messageId: string;
  started: boolean;
  hasText: boolean;
};

/**
 * The conversation with the tutor about one module, for `@jupyter/chat`.
 *
 * The student's messages go to the tutor with the current cell as hidden
 * context; the answer grows in a tutor message as it streams. The server
 * answers one question at a time, so a question asked during an answer
 * stops that answer and waits for it to end.
 */
export class TutorChatModel extends AbstractChatModel {
  constructor(options: TutorChatModel.IOptions) {
    super({ config: { enableCodeToolbar: false } });
    this.module = options.module;
    this.name = `jupyter-tutor:${options.module.id}`;
    this._cellContext = options.cellContext;
    this._connection = options.tutor.openTutorConnection(options.module.id);
    this._connection.frameReceived.connect(this._onFrame, this);
    this._connection.statusChanged.connect(this._emitState, this);
    void this._loadHistory(options.tutor);
  }

  readonly module: TutorModule;

  get user(): IUser {
    return STUDENT;
  }

  /** The hint level of the latest answer, or null before the first. */
  get hint(): { level: number; maxLevel: number } | null {
    return this._hint;
  }

  get isAnswering(): boolean {
    return this._answering !== null;
  }

  get connectionStatus(): TutorConnectionStatus {
    return this._connection.status;
  }

  /** Emitted when the hint level, the answering or the connection changed. */
  get stateChanged(): ISignal<this, void> {
    return this._stateChanged;
  }

  sendMessage(message: INewMessage): void {
    this._ask(message.body, false);
  }

  /** Ask for the next hint level on the same problem. */
  askForMoreHelp(): void {
    this._ask(MORE_HELP_QUESTION, true);
  }

  /** Ask the failed question again. */
  retry(): void {
    const failed = this._failed;
    if (failed === null || this._answering !== null) {
      return;
    }
    this._failed = null;
    if (failed.hasText) {
      this._updateAnswer(failed.messageId, { info: { canRetry: false } });
    } else {
      this._removeMessage(failed.messageId);
    }
    // Only a question the server began answering was stored to retry;
    // any other is simply asked again.
    this._send({ ...failed.question, retry: failed.started });
  }

  /** Stop the answer being streamed. */
  stop(): void {
    const turn = this._answering;
    if (turn === null || turn.stopTimer !== undefined) {
      return;
    }
    turn.stopTimer = window.setTimeout(() => {
      if (this._answering === turn) {
        this._finish(turn, { incomplete: true, stopped: true });
      }
    }, STOP_GRACE_MS);
    this._connection.stop(turn.id);
  }

  createChatContext(): IChatContext {
    return new TutorChatContext({ model: this });
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    window.clearTimeout(this._answering?.renderTimer);
    window.clearTimeout(this._answering?.stopTimer);
    this._connection.dispose();
    super.dispose();
  }

  private _ask(text: string, moreHelp: boolean): void {
    const content = text.trim();
    if (content === '') {
      return;
    }
    const question: TutorQuestion = {
      content,
      ...this._cellContext.forQuestion(),
      ...(moreHelp && { more_help: true })
    };
    this._withdrawRetry();
    this._append({
      type: 'msg',
      id: UUID.uuid4(),
      body: content,
      sender: STUDENT,
      time: Date.now() / 1000
    });
    if (this._answering === null) {
      this._send(question);
    } else {
      this._waiting.push(question);
      this.stop();
    }
  }

  private _send(question: TutorQuestion): void {
    this._answering = {
      id: this._connection.ask(question),
      question,
      messageId: null,
      text: '',
      started: false
    };
    this.updateWriters([{ user: TUTOR }]);
    this._emitState();
  }

  private _onFrame(_: ITutorConnection, frame: TutorFrame): void {
    const turn = this._answering;
    if (turn === null || frame.id !== turn.id) {
      // An answer the panel let go of; but a frame it could not read
      // deserves to be seen.
      if (frame.type === 'error' && frame.id === null) {
        this._append(answerMessage(newAnswerInfo({ error: frame.message })));
      }
      return;
    }
    switch (frame.type) {
      case 'start':
        this._begin(turn, frame);
        break;
      case 'delta':
        turn.text += frame.text;
        this._renderSoon(turn);
        break;
      case 'replace':
        turn.text = frame.text;
        this._renderSoon(turn);
        break;
      case 'end':
        this._finish(turn, {
          incomplete: frame.stopped,
          stopped: frame.stopped
        });
        break;
      case 'error':
        this._fail(turn, frame);
        break;
    }
  }

  private _begin(turn: PendingAnswer, frame: TutorStartFrame): void {
    turn.started = true;
    this._hint = { level: frame.level, maxLevel: frame.max_level };
    const message = answerMessage(
      newAnswerInfo({
        level: frame.level,
        levelName: frame.level_name,
        maxLevel: frame.max_level,
        provider: frame.provider
      })
    );
    turn.messageId = message.id;
    this._append(message);
    this._emitState();
  }

  private _renderSoon(turn: PendingAnswer): void {
    if (turn.renderTimer !== undefined || turn.messageId === null) {
      return;
    }
    const messageId = turn.messageId;
    turn.renderTimer = window.setTimeout(() => {
      turn.renderTimer = undefined;
      this._updateAnswer(messageId, { body: turn.text });
    }, RENDER_INTERVAL_MS);
  }

  private _fail(turn: PendingAnswer, frame: TutorErrorFrame): void {
    const hasText = turn.text !== '';
    // A question asked meanwhile comes next: retrying this one is moot.
    const canRetry = frame.retryable && this._waiting.length === 0;
    const messageId = this._finish(turn, {
      incomplete: frame.partial || hasText,
      error: frame.message,
      canRetry
    });
    if (canRetry) {
      this._failed = {
        question: turn.question,
        messageId,
        started: turn.started,
        hasText
      };
    }
  }

  /**
   * Show the final text and outcome of an answer, then ask the next waiting
   * question.
   *
   * @returns the id of the answer's message.
   */
  private _finish(
    turn: PendingAnswer,
    outcome: Partial<TutorAnswerInfo>
  ): string {
    window.clearTimeout(turn.renderTimer);
    window.clearTimeout(turn.stopTimer);
    this._answering = null;
    let messageId = turn.messageId;
    if (messageId === null) {
      const message = answerMessage(newAnswerInfo(outcome), turn.text);
      messageId = message.id;
      this._append(message);
    } else {
      this._updateAnswer(messageId, { body: turn.text, info: outcome });
    }
    this.updateWriters([]);
    this._emitState();
    const next = this._waiting.shift();
    if (next) {
      this._send(next);
    }
    return messageId;
  }

  private _withdrawRetry(): void {
    if (this._failed !== null) {
      this._updateAnswer(this._failed.messageId, { info: { canRetry: false } });
      this._failed = null;
    }
  }

  private async _loadHistory(tutor: ITutorService): Promise<void> {
    try {
      const history = await tutor.tutorHistory(this.module.id);
      if (this.isDisposed) {
        return;
      }
      if (history.messages.length > 0) {
        this.messagesInserted(
          0,
          history.messages.map(message =>
            historyMessage(message, history.max_level)
          )
        );
      }
      // An answer that began meanwhile is newer.
      if (this._hint === null && history.level !== null) {
        this._hint = { level: history.level, maxLevel: history.max_level };
        this._emitState();
      }
    } catch (reason) {
      if (!this.isDisposed) {
        this.messagesInserted(0, [
          answerMessage(
            newAnswerInfo({
              error: `Your earlier conversation could not be loaded: ${errorMessage(reason)}`
            })
          )
        ]);
      }
    }
    this.setReady();
  }

  private _append(message: IMessageContent): void {
    this.messagesInserted(this.messages.length, [message]);
  }

  private _updateAnswer(
    id: string,
    change: { body?: string; info?: Partial<TutorAnswerInfo> }
  ): void {
    const message = this.messages.find(candidate => candidate.id === id);
    const info = message?.metadata?.tutor;
    if (!message || !info) {
      return;
    }
    message.update({
      ...(change.body !== undefined && { body: change.body }),
      ...(change.info && {
        metadata: { ...message.metadata, tutor: { ...info, ...change.info } }
      })
    });
  }

  private _removeMessage(id: string): void {
    const index = this.messages.findIndex(message => message.id === id);
    if (index !== -1) {
      this.messagesDeleted(index, 1);
    }
  }

  private _emitState(): void {
    this._stateChanged.emit();
  }

  private readonly _cellContext: CellContext;
  private readonly _connection: ITutorConnection;
  private _hint: { level: number; maxLevel: number } | null = null;
  private _answering: PendingAnswer | null = null;
  /** Questions asked during an answer, to send once it ends. */
  private _waiting: TutorQuestion[] = [];
  private _failed: FailedAnswer | null = null;
  private readonly _stateChanged = new Signal<this, void>(this);
}

export namespace TutorChatModel {
  export interface IOptions {
    module: TutorModule;
    tutor: ITutorService;
    cellContext: CellContext;
  }
}

/** The people in a tutor conversation, for `@jupyter/chat`'s input. */
class TutorChatContext extends AbstractChatContext {
  get users(): IUser[] {
    return [STUDENT, TUTOR];
  }
}

function answerMessage(info: TutorAnswerInfo, body = ''): IMessageContent {
  return {
    type: 'msg',
    id: UUID.uuid4(),
    body,
    sender: TUTOR,
    time: Date.now() / 1000,
    metadata: { tutor: info }
  };
}

function historyMessage(
  message: TutorHistoryMessage,
  maxLevel: number
): IMessageContent {
  const time = parseTimestamp(message.created_at)?.getTime() ?? Date.now();
  const isAnswer = message.role === 'assistant';
  return {
    type: 'msg',
    id: `history-${message.id}`,
    body: message.content,
    sender: isAnswer ? TUTOR : STUDENT,
    time: time / 1000,
    ...(isAnswer && {
      metadata: {
        tutor: newAnswerInfo({
          level: message.level,
          levelName: message.level_name,
          maxLevel,
          provider: message.provider,
          incomplete: message.partial
        })
      }
    })
  };
}
