/** Commands of the exercises feature. */
export const ExerciseCommandIDs = {
  checkExercise: 'jupyter-tutor:check-exercise'
} as const;
