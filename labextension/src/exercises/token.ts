import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';
import { ExerciseStanding, ExerciseSummary } from '../contract/schema';

/** One check of an exercise, as released to learners. */
export type ExerciseCheck = { code: string; message: string };

/** An exercise as a learner receives it: never its solution or hints. */
export type ReleasedExercise = {
  id: string;
  title?: string;
  checks: ExerciseCheck[];
  progress: ExerciseStanding;
};

/** `GET modules/{id}/exercises`. */
export type ModuleExercises = {
  module_id: string;
  complete_when_exercises_pass: boolean;
  exercises: ReleasedExercise[];
  summary: ExerciseSummary;
};

/** The outcome of one run of an exercise's checks (`POST .../checks`). */
export type CheckRun =
  { passed: true } | { passed: false; failed_check: number; error?: string };

/** What the server recorded for a run. */
export type RecordedRun = ExerciseStanding & { module_completed: boolean };

/** A run the server recorded, for whoever shows the student's standing. */
export type RecordedCheck = {
  moduleId: string;
  exerciseId: string;
  recorded: RecordedRun;
};

/** The exercises of the modules and the student's check runs on them. */
export interface IExercises {
  /** Emitted after each run the server recorded. */
  readonly checkRecorded: ISignal<IExercises, RecordedCheck>;

  /** The module's exercises with their checks and the student's standing. */
  list(moduleId: string): Promise<ModuleExercises>;

  /** Record the outcome of a run of an exercise's checks. */
  record(
    moduleId: string,
    exerciseId: string,
    run: CheckRun
  ): Promise<RecordedRun>;
}

export const IExercises = new Token<IExercises>(
  'jupyter-tutor:IExercises',
  "Reads a module's exercises with their checks and records the student's check runs."
);
