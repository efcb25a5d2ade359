import { Token } from '@lumino/coreutils';
import {
  HelpAsk,
  HelpQueue,
  HelpRequest,
  HelpStatus,
  QueuedHelpRequest
} from '../contract/schema';

export type {
  HelpAsk,
  HelpQueue,
  HelpRequest,
  HelpStatus,
  QueuedHelpRequest
} from '../contract/schema';

/**
 * The course's help queue: a student asks their instructor, who answers.
 * Only provided where a jupyter-tutor server keeps the course (a JupyterLite
 * site that keeps everything in the browser has no instructor to ask).
 */
export interface IHelpService {
  /** Send a question to the instructor (`POST help/requests`). */
  ask(request: HelpAsk): Promise<HelpRequest>;

  /** The student's own requests about a module, newest first. */
  mine(moduleId: string): Promise<HelpRequest[]>;

  /** A module's queue for its instructor, newest first; one status, or all. */
  queue(moduleId: string, status?: HelpStatus): Promise<HelpQueue>;

  /** Answer a request (Markdown). */
  answer(requestId: number, answer: string): Promise<QueuedHelpRequest>;

  /** Mark a request resolved. */
  resolve(requestId: number): Promise<QueuedHelpRequest>;
}

export const IHelpService = new Token<IHelpService>(
  'jupyter-tutor:IHelpService',
  "Sends a student's questions to their instructor and reads the answers; the instructor's help queue."
);
