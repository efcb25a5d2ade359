import { Token } from '@lumino/coreutils';
import { ITutorConnection, TutorHistory } from '../backend/types';

/**
 * Where the tutor answers: the conversation so far and a live connection.
 *
 * Failures reject with a `TutorApiError`.
 */
export interface ITutorService {
  /** The student's conversation with the tutor about a module, oldest first. */
  tutorHistory(moduleId: string): Promise<TutorHistory>;

  /**
   * Connect to the tutor for a module. The connection reconnects by itself
   * when it drops, until it is disposed.
   */
  openTutorConnection(moduleId: string): ITutorConnection;
}

export const ITutorService = new Token<ITutorService>(
  'jupyter-tutor:ITutorService',
  "Connects to the tutor about a module and reads the student's conversation with it."
);
