import { Token } from '@lumino/coreutils';
import { ClientConfig } from './types';

/** Who the user is and the course's settings for this client. */
export interface IClientConfig {
  getConfig(): Promise<ClientConfig>;
}

export const IClientConfig = new Token<IClientConfig>(
  'jupyter-tutor:IClientConfig',
  "The signed-in user's name and role, and the course's autosave interval, notebook size limit and working-copy folder."
);
