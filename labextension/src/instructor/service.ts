import { Token } from '@lumino/coreutils';
import { ModuleStatus } from '../contract/schema';

/** One student of a module's class (`GET instructor/modules/{id}/students`). */
export type ClassStudent = {
  user_id: string;
  status: ModuleStatus;
  exercises_passed: number;
  exercises_total: number;
  questions: number;
  highest_hint_level: number | null;
  /** ISO 8601, UTC. */
  last_activity: string | null;
};

export type ClassStudents = {
  module_id: string;
  counts: Record<ModuleStatus, number>;
  students: ClassStudent[];
};

/** An error kind: the name and the message with particulars folded. */
export type ErrorKind = { name: string; message: string; runs: number };

/** One exercise over the class (`GET instructor/modules/{id}/exercises`). */
export type ClassExercise = {
  id: string;
  title: string;
  tried: number;
  passed: number;
  pass_rate: number | null;
  median_attempts_to_pass: number | null;
  stuck: number;
  failing_checks: { check: number; message: string; students: number }[];
  errors: ErrorKind[];
};

export type ClassExercises = {
  module_id: string;
  students: number;
  exercises: ClassExercise[];
};

/** `GET instructor/modules/{id}/questions`: tutor questions per UTC day. */
export type QuestionsPerDay = {
  module_id: string;
  days: { day: string; questions: number }[];
};

/** One recorded run of an exercise's checks. */
export type CheckHistoryEntry = {
  exercise_id: string;
  passed: boolean;
  failed_check: number | null;
  failed_message: string | null;
  error: string | null;
  at: string;
};

/** One message of the student's tutor conversation. */
export type ConversationMessage = {
  role: 'user' | 'assistant';
  content: string;
  level: number | null;
  exercise_id: string | null;
  error_output: string;
  partial: boolean;
  at: string;
};

/** `GET instructor/modules/{id}/students/{user_id}`. */
export type StudentDetail = {
  module_id: string;
  user_id: string;
  status: ModuleStatus;
  /** The saved notebook (nbformat 4 JSON), null without saved work. */
  notebook_state: unknown;
  checks: CheckHistoryEntry[];
  conversation: ConversationMessage[];
};

/** The CSV exports of a module. */
export type ClassExport = 'students' | 'exercises';

/**
 * A module's class data, for instructors and admins (the server refuses
 * learners). Failures reject with a `TutorApiError`.
 */
export interface IInstructorService {
  students(moduleId: string): Promise<ClassStudents>;
  exercises(moduleId: string): Promise<ClassExercises>;
  questionsPerDay(moduleId: string): Promise<QuestionsPerDay>;
  student(moduleId: string, userId: string): Promise<StudentDetail>;
  /** The CSV text of an export. */
  csv(moduleId: string, which: ClassExport): Promise<string>;
}

export const IInstructorService = new Token<IInstructorService>(
  'jupyter-tutor:IInstructorService',
  "Reads a module's class data (students, exercises, questions, one student's work) for instructors."
);
