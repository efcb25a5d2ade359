import { UUID } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';
import {
  ITutorConnection,
  TutorConnectionStatus,
  TutorEndFrame,
  TutorFrame,
  TutorQuestion
} from '../../types';
import { TutorHistoryStore } from './historyStore';
import { levelName } from './levels';
import { TutorSettings } from './settings';
import {
  AskedExercise,
  askedExerciseId,
  chooseTurn,
  offlineAnswer,
  Turn,
  TurnRefused
} from './turn';

/** The exercise a question names, with the student's latest run; null if undeclared. */
export type ExerciseLookup = (
  moduleId: string,
  exerciseId: string
) => Promise<AskedExercise | null>;

/** An answer under way, and whether the student pressed Stop. */
type Answering = { id: string; stopped: boolean; hasText: boolean };

/**
 * The tutor answering in the browser with offline hints: the frames of the
 * server's tutor socket (start, one delta, end), one answer at a time, the
 * conversation kept in the browser's history store.
 *
 * A Stop is honoured until the hint is sent; after that the answer is whole
 * and simply ends.
 */
export class BrowserTutorConnection implements ITutorConnection {
  constructor(
    readonly moduleId: string,
    private readonly _history: TutorHistoryStore,
    private readonly _settings: Promise<TutorSettings>,
    private readonly _onAnswered: (moduleId: string) => Promise<unknown>,
    private readonly _exercise: ExerciseLookup
  ) {}

  get status(): TutorConnectionStatus {
    return this._isDisposed ? 'closed' : 'open';
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
    if (this._answering) {
      this._later(() =>
        this._emit({
          ...ERROR,
          id,
          code: 'bad_request',
          message: 'The tutor is still answering; wait for it or press Stop.'
        })
      );
      return id;
    }
    const answer: Answering = { id, stopped: false, hasText: false };
    this._answering = answer;
    this._later(() => this._start(answer, question));
    return id;
  }

  stop(id: string): void {
    if (this._answering?.id === id) {
      this._answering.stopped = true;
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
  }

  /** Frames come after `ask` returns, so the caller knows their id. */
  private _later(step: () => Promise<void> | void): void {
    void Promise.resolve().then(step);
  }

  private async _start(
    answer: Answering,
    question: TutorQuestion
  ): Promise<void> {
    const id = answer.id;
    try {
      await this._answer(answer, question);
    } catch (reason) {
      if (reason instanceof TurnRefused) {
        this._finish({
          ...ERROR,
          id,
          code: reason.code,
          message: reason.message
        });
      } else {
        console.error('jupyter-tutor: the browser tutor failed.', reason);
        this._finish({
          ...ERROR,
          id,
          code: 'internal_error',
          message: 'Something went wrong in the tutor. Try again.',
          retryable: true,
          partial: answer.hasText
        });
      }
    }
  }

  private async _answer(
    answer: Answering,
    question: TutorQuestion
  ): Promise<void> {
    const [settings, history] = await Promise.all([
      this._settings,
      this._history.messages(this.moduleId)
    ]);
    const exerciseId = askedExerciseId(history, question);
    const asked =
      exerciseId === null
        ? null
        : await this._exercise(this.moduleId, exerciseId);
    const turn = chooseTurn(history, question, settings, asked);
    if (answer.stopped) {
      // Stopped before it began, as on the server: nothing is kept.
      this._finish(end(answer.id, null, false, true));
      return;
    }
    this._emit({
      type: 'start',
      id: answer.id,
      level: turn.level,
      level_name: levelName(turn.level),
      max_level: settings.maxLevel,
      same_problem: turn.sameProblem,
      provider: 'offline'
    });
    const { text, masked } = offlineAnswer(turn, settings);
    this._emit({ type: 'delta', id: answer.id, text });
    answer.hasText = true;
    const saved = await this._store(turn, text);
    // The count is bookkeeping: failing it must not take the answer back.
    await this._onAnswered(this.moduleId).catch(reason =>
      console.warn('jupyter-tutor: the attempt was not counted.', reason)
    );
    this._finish(end(answer.id, saved, masked, false));
  }

  /** The question (unless it was stored already) and its answer; the answer's id. */
  private async _store(turn: Turn, text: string): Promise<number> {
    const context = {
      level: turn.level,
      same_problem: turn.sameProblem,
      provider: 'offline' as const,
      partial: false
    };
    if (!turn.retry) {
      await this._history.add(this.moduleId, {
        ...context,
        role: 'user',
        content: turn.content,
        cell_code: turn.cellCode,
        error_output: turn.errorOutput,
        exercise_id: turn.exerciseId,
        failed_check: turn.failedCheck
      });
    }
    const saved = await this._history.add(this.moduleId, {
      ...context,
      role: 'assistant',
      content: text,
      cell_code: '',
      error_output: ''
    });
    return saved.id;
  }

  /** The last frame of an answer: the student may ask again as it arrives. */
  private _finish(frame: TutorFrame): void {
    this._answering = null;
    this._emit(frame);
  }

  private _emit(frame: TutorFrame): void {
    if (!this._isDisposed) {
      this._frameReceived.emit(frame);
    }
  }

  private _answering: Answering | null = null;
  private _isDisposed = false;
  private readonly _statusChanged = new Signal<this, TutorConnectionStatus>(
    this
  );
  private readonly _frameReceived = new Signal<this, TutorFrame>(this);
}

const ERROR = {
  type: 'error',
  retryable: false,
  partial: false
} as const;

function end(
  id: string,
  messageId: number | null,
  guarded: boolean,
  stopped: boolean
): TutorEndFrame {
  return {
    type: 'end',
    id,
    message_id: messageId,
    // Offline hints cost no tokens.
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    guarded,
    stopped
  };
}
