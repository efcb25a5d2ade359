/** Commands acting on the student's progress. */
export const ProgressCommandIDs = {
  markCompleted: 'jupyter-tutor:mark-completed',
  restoreSavedVersion: 'jupyter-tutor:restore-saved-version',
  saveProgress: 'jupyter-tutor:save-progress'
} as const;
