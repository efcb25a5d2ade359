import { TutorApiError } from '../errors';
import { ITutorBackend } from '../types';
import { LiteServices } from './liteBackend';
import {
  AUTOSAVE_INTERVAL_SECONDS,
  MAX_NOTEBOOK_BYTES
} from '../../contract/constants';
import { LocalProgressStore } from './localProgress';

/** What answers the tutor when the site has no server. */
export type LocalTutor = Pick<
  ITutorBackend,
  'tutorHistory' | 'openTutorConnection'
>;

/**
 * Progress and tutor kept in this browser: the student is whoever uses it,
 * a learner; there is no course-wide record of package loads.
 */
export function localServices(
  progress: LocalProgressStore,
  tutor: LocalTutor
): LiteServices {
  return {
    getConfig: async () => ({
      username: 'student',
      role: 'learner',
      autosave_interval_seconds: AUTOSAVE_INTERVAL_SECONDS,
      max_notebook_bytes: MAX_NOTEBOOK_BYTES,
      working_copy_dir: ''
    }),
    statuses: () => progress.all(),
    getProgress: id => progress.get(id),
    saveProgress: (id, update) => progress.save(id, update),
    saveProgressOnUnload: (id, update) => {
      // IndexedDB cannot be awaited while the page goes; the write is started.
      void progress.save(id, update).catch(() => undefined);
      return true;
    },
    listSnapshots: id => progress.listSnapshots(id),
    restoreSnapshot: (id, snapshotId, baseVersion) =>
      progress.restore(id, snapshotId, baseVersion),
    tutorHistory: moduleId => tutor.tutorHistory(moduleId),
    openTutorConnection: moduleId => tutor.openTutorConnection(moduleId),
    recordPackageLoads: async () => 0,
    packageAnalytics: () =>
      Promise.reject(
        new TutorApiError(
          501,
          'not_available',
          'Load analytics cover all students, so they need the jupyter-tutor server.'
        )
      )
  };
}
