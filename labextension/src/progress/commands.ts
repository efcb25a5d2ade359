/** Commands acting on the student's progress. */
export const ProgressCommandIDs = {
  markCompleted: 'jupyter-tutor:mark-completed',
  saveProgress: 'jupyter-tutor:save-progress'
} as const;
