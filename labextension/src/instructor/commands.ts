/** Commands of the class dashboard. */
export const InstructorCommandIDs = {
  /** Args: `{id?: string}`, a module id (else the first module). */
  openDashboard: 'jupyter-tutor:open-class-dashboard'
} as const;
