import { Token } from '@lumino/coreutils';
import { ITutorBackend as ITutorBackendInterface } from './types';

/**
 * The tutor backend: import this one name for both the type and the token.
 */
export type ITutorBackend = ITutorBackendInterface;

export const ITutorBackend = new Token<ITutorBackend>(
  'jupyter-tutor:ITutorBackend',
  'Lists learning modules, stores the student progress on them, connects to the tutor and keeps the package lists.'
);
