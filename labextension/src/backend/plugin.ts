import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Token } from '@lumino/coreutils';
import { ServerExercises } from '../exercises/server';
import { IExercises } from '../exercises/token';
import { ServerHelpService } from '../help/server';
import { IHelpService } from '../help/token';
import { IModuleService } from '../modules/service';
import {
  IPackageDetector,
  IPackageLoadAnalytics,
  IPackageService
} from '../packages/service';
import { ServerPolicyService } from '../policy/server';
import { IPolicyService } from '../policy/service';
import { IProgressService } from '../progress/service';
import { ITutorService } from '../tutor/service';
import { LiteServices, LiteTutorBackend } from './lite/liteBackend';
import { LocalExercises } from './lite/liteExercises';
import { LocalExerciseStore } from './lite/localExercises';
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
import { IClientConfig } from './token';

/**
 * What this page talks to: the jupyter-tutor server extension (JupyterLab),
 * or in a JupyterLite site the site catalog with the browser storage or a
 * remote jupyter-tutor server. `server` is null where there is none.
 */
type Backend = {
  features: ServerTutorBackend | LiteTutorBackend;
  server: ServerTutorBackend | null;
  /** A Lite site's exercises: in the browser, or on its remote server. */
  exercises: IExercises | null;
};

// One backend per application, shared by the plugins that provide its features.
const backends = new WeakMap<JupyterFrontEnd, Backend>();

function backendOf(app: JupyterFrontEnd): Backend {
  let backend = backends.get(app);
  if (!backend) {
    backend = createBackend(app);
    backends.set(app, backend);
  }
  return backend;
}

function createBackend(app: JupyterFrontEnd): Backend {
  if (!isJupyterLite()) {
    const server = new ServerTutorBackend(app.serviceManager.serverSettings);
    // JupyterLab's exercises come from `exercises/plugin.ts`.
    return { features: server, server, exercises: null };
  }
  const catalog = fetchSiteCatalog();
  const url = remoteServerUrl();
  let services: LiteServices;
  let server: ServerTutorBackend | null = null;
  if (url) {
    const token = new StudentToken();
    const settings = remoteSettings(url, token);
    server = new ServerTutorBackend(settings);
    services = remoteServices(server, new ServerExercises(settings));
    void app.restored.then(() => signInIfNeeded(token, url));
  } else {
    const progress = new LocalProgressStore();
    const exercises = new LocalExercises(
      catalog,
      new LocalExerciseStore(id => progress.save(id, { status: 'completed' }))
    );
    const tutor = new BrowserTutor({
      tutorSettings: async id =>
        (await catalog).modules.find(module => module.id === id)
          ?.tutor_settings ?? null,
      onAnswered: id => progress.countAttempt(id),
      exercise: (moduleId, exerciseId) => exercises.asked(moduleId, exerciseId)
    });
    services = localServices(progress, exercises, tutor);
  }
  return {
    features: new LiteTutorBackend(
      catalog,
      app.serviceManager.contents,
      services
    ),
    server,
    exercises: services.exercises
  };
}

function provider<T>(
  name: string,
  token: Token<T>,
  pick: (backend: Backend) => T
): JupyterFrontEndPlugin<T> {
  return {
    id: `jupyter-tutor:${name}`,
    description: token.description ?? name,
    autoStart: true,
    provides: token,
    activate: app => pick(backendOf(app))
  };
}

/**
 * One plugin per feature service. Package detection, load analytics and the
 * help queue need a server, so a JupyterLite site that keeps everything in
 * the browser does not provide them, and their UI is not shown; nor the AI
 * policy, which an instructor sets on the server. A Lite
 * site's exercises are provided here (JupyterLab's by `exercises/plugin.ts`).
 */
export function backendPlugins(): JupyterFrontEndPlugin<unknown>[] {
  const plugins: JupyterFrontEndPlugin<unknown>[] = [
    provider('client-config', IClientConfig, backend => backend.features),
    provider('module-service', IModuleService, backend => backend.features),
    provider('progress-service', IProgressService, backend => backend.features),
    provider('tutor-service', ITutorService, backend => backend.features),
    provider('package-service', IPackageService, backend => backend.features)
  ];
  if (isJupyterLite()) {
    plugins.push(
      provider('lite-exercises', IExercises, backend => backend.exercises!)
    );
  }
  if (!isJupyterLite() || remoteServerUrl() !== null) {
    const server = (backend: Backend): ServerTutorBackend => {
      if (backend.server === null) {
        throw new Error('jupyter-tutor: this site has no server.');
      }
      return backend.server;
    };
    plugins.push(
      provider('package-detector', IPackageDetector, server),
      provider('package-load-analytics', IPackageLoadAnalytics, server),
      provider(
        'help-service',
        IHelpService,
        backend => new ServerHelpService(server(backend).serverSettings)
      ),
      provider(
        'policy-service',
        IPolicyService,
        backend => new ServerPolicyService(server(backend).serverSettings)
      )
    );
  }
  return plugins;
}
