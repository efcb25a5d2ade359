import React from 'react';
import { ExerciseForm, HINT_LEVELS, moved, problemsAt } from './form';
import { DeclarationProblem } from './validation';

type Props = {
  form: ExerciseForm;
  problems: DeclarationProblem[];
  onChange: (form: ExerciseForm) => void;
};

/** The declaration's fields, each with the server's reasons it is refused. */
export function ExerciseFields({
  form,
  problems,
  onChange
}: Props): JSX.Element {
  const set = (change: Partial<ExerciseForm>) =>
    onChange({ ...form, ...change });
  const setCheck = (
    index: number,
    change: Partial<{ code: string; message: string }>
  ) =>
    set({
      checks: form.checks.map((check, i) =>
        i === index ? { ...check, ...change } : check
      )
    });
  return (
    <div className="jp-TutorExerciseEditor-fields">
      <Field label="Id" problems={problemsAt(problems, ['id'])}>
        <input
          className="jp-mod-styled"
          aria-label="Exercise id"
          value={form.id}
          onChange={event => set({ id: event.target.value })}
        />
      </Field>
      <Field
        label="Title (optional)"
        problems={problemsAt(problems, ['title'])}
      >
        <input
          className="jp-mod-styled"
          aria-label="Exercise title"
          value={form.title}
          onChange={event => set({ title: event.target.value })}
        />
      </Field>
      <h3 className="jp-TutorExerciseEditor-subheading">
        Checks (run in order)
      </h3>
      {problemsAt(problems, ['checks']).map(reason => (
        <p key={reason} className="jp-TutorExerciseEditor-problem">
          {reason}
        </p>
      ))}
      <ol className="jp-TutorExerciseEditor-checks">
        {form.checks.map((check, index) => (
          <li key={index} className="jp-TutorExerciseEditor-check">
            <Field
              label="Code"
              problems={[
                ...problemsAt(problems, ['checks', index]),
                ...problemsAt(problems, ['checks', index, 'code'])
              ]}
            >
              <textarea
                className="jp-mod-styled jp-TutorExerciseEditor-code"
                aria-label={`Check ${index + 1} code`}
                value={check.code}
                onChange={event =>
                  setCheck(index, { code: event.target.value })
                }
              />
            </Field>
            <Field
              label="Message when it fails"
              problems={problemsAt(problems, ['checks', index, 'message'])}
            >
              <input
                className="jp-mod-styled"
                aria-label={`Check ${index + 1} message`}
                value={check.message}
                onChange={event =>
                  setCheck(index, { message: event.target.value })
                }
              />
            </Field>
            <div className="jp-TutorExerciseEditor-checkTools">
              <button
                className="jp-mod-styled"
                disabled={index === 0}
                aria-label={`Move check ${index + 1} up`}
                onClick={() =>
                  set({ checks: moved(form.checks, index, index - 1) })
                }
              >
                ↑
              </button>
              <button
                className="jp-mod-styled"
                disabled={index === form.checks.length - 1}
                aria-label={`Move check ${index + 1} down`}
                onClick={() =>
                  set({ checks: moved(form.checks, index, index + 1) })
                }
              >
                ↓
              </button>
              <button
                className="jp-mod-styled"
                aria-label={`Remove check ${index + 1}`}
                onClick={() =>
                  set({ checks: form.checks.filter((_, i) => i !== index) })
                }
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        className="jp-mod-styled"
        onClick={() =>
          set({ checks: [...form.checks, { code: '', message: '' }] })
        }
      >
        Add check
      </button>
      <Field
        label="Solution (the server's only)"
        problems={problemsAt(problems, ['solution'])}
      >
        <textarea
          className="jp-mod-styled jp-TutorExerciseEditor-code"
          aria-label="Exercise solution"
          value={form.solution}
          onChange={event => set({ solution: event.target.value })}
        />
      </Field>
      <h3 className="jp-TutorExerciseEditor-subheading">
        Hints for the tutor, by level (the server's only)
      </h3>
      {problemsAt(problems, ['hints']).map(reason => (
        <p key={reason} className="jp-TutorExerciseEditor-problem">
          {reason}
        </p>
      ))}
      {HINT_LEVELS.map(level => (
        <Field
          key={level}
          label={`Level ${level}`}
          problems={problemsAt(problems, ['hints', String(level)])}
        >
          <textarea
            className="jp-mod-styled"
            aria-label={`Hint level ${level}`}
            value={form.hints[level - 1]}
            onChange={event => {
              const hints = [...form.hints] as ExerciseForm['hints'];
              hints[level - 1] = event.target.value;
              set({ hints });
            }}
          />
        </Field>
      ))}
    </div>
  );
}

function Field({
  label,
  problems,
  children
}: {
  label: string;
  problems: string[];
  children: React.ReactNode;
}): JSX.Element {
  return (
    <label className="jp-TutorExerciseEditor-field">
      <span>{label}</span>
      {children}
      {problems.map(reason => (
        <span key={reason} className="jp-TutorExerciseEditor-problem">
          {reason}
        </span>
      ))}
    </label>
  );
}
