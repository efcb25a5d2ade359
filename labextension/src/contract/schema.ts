// Generated from jupyter_tutor/contract/schema.json by labextension/scripts/generate-contract.js — do not edit.

import { PartialJSONObject } from '@lumino/coreutils';

/** Where a student stands on one learning module. */
export const MODULE_STATUS_VALUES = [
  'not_started',
  'in_progress',
  'completed'
] as const;
export type ModuleStatus = (typeof MODULE_STATUS_VALUES)[number];

/** Why a state was kept: a save that a newer one replaced (`history`), or a copy refused because newer work was saved elsewhere (`conflict`). */
export const SNAPSHOT_REASON_VALUES = ['history', 'conflict'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASON_VALUES)[number];

/** Who may do what: learners read, instructors edit lists, admins edit the catalog (lowest first). */
export const ROLE_VALUES = ['learner', 'instructor', 'admin'] as const;
export type Role = (typeof ROLE_VALUES)[number];

/** Where a tutor answer came from: the language model or the offline hints. */
export const TUTOR_PROVIDER_VALUES = ['llm', 'offline'] as const;
export type TutorProvider = (typeof TUTOR_PROVIDER_VALUES)[number];

/** Why an answer failed. `disconnected` is never sent by the server: the browser's connection reports it when it dropped before the answer ended. */
export const TUTOR_ERROR_CODE_VALUES = [
  'bad_request',
  'not_found',
  'rate_limited',
  'token_limit',
  'llm_unavailable',
  'llm_timeout',
  'llm_auth',
  'stream_cut',
  'internal_error',
  'store_unavailable',
  'too_many_sockets',
  'invalid_token',
  'tutor_off',
  'disconnected'
] as const;
export type TutorErrorCode = (typeof TUTOR_ERROR_CODE_VALUES)[number];

/** `metadata.jupyter_tutor.module` of a course notebook: the notebook is a learning module. */
export type ModuleBlock = {
  id: string;
  title: string;
  description?: string;
  order: number;
};

/** `metadata.jupyter_tutor.packages`: the packages a module needs, in load order; each entry is checked by the rules of jupyter_tutor/packages/entry_rules.json. */
export type PackagesBlock = PackageRequest[];

/** `metadata.jupyter_tutor.tutor`: the instructor's tutor settings for a module; a missing block means the defaults. */
export type TutorSettingsBlock = {
  /** Highest hint level the tutor may reach (default: the top level). */
  max_level?: number;
  /** From this level on answers may contain code blocks (default: the top level). */
  code_allowed_level?: number;
  /** Words or phrases the tutor must not use. */
  avoid?: string[];
  /** Extra instructions for the model. */
  instructions?: string;
  policy?: AiPolicyBlock;
};

export const TUTOR_SETTINGS_BLOCK_FIELDS = [
  'max_level',
  'code_allowed_level',
  'avoid',
  'instructions',
  'policy'
] as const;

/** What the tutor may do: `off` (it does not answer), `hints` (the module's tutor settings: capped hint level, code from `code_allowed_level`, the avoid list), `full` (every level, code included). */
export const AI_POLICY_MODE_VALUES = ['off', 'hints', 'full'] as const;
export type AiPolicyMode = (typeof AI_POLICY_MODE_VALUES)[number];

/** A time window with its own mode. `from`/`until` are local wall-clock times in `timezone`: `YYYY-MM-DDTHH:MM` (once) or `HH:MM` (every day; `until` before `from` crosses midnight). From included, until excluded. */
export type AiPolicyWindow = {
  mode: AiPolicyMode;
  /** With `hints`: a cap below the module's `max_level`. */
  max_level?: number;
  from: string;
  until: string;
  /** An IANA time zone name, e.g. `Europe/Berlin`. */
  timezone: string;
  reason?: string;
};

/** One exercise's policy (overrides the module's mode; its windows come before the module's). */
export type AiPolicyScope = {
  mode?: AiPolicyMode;
  /** With `hints`: a cap below the module's `max_level`. */
  max_level?: number;
  windows?: AiPolicyWindow[];
};

/** `metadata.jupyter_tutor.tutor.policy`: the module's AI policy; a missing block means `hints` (the tutor settings) at all times. */
export type AiPolicyBlock = {
  mode?: AiPolicyMode;
  /** With `hints`: a cap below the module's `max_level`. */
  max_level?: number;
  windows?: AiPolicyWindow[];
  /** By exercise id. */
  exercises?: { [key: string]: unknown };
};

export const AI_POLICY_BLOCK_FIELDS = [
  'mode',
  'max_level',
  'windows',
  'exercises'
] as const;

/** The policy in force now for a module or an exercise. */
export type AiPolicyNow = {
  mode: AiPolicyMode;
  /** The highest hint level the tutor reaches now (0 when off). */
  max_level: number;
  code_allowed_level: number;
  /** When the window in force ends (ISO 8601), or null. */
  until: string | null;
  reason: string;
  /** The instructor whose stored override is in force, or null: the course notebook. */
  set_by: string | null;
  /** When this may next change (ISO 8601), or null. */
  next_change: string | null;
};

/** `GET modules/{id}/policy`: the policy in force now for the module and each declared exercise. */
export type ModulePolicy = {
  module_id: string;
  now: string;
  module: AiPolicyNow;
  exercises: { [key: string]: unknown };
};

/** `GET/PUT instructor/modules/{id}/policy`: the notebook's policy, the stored override (who set it, when) and what is in force. */
export type InstructorPolicy = {
  module_id: string;
  notebook: unknown;
  override: unknown;
  problems: string[];
  in_force: ModulePolicy;
};

/** `metadata.jupyter_tutor` of a notebook. */
export type NotebookMetadata = {
  module?: ModuleBlock;
  /** null or absent: the default packages. */
  packages?: PackagesBlock | null;
  tutor?: TutorSettingsBlock | null;
};

/** `metadata.jupyter_tutor` of a cell. */
export type CellMetadata = {
  exercise?: unknown;
};

/** A learning module as listed for the current student (`GET modules`). */
export type ModuleSummary = {
  id: string;
  title: string;
  description: string;
  notebook_filename: string;
  order: number;
  status: ModuleStatus;
  /** ISO 8601 time of the student's last change, or null if never started. */
  updated_at: string | null;
  exercises?: ExerciseSummary;
};

/** What a module card shows: how many of the module's declared exercises the student passed. */
export type ExerciseSummary = {
  passed: number;
  total: number;
};

/** A student's standing on one exercise (`GET progress/{id}`, `GET modules/{id}/exercises`). */
export type ExerciseStanding = {
  id: string;
  /** One of the statuses in jupyter_tutor/exercises/statuses.json. */
  status: string;
  attempts: number;
  first_passed_at: string | null;
  last_run_at: string | null;
  failed_check: number | null;
  failed_message: string | null;
  error: string | null;
};

/** The student's saved progress on one module (`GET`/`PUT progress/{id}`). */
export type Progress = {
  module_id: string;
  status: ModuleStatus;
  /** Incremented by every accepted notebook state: the optimistic-lock token. */
  version: number;
  attempt_count: number;
  updated_at: string | null;
  /** Only present when a single module's progress is read. */
  notebook_state?: PartialJSONObject | null;
  /** The student's standing on each declared exercise (single-module reads). */
  exercises?: ExerciseStanding[];
};

/** A change to the student's progress (`PUT progress/{id}`). A `notebook_state` must come with the `base_version` it was edited from, so work saved elsewhere is never overwritten silently. */
export type ProgressUpdate = {
  status?: ModuleStatus;
  notebook_state?: PartialJSONObject;
  base_version?: number;
};

/** An earlier state of a module's notebook that the store kept (`GET progress/{id}/snapshots`). */
export type Snapshot = {
  id: number;
  version: number;
  reason: SnapshotReason;
  created_at: string;
  size_bytes: number;
};

/** The student's working copy of a module, ready to be opened (`POST modules/{id}/open`). */
export type OpenedModule = {
  /** Path of the working copy, relative to the file browser root. */
  path: string;
  /** The working copy did not exist and was just written. */
  created: boolean;
  /** The working copy was (re)written from the saved progress. */
  restored: boolean;
  /** Where the replaced working copy was kept, if one was replaced. */
  backup_path: string | null;
  progress: Progress;
};

/** Settings chosen by whoever runs the course (`GET config`). */
export type ClientConfig = {
  username: string;
  /** What the server lets this user do; the server checks it on every request. */
  role: Role;
  /** Suggested auto-save interval, used unless the student chose their own. */
  autosave_interval_seconds: number;
  max_notebook_bytes: number;
  working_copy_dir: string;
};

/** A package a module needs, in load order. */
export type PackageRequest = {
  /** Distribution name (PEP 508). */
  name: string;
  /** PEP 440 specifier such as `>=1.26`. */
  version?: string;
  required: boolean;
};

/** Why an entry of a package list was left out or refused. */
export type PackageListProblem = {
  /** The entry's position in the list, or -1 for the list as a whole. */
  index: number;
  reason: string;
};

/** A declared list as loading sees it: its valid entries and what is wrong with the others (`POST packages/check`). */
export type CheckedPackageList = {
  packages: PackageRequest[];
  problems: PackageListProblem[];
  /** The notebook declares no list, so the default set applies. */
  is_default: boolean;
};

export type TutorHistoryMessage = {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  created_at: string;
  /** The hint level of the question, or of the answer. */
  level: number | null;
  level_name: string | null;
  same_problem: boolean | null;
  provider: TutorProvider | null;
  /** An answer that was cut short. */
  partial: boolean;
};

/** The student's conversation with the tutor about a module, oldest first (`GET tutor/history`). */
export type TutorHistory = {
  messages: TutorHistoryMessage[];
  /** The level of the latest question, or null before the first one. */
  level: number | null;
  max_level: number;
  /** Where answers come from now. */
  provider: TutorProvider;
};

/** Client to server: a question. `cell_code` and `error_output` are hidden context: they inform the answer but are not shown as chat messages. */
export type TutorAskFrame = {
  type: 'ask';
  /** Chosen by the client, echoed on every frame of the answer. */
  id: string;
  content: string;
  /** The student's current cell, or '' to leave it out. */
  cell_code: string;
  /** Its latest error, or '' to leave it out. */
  error_output: string;
  /** The exercise of the cell the question is about (its declaration's id), or null. */
  exercise_id?: string | null;
  /** Ask for the next hint level on the same problem. */
  more_help?: boolean;
  /** Answer the last unanswered question again. */
  retry?: boolean;
};

/** Client to server: stop the answer to the question `id`; an `end` frame follows. */
export type TutorStopFrame = {
  type: 'stop';
  id: string;
};

export type TutorUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
};

/** An answer begins, at this hint level. */
export type TutorStartFrame = {
  type: 'start';
  id: string;
  level: number;
  level_name: string;
  max_level: number;
  same_problem: boolean;
  provider: TutorProvider;
};

/** More answer text, to append (already guarded). */
export type TutorDeltaFrame = {
  type: 'delta';
  id: string;
  text: string;
};

/** The guardrail rewrote the answer: show this text instead of what was streamed. */
export type TutorReplaceFrame = {
  type: 'replace';
  id: string;
  text: string;
};

/** The answer is complete. */
export type TutorEndFrame = {
  type: 'end';
  id: string;
  /** The stored answer, or null if it was stopped. */
  message_id: number | null;
  usage: TutorUsage;
  /** Some of the answer was held back because it gave too much away. */
  guarded: boolean;
  /** The student stopped the answer. */
  stopped: boolean;
};

/** The answer failed, or a frame was refused. */
export type TutorErrorFrame = {
  type: 'error';
  /** The question it answers; null when the frame sent could not be read. */
  id: string | null;
  code: TutorErrorCode;
  message: string;
  retryable: boolean;
  /** Some answer text was already sent. */
  partial: boolean;
  /** When a limit resets (ISO 8601). */
  reset_at?: string;
};

/** What the tutor sends while answering, each frame naming its question. */
export type TutorFrame =
  | TutorStartFrame
  | TutorDeltaFrame
  | TutorReplaceFrame
  | TutorEndFrame
  | TutorErrorFrame;

/** Where a help request stands: waiting for the instructor, answered, or resolved (closed). */
export const HELP_STATUS_VALUES = ['open', 'answered', 'resolved'] as const;
export type HelpStatus = (typeof HELP_STATUS_VALUES)[number];

/** A student's question to their instructor (`POST help/requests`): the question (Markdown) and the cell it is about; the server adds the exercise's latest check result and refers to the tutor conversation it already holds. */
export type HelpAsk = {
  module_id: string;
  /** Markdown; at most MAX_QUESTION_CHARS characters. */
  question: string;
  cell_code?: string;
  error_output?: string;
  /** The exercise of the cell (its metadata's id), if any. */
  exercise_id?: string | null;
};

/** An instructor's answer to a help request (`POST instructor/help-requests/{id}/answer`), Markdown. */
export type HelpAnswer = {
  /** Markdown; at most MAX_HELP_ANSWER_CHARS characters. */
  answer: string;
};

/** A student's help request as they see it (`GET help/requests`). */
export type HelpRequest = {
  id: number;
  module_id: string;
  question: string;
  cell_code: string;
  error_output: string;
  exercise_id: string | null;
  /** The exercise's latest check result when the question was asked (null without an exercise). */
  check_result: ExerciseStanding | null;
  status: HelpStatus;
  answer: string | null;
  answered_at: string | null;
  resolved_at: string | null;
  created_at: string;
};

/** A message of the student's tutor conversation, as the instructor reads it with a help request. */
export type HelpConversationMessage = {
  role: string;
  content: string;
  created_at: string;
};

/** A help request as the instructor sees it (`GET instructor/modules/{id}/help-requests`). */
export type QueuedHelpRequest = {
  id: number;
  module_id: string;
  question: string;
  cell_code: string;
  error_output: string;
  exercise_id: string | null;
  /** The exercise's latest check result when the question was asked (null without an exercise). */
  check_result: ExerciseStanding | null;
  status: HelpStatus;
  answer: string | null;
  answered_at: string | null;
  resolved_at: string | null;
  created_at: string;
  user_id: string;
  answered_by: string | null;
  /** The student's tutor conversation about the module up to the request, newest last (at most the last 20 messages the retention keeps). */
  conversation: HelpConversationMessage[];
};

/** The student's own help requests about a module, newest first. */
export type HelpRequestList = {
  requests: HelpRequest[];
};

/** A module's help requests, newest first (`GET instructor/modules/{id}/help-requests`). */
export type HelpQueue = {
  module_id: string;
  requests: QueuedHelpRequest[];
};
