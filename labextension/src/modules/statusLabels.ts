import { ModuleStatus } from '../backend/types';

/** A status as people read it (the module card's badge, the class dashboard). */
export const STATUS_LABELS: Record<ModuleStatus, string> = {
  not_started: 'Not Started',
  in_progress: 'In Progress',
  completed: 'Completed'
};
