import { LiteServices } from './liteBackend';
import {
  AUTOSAVE_INTERVAL_SECONDS,
  MAX_NOTEBOOK_BYTES
} from '../../contract/constants';
import { LocalProgressStore } from './localProgress';
import { ITutorService } from '../../tutor/service';

/**
 * Progress and tutor kept in this browser: the student is whoever uses it,
 * a learner.
 */
export function localServices(
  progress: LocalProgressStore,
  tutor: ITutorService
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
    openTutorConnection: moduleId => tutor.openTutorConnection(moduleId)
  };
}
