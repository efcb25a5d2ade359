import rules from './rules.json';

/**
 * The offline hint rules, shared with the server. `rules.json` here is a
 * copy of `jupyter_tutor/tutor/offline/rules.json` made by
 * `labextension/scripts/copy-shared-data.js` on every build (TypeScript
 * only imports files under `labextension/src`); a test fails when it is
 * stale. The message patterns must mean the same in Python and JavaScript.
 */
export type OfflineRule = {
  id: string;
  error_types: string[];
  message_pattern: string;
  title: string;
  /** One text per hint level, 1 to 4. */
  levels: string[];
};

export type OfflineRules = {
  rules: OfflineRule[];
  /** For errors no rule matches, and for questions without an error. */
  fallback: Pick<OfflineRule, 'id' | 'title' | 'levels'>;
  /** A question about an exercise whose latest check failed, without an error. */
  failing_check: Pick<OfflineRule, 'id' | 'title' | 'levels'>;
};

export const OFFLINE_RULES: OfflineRules = rules;
