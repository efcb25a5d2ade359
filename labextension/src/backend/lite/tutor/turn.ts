import {
  CONVERSATION_MESSAGES,
  MAX_CONTEXT_CHARS,
  MAX_QUESTION_CHARS,
  SAME_PROBLEM_THRESHOLD
} from '../../../contract/constants';
import { TutorErrorCode, TutorQuestion } from '../../types';
import { maskAvoided } from './avoidTerms';
import { asksForMoreHelp, nextLevel } from './escalation';
import { clampLevel } from './levels';
import { embed } from './localEmbedding';
import { offlineHint } from './offlineHint';
import { strip } from './pythonText';
import { cosine, sameFailingCheck, turnText } from './sameProblem';
import { StoredMessage } from './historyStore';
import { TutorSettings } from './settings';

/** The question being answered and at which level (`Turn` in `tutor/service.py`). */
export type Turn = {
  content: string;
  cellCode: string;
  errorOutput: string;
  level: number;
  sameProblem: boolean;
  /** The question is already stored: it is being answered again. */
  retry: boolean;
  /** The exercise asked about and the check failing when it was asked. */
  exerciseId: string | null;
  failedCheck: number | null;
  /** That check's declared message now, for the offline hint. */
  failingMessage: string | null;
};

/**
 * The exercise a question names, as the site declares it, with the
 * student's latest run (`AskedExercise` in `tutor/exercise_context.py`):
 * the failing check and its message are null unless that run failed.
 */
export type AskedExercise = {
  exerciseId: string;
  failedCheck: number | null;
  failingMessage: string | null;
};

/** The exercise a question is about: a retry's is its stored question's. */
export function askedExerciseId(
  history: StoredMessage[],
  question: TutorQuestion
): string | null {
  if (!question.retry) {
    return question.exercise_id ?? null;
  }
  return lastQuestion(history)?.exercise_id ?? null;
}

/** A question the tutor does not answer, with the server's error code. */
export class TurnRefused extends Error {
  constructor(
    readonly code: TutorErrorCode,
    message: string
  ) {
    super(message);
  }
}

/**
 * Pick the question and hint level the way the server does: a retry answers
 * the last unanswered question again at its level; otherwise the question
 * climbs one level from the previous one when it is about the same problem
 * (its context embeds close to the previous question's, or it is about the
 * same exercise failing the same check) or asks for more help, up to the
 * module's `maxLevel`, and starts at level 1 otherwise.
 */
export function chooseTurn(
  history: StoredMessage[],
  question: TutorQuestion,
  settings: TutorSettings,
  asked: AskedExercise | null = null
): Turn {
  if (question.retry) {
    return retryTurn(history, asked);
  }
  const content = strip(cut(question.content, MAX_QUESTION_CHARS));
  if (!content) {
    throw new TurnRefused(
      'bad_request',
      'Ask the tutor something: the question is empty.'
    );
  }
  const cellCode = cut(question.cell_code ?? '', MAX_CONTEXT_CHARS);
  const errorOutput = cut(question.error_output ?? '', MAX_CONTEXT_CHARS);
  const previous = lastQuestion(history.slice(-CONVERSATION_MESSAGES));
  const last = lastQuestion(history);
  const failing = {
    exerciseId: asked?.exerciseId ?? null,
    failedCheck: asked?.failedCheck ?? null
  };
  const sameProblem =
    (last !== undefined &&
      cosine(
        embed(turnText(last.content, last.cell_code, last.error_output)),
        embed(turnText(content, cellCode, errorOutput))
      ) >= SAME_PROBLEM_THRESHOLD) ||
    (previous !== undefined &&
      sameFailingCheck(
        {
          exerciseId: previous.exercise_id ?? null,
          failedCheck: previous.failed_check ?? null
        },
        failing
      ));
  const level = nextLevel(previous?.level ?? null, {
    sameProblem,
    moreHelp: !!question.more_help || asksForMoreHelp(content),
    maxLevel: settings.maxLevel
  });
  return {
    content,
    cellCode,
    errorOutput,
    level,
    sameProblem,
    retry: false,
    ...failing,
    failingMessage: asked?.failingMessage ?? null
  };
}

/** The offline answer to a turn, and whether avoided words were masked. */
export function offlineAnswer(
  turn: Turn,
  settings: TutorSettings
): { text: string; masked: boolean } {
  const hint = offlineHint(
    turn.level,
    turn.cellCode,
    turn.errorOutput,
    turn.failingMessage
  );
  return maskAvoided(hint, settings.avoid);
}

function retryTurn(
  history: StoredMessage[],
  asked: AskedExercise | null
): Turn {
  let recent = history.slice(-CONVERSATION_MESSAGES);
  const last = recent[recent.length - 1];
  if (last?.role === 'assistant' && last.partial) {
    recent = recent.slice(0, -1);
  }
  const question = recent[recent.length - 1];
  if (question?.role !== 'user') {
    throw new TurnRefused(
      'bad_request',
      'There is no unanswered question to retry.'
    );
  }
  return {
    content: question.content,
    cellCode: question.cell_code,
    errorOutput: question.error_output,
    level: clampLevel(question.level || 1),
    sameProblem: !!question.same_problem,
    retry: true,
    exerciseId: question.exercise_id ?? null,
    failedCheck: question.failed_check ?? null,
    failingMessage: asked?.failingMessage ?? null
  };
}

function lastQuestion(messages: StoredMessage[]): StoredMessage | undefined {
  return [...messages].reverse().find(message => message.role === 'user');
}

/** Python's `text[:limit]`, which counts code points. */
function cut(text: string, limit: number): string {
  return text.length > limit ? Array.from(text).slice(0, limit).join('') : text;
}
