import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ServerTutorBackend } from './server';
import { ITutorBackend } from './token';

export const backendPlugin: JupyterFrontEndPlugin<ITutorBackend> = {
  id: 'jupyter-tutor:backend',
  description: 'Talks to the jupyter-tutor server extension.',
  autoStart: true,
  provides: ITutorBackend,
  activate: (app: JupyterFrontEnd): ITutorBackend =>
    new ServerTutorBackend(app.serviceManager.serverSettings)
};
