import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { LiteServices, LiteTutorBackend } from './lite/liteBackend';
import { LocalProgressStore } from './lite/localProgress';
import { localServices } from './lite/localServices';
import { remoteServices } from './lite/remoteServices';
import { BrowserTutor } from './lite/tutor/browserTutor';
import { remoteSettings } from './lite/remoteSettings';
import { signInIfNeeded } from './lite/signIn';
import { isJupyterLite, remoteServerUrl } from './lite/site';
import { fetchSiteCatalog } from './lite/siteCatalog';
import { StudentToken } from './lite/studentToken';
import { ServerTutorBackend } from './server';
import { ITutorBackend } from './token';

export const backendPlugin: JupyterFrontEndPlugin<ITutorBackend> = {
  id: 'jupyter-tutor:backend',
  description:
    'Talks to the jupyter-tutor server extension, or in a JupyterLite site to the site catalog, the browser storage or a remote jupyter-tutor server.',
  autoStart: true,
  provides: ITutorBackend,
  activate: (app: JupyterFrontEnd): ITutorBackend =>
    isJupyterLite()
      ? liteBackend(app)
      : new ServerTutorBackend(app.serviceManager.serverSettings)
};

function liteBackend(app: JupyterFrontEnd): ITutorBackend {
  const catalog = fetchSiteCatalog();
  const server = remoteServerUrl();
  let services: LiteServices;
  if (server) {
    const token = new StudentToken();
    services = remoteServices(
      new ServerTutorBackend(remoteSettings(server, token))
    );
    void app.restored.then(() => signInIfNeeded(token, server));
  } else {
    const progress = new LocalProgressStore();
    const tutor = new BrowserTutor({
      tutorSettings: async id =>
        (await catalog).modules.find(module => module.id === id)
          ?.tutor_settings ?? null,
      onAnswered: id => progress.countAttempt(id)
    });
    services = localServices(progress, tutor);
  }
  return new LiteTutorBackend(catalog, app.serviceManager.contents, services);
}
