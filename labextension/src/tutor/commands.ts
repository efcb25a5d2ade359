/** Commands of the tutor panel. */
export const TutorCommandIDs = {
  openTutor: 'jupyter-tutor:open-tutor'
} as const;
