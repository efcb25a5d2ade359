import { ServerExercises } from '../../exercises/server';
import { ServerTutorBackend } from '../server';
import { LiteServices } from './liteBackend';

/**
 * Progress, check runs and tutor on a jupyter-tutor server (remote mode), so
 * they follow the student to any browser; the module list still comes from
 * the site, the exercises' checks and counts from the server.
 */
export function remoteServices(
  server: ServerTutorBackend,
  exercises: ServerExercises
): LiteServices {
  return {
    exercises,
    getConfig: () => server.getConfig(),
    statuses: async () =>
      new Map((await server.listModules()).map(module => [module.id, module])),
    getProgress: id => server.getProgress(id),
    saveProgress: (id, update) => server.saveProgress(id, update),
    saveProgressOnUnload: (id, update) =>
      server.saveProgressOnUnload(id, update),
    listSnapshots: id => server.listSnapshots(id),
    restoreSnapshot: (id, snapshotId, baseVersion) =>
      server.restoreSnapshot(id, snapshotId, baseVersion),
    tutorHistory: moduleId => server.tutorHistory(moduleId),
    openTutorConnection: moduleId => server.openTutorConnection(moduleId)
  };
}
