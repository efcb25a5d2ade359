import { ReactWidget } from '@jupyterlab/ui-components';
import React, { useEffect, useState } from 'react';
import { errorMessage } from '../../backend/errors';
import { AI_POLICY_MODE_VALUES, AiPolicyMode } from '../../contract/schema';
import { localTime, policyBannerText } from '../../policy/bannerText';
import {
  AiPolicyBlock,
  AiPolicyNow,
  InstructorPolicy,
  IPolicyService
} from '../../policy/service';
import { PolicyForm, policyBody, policyForm, WindowForm } from './policyForm';

/**
 * The instructor's AI policy of a module: the mode (off, hints, full), the
 * hint cap, one window with its own mode; saved as the module's override
 * over the course notebook's policy, or cleared. A widget of its own, so it
 * can be a main-area panel or a part of another one.
 */
export class PolicyEditor extends ReactWidget {
  constructor(private readonly _options: PolicyEditor.IOptions) {
    super();
    this.addClass('jp-TutorPolicyEditor');
    this._moduleId = _options.moduleId;
  }

  /** Edit this module's policy. */
  showModule(moduleId: string): void {
    this._moduleId = moduleId;
    this.update();
  }

  protected render(): JSX.Element {
    return (
      <Editor
        key={this._moduleId}
        policy={this._options.policy}
        moduleId={this._moduleId}
      />
    );
  }

  private _moduleId: string;
}

export namespace PolicyEditor {
  export interface IOptions {
    policy: IPolicyService;
    moduleId: string;
  }
}

function Editor(props: {
  policy: IPolicyService;
  moduleId: string;
}): JSX.Element {
  const { policy, moduleId } = props;
  const [view, setView] = useState<InstructorPolicy | null>(null);
  const [form, setForm] = useState<PolicyForm>(policyForm(null));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (next: InstructorPolicy) => {
    setView(next);
    setForm(policyForm(overrideOf(next)));
  };
  useEffect(() => {
    policy
      .instructorPolicy(moduleId)
      .then(show)
      .catch(reason => setError(errorMessage(reason)));
  }, [policy, moduleId]);

  const put = async (body: AiPolicyBlock | null, done: string) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      show(await policy.setPolicy(moduleId, body));
      setSaved(done);
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  };
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    void put(policyBody(form, view && overrideOf(view)), 'Saved.');
  };
  const update = (change: Partial<PolicyForm>) =>
    setForm({ ...form, ...change });

  return (
    <form onSubmit={save} aria-label="AI policy">
      <h2>AI policy: {moduleId}</h2>
      {view && (
        <p className="jp-TutorPolicyEditor-inForce">
          In force now: {inForceText(view.in_force.module)}
        </p>
      )}
      {view?.problems.map(problem => (
        <p key={problem} className="jp-TutorPolicyEditor-error">
          The course notebook: {problem}
        </p>
      ))}
      <label>
        Mode
        <select
          name="mode"
          value={form.mode}
          onChange={event =>
            update({ mode: event.target.value as AiPolicyMode | '' })
          }
        >
          <option value="">As the course notebook says</option>
          {modeOptions}
        </select>
      </label>
      {form.mode === 'hints' && (
        <label>
          Highest hint level (empty: the tutor settings')
          <input
            name="max_level"
            type="number"
            min={1}
            value={form.maxLevel}
            onChange={event => update({ maxLevel: event.target.value })}
          />
        </label>
      )}
      <label>
        <span>
          <input
            name="has_window"
            type="checkbox"
            checked={form.window !== null}
            onChange={event =>
              update({ window: event.target.checked ? newWindow() : null })
            }
          />{' '}
          A one-off window with its own mode
        </span>
      </label>
      {form.window && (
        <WindowFields
          window={form.window}
          onChange={window => update({ window })}
        />
      )}
      <div className="jp-TutorPolicyEditor-actions">
        <button
          type="submit"
          className="jp-Button jp-mod-styled jp-mod-accept"
          disabled={busy || view === null}
        >
          Save
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-reject"
          disabled={busy || view === null || view.override === null}
          onClick={() =>
            void put(null, 'Cleared: the course notebook applies.')
          }
        >
          Clear
        </button>
      </div>
      {error !== null && (
        <p className="jp-TutorPolicyEditor-error" role="alert">
          {error}
        </p>
      )}
      {saved !== null && <p role="status">{saved}</p>}
    </form>
  );
}

function WindowFields(props: {
  window: WindowForm;
  onChange: (window: WindowForm) => void;
}): JSX.Element {
  const { window, onChange } = props;
  const field = (name: keyof WindowForm, label: string, type = 'text') => (
    <label>
      {label}
      <input
        name={`window_${name}`}
        type={type}
        value={window[name]}
        onChange={event => onChange({ ...window, [name]: event.target.value })}
      />
    </label>
  );
  return (
    <fieldset>
      <legend>Window</legend>
      <label>
        Mode in the window
        <select
          name="window_mode"
          value={window.mode}
          onChange={event =>
            onChange({ ...window, mode: event.target.value as AiPolicyMode })
          }
        >
          {modeOptions}
        </select>
      </label>
      {field('from', 'From', 'datetime-local')}
      {field('until', 'Until', 'datetime-local')}
      {field('timezone', 'Time zone (IANA name)')}
      {field('reason', 'Reason (shown to students)')}
    </fieldset>
  );
}

const MODE_LABELS: Record<AiPolicyMode, string> = {
  off: 'Off: the tutor does not answer',
  hints: 'Hints: as the tutor settings say',
  full: 'Full: every level, code included'
};

const modeOptions = AI_POLICY_MODE_VALUES.map(mode => (
  <option key={mode} value={mode}>
    {MODE_LABELS[mode]}
  </option>
));

/** The stored override's policy, or null. */
function overrideOf(view: InstructorPolicy): AiPolicyBlock | null {
  const override = view.override as { policy?: AiPolicyBlock } | null;
  return override?.policy ?? null;
}

function inForceText(now: AiPolicyNow): string {
  return (
    policyBannerText(now, iso => localTime(iso)) ??
    `${now.mode}, up to level ${now.max_level}`
  );
}

function newWindow(): WindowForm {
  return {
    mode: 'off',
    from: '',
    until: '',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    reason: ''
  };
}
