// Generated from jupyter_tutor/contract/constants.json by labextension/scripts/generate-contract.js — do not edit.

/** Largest notebook save accepted (20 MiB): the server's default `max_notebook_bytes`, the browser store's limit. */
export const MAX_NOTEBOOK_BYTES = 20971520;

/** Earlier states kept per student, module and reason (`history`, `conflict`): the server's default `snapshot_limit`. */
export const SNAPSHOT_LIMIT = 20;

/** Seconds between auto-saves unless the course or the student chose otherwise. */
export const AUTOSAVE_INTERVAL_SECONDS = 60;

/** The shortest auto-save interval a course may suggest. */
export const MIN_AUTOSAVE_INTERVAL_SECONDS = 10;

/** Characters (code points) of a question the tutor reads; the rest is clipped. */
export const MAX_QUESTION_CHARS = 4000;

/** Characters (code points) of an instructor's answer to a help request (Markdown); a longer one is refused. */
export const MAX_HELP_ANSWER_CHARS = 20000;

/** Characters (code points) of the cell code, and of the error output, the tutor reads. */
export const MAX_CONTEXT_CHARS = 20000;

/** Recent messages the tutor looks back over: the model's conversation, the previous level. */
export const CONVERSATION_MESSAGES = 10;

/** Cosine similarity at or above which a follow-up is about the same problem (chosen on tests/pedagogy/same_problem_pairs.json; see docs/tutor.md). */
export const SAME_PROBLEM_THRESHOLD = 0.65;

/** The hint ladder, level 1 first; its length is the highest level. */
export const LEVEL_NAMES = [
  'Nudge',
  'Pointer',
  'Specific hint',
  'Worked example'
] as const;

/** Regular expressions (whole words, any case) by which a question asks for more help on the same problem. */
export const MORE_HELP_PHRASES = [
  'more help',
  'bit more help',
  'another hint',
  'more hints?',
  'still (stuck|lost|confused)',
  "(don'?t|do not) (get|understand) it",
  'more detail',
  'explain more',
  'next hint'
] as const;
