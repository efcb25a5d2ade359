import { LiteServices } from './liteBackend';
import {
  AUTOSAVE_INTERVAL_SECONDS,
  MAX_NOTEBOOK_BYTES
} from '../../contract/constants';
import { LocalExercises } from './liteExercises';
import { LocalProgressStore } from './localProgress';
import { ITutorService } from '../../tutor/service';

/**
 * Progress, check runs and tutor kept in this browser: the student is
 * whoever uses it, a learner.
 */
export function localServices(
  progress: LocalProgressStore,
  exercises: LocalExercises,
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
    statuses: async () => {
      const [statuses, counts] = await Promise.all([
        progress.all(),
        exercises.summaries()
      ]);
      return new Map(
        [...statuses].map(([id, status]) => [
          id,
          { ...status, exercises: counts.get(id) }
        ])
      );
    },
    exercises,
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
