import {
  AiPolicyBlock,
  AiPolicyMode,
  AiPolicyWindow
} from '../../contract/schema';

/**
 * What the policy editor shows: the module's mode and hint cap of the
 * instructor's override and one window. Empty strings are fields left unset
 * (the course notebook's value applies).
 */
export type PolicyForm = {
  mode: AiPolicyMode | '';
  maxLevel: string;
  window: WindowForm | null;
};

export type WindowForm = {
  mode: AiPolicyMode;
  /** `YYYY-MM-DDTHH:MM`, as a `datetime-local` input gives it. */
  from: string;
  until: string;
  timezone: string;
  reason: string;
};

/** The form for a stored override (null: none). */
export function policyForm(override: AiPolicyBlock | null): PolicyForm {
  const first = override?.windows?.[0];
  return {
    mode: override?.mode ?? '',
    maxLevel:
      override?.max_level !== undefined ? String(override.max_level) : '',
    window: first
      ? {
          mode: first.mode,
          from: first.from,
          until: first.until,
          timezone: first.timezone,
          reason: first.reason ?? ''
        }
      : null
  };
}

/**
 * The body's `policy` for a form, on top of the stored override: the form's
 * fields replace the override's mode, cap and first window; its other
 * windows and its exercises stay. The server validates the result.
 */
export function policyBody(
  form: PolicyForm,
  override: AiPolicyBlock | null
): AiPolicyBlock {
  const body: AiPolicyBlock = {};
  if (form.mode !== '') {
    body.mode = form.mode;
  }
  const maxLevel = form.maxLevel.trim();
  if (form.mode === 'hints' && maxLevel !== '') {
    // Not a number: NaN, sent as null, which the server refuses with its reason.
    body.max_level = Number(maxLevel);
  }
  const windows = [
    ...(form.window ? [windowBody(form.window)] : []),
    ...(override?.windows?.slice(1) ?? [])
  ];
  if (windows.length > 0) {
    body.windows = windows;
  }
  if (override?.exercises !== undefined) {
    body.exercises = override.exercises;
  }
  return body;
}

function windowBody(form: WindowForm): AiPolicyWindow {
  const window: AiPolicyWindow = {
    mode: form.mode,
    from: form.from,
    until: form.until,
    timezone: form.timezone.trim()
  };
  const reason = form.reason.trim();
  if (reason !== '') {
    window.reason = reason;
  }
  return window;
}
