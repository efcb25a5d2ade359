import { TutorProvider } from '../backend/types';

/** What the panel shows about a tutor answer besides its text. */
export type TutorAnswerInfo = {
  level: number | null;
  levelName: string | null;
  maxLevel: number | null;
  provider: TutorProvider | null;
  /** The text is only part of the answer: it stopped or failed midway. */
  incomplete: boolean;
  /** The student stopped it. */
  stopped: boolean;
  /** Why the answer failed, in words for the student. */
  error: string | null;
  /** The failed question can be asked again from here. */
  canRetry: boolean;
};

declare module '@jupyter/chat' {
  interface IMessageMetadata {
    tutor?: TutorAnswerInfo;
  }
}

/** The info of an answer that has just begun. */
export function newAnswerInfo(
  info: Partial<TutorAnswerInfo> = {}
): TutorAnswerInfo {
  return {
    level: null,
    levelName: null,
    maxLevel: null,
    provider: null,
    incomplete: false,
    stopped: false,
    error: null,
    canRetry: false,
    ...info
  };
}
