import { Cell } from '@jupyterlab/cells';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ReactWidget } from '@jupyterlab/ui-components';
import React from 'react';
import { exerciseIdOf } from '../declaration';
import { ExerciseForm, formOf, freshId, judgeForm, newForm } from './form';
import { ExerciseFields } from './ExerciseFields';
import { StatementPreview } from './StatementPreview';
import { NotebookCell, declares, statementBefore } from './statement';
import { TrialResult, runTrial } from './trialRun';

/** The editor's state for the active cell. */
type Draft = {
  cell: Cell;
  form: ExerciseForm;
  /** The last trial run, or a note that one is under way. */
  trial: TrialResult | { running: true; waiting: boolean } | null;
  saved: boolean;
};

/**
 * The exercise declaration of the active code cell, for instructors: a form
 * checked live against the server's rules, written into the cell's metadata
 * only when valid (an ordinary, undoable notebook edit; saving the notebook
 * is the instructor's), the statement as the student will read it, and trial
 * runs of the checks in the notebook's kernel.
 */
export class ExerciseEditorPanel extends ReactWidget {
  constructor(
    private readonly _tracker: INotebookTracker,
    private readonly _rendermime: IRenderMimeRegistry
  ) {
    super();
    this.addClass('jp-TutorExerciseEditor');
    _tracker.activeCellChanged.connect(this._follow, this);
    _tracker.currentChanged.connect(this._follow, this);
    this._follow();
  }

  /** Start a declaration on the active code cell (no-op when it has one). */
  declareOnActiveCell(): void {
    const panel = this._tracker.currentWidget;
    const cell = this._tracker.activeCell;
    if (!panel || !cell || cell.model.type !== 'code' || declares(json(cell))) {
      return;
    }
    const used = new Set(
      panel.content.widgets
        .map(widget => exerciseIdOf(widget.model))
        .filter((id): id is string => id !== null)
    );
    this._draft = {
      cell,
      form: newForm(freshId(used)),
      trial: null,
      saved: false
    };
    this.update();
  }

  private _follow(): void {
    const cell = this._tracker.activeCell;
    if (this._draft?.cell === cell) {
      return;
    }
    this._draft =
      cell && cell.model.type === 'code' && declares(json(cell))
        ? {
            cell,
            form: formOf(exerciseOf(cell)),
            trial: null,
            saved: true
          }
        : null;
    this.update();
  }

  protected render(): JSX.Element {
    const panel = this._tracker.currentWidget;
    const cell = this._tracker.activeCell;
    if (!panel || !cell || cell.model.type !== 'code') {
      return (
        <p className="jp-TutorExerciseEditor-message">
          Select a code cell of a notebook to edit its exercise.
        </p>
      );
    }
    const draft = this._draft;
    if (!draft || draft.cell !== cell) {
      return (
        <>
          <p className="jp-TutorExerciseEditor-message">
            This code cell declares no exercise.
          </p>
          <button
            className="jp-mod-styled jp-mod-accept"
            onClick={() => this.declareOnActiveCell()}
          >
            Declare exercise
          </button>
        </>
      );
    }
    const verdict = judgeForm(draft.form);
    const problems = verdict.valid ? [] : verdict.problems;
    return (
      <>
        <h2 className="jp-TutorExerciseEditor-heading">Exercise</h2>
        <h3 className="jp-TutorExerciseEditor-subheading">Statement</h3>
        <StatementPreview
          rendermime={this._rendermime}
          markdown={statementOf(panel, cell)}
        />
        <ExerciseFields
          form={draft.form}
          problems={problems}
          onChange={form => {
            draft.form = form;
            draft.saved = false;
            this.update();
          }}
        />
        <div className="jp-TutorExerciseEditor-actions">
          <button
            className="jp-mod-styled jp-mod-accept"
            disabled={!verdict.valid || draft.saved}
            title={
              verdict.valid
                ? 'Write this declaration into the cell (save the notebook to keep it)'
                : 'Fix the problems above first'
            }
            onClick={() => {
              if (verdict.valid) {
                const tutor = cell.model.getMetadata('jupyter_tutor');
                cell.model.setMetadata('jupyter_tutor', {
                  ...(isObject(tutor) ? tutor : {}),
                  exercise: verdict.declaration
                });
                draft.saved = true;
                this.update();
              }
            }}
          >
            {draft.saved ? 'In the cell' : 'Apply to cell'}
          </button>
          <button
            className="jp-mod-styled jp-mod-warn"
            onClick={() => this._remove(cell)}
          >
            Remove exercise
          </button>
        </div>
        {!verdict.valid && (
          <p className="jp-TutorExerciseEditor-error" role="alert">
            Not applied: {problems.length} problem
            {problems.length === 1 ? '' : 's'} to fix.
          </p>
        )}
        <div className="jp-TutorExerciseEditor-actions">
          <button
            className="jp-mod-styled"
            disabled={draft.form.solution.trim() === ''}
            onClick={() =>
              void this._trial(panel, draft, 'solution', draft.form.solution)
            }
          >
            Run checks against solution
          </button>
          <button
            className="jp-mod-styled"
            onClick={() =>
              void this._trial(
                panel,
                draft,
                "cell's code",
                cell.model.sharedModel.getSource()
              )
            }
          >
            Run checks against the cell's code
          </button>
        </div>
        {this._renderTrial(draft)}
      </>
    );
  }

  private _renderTrial(draft: Draft): JSX.Element | null {
    const trial = draft.trial;
    if (trial === null) {
      return null;
    }
    if ('running' in trial) {
      return (
        <p className="jp-TutorExerciseEditor-message" role="status">
          {trial.waiting
            ? 'The kernel is busy: the checks wait behind the running cells…'
            : 'Running the checks…'}
        </p>
      );
    }
    if (!trial.ran) {
      return (
        <p className="jp-TutorExerciseEditor-error" role="alert">
          {trial.reason}
        </p>
      );
    }
    const [code, ...checks] = trial.outcomes;
    return (
      <div className="jp-TutorExerciseEditor-trial" role="status">
        <p>Against the {trial.subject}:</p>
        {code.state === 'failed' && (
          <p className="jp-TutorExerciseEditor-error">
            {code.message} {code.error}
          </p>
        )}
        <ol>
          {checks.map((outcome, index) => (
            <li
              key={index}
              className={`jp-TutorExerciseEditor-outcome jp-mod-${outcome.state}`}
            >
              {outcome.state === 'passed'
                ? 'Passed'
                : outcome.state === 'failed'
                  ? `Failed: ${outcome.message} (${outcome.error})`
                  : 'Not run'}
            </li>
          ))}
        </ol>
      </div>
    );
  }

  private async _trial(
    panel: NotebookPanel,
    draft: Draft,
    subject: string,
    code: string
  ): Promise<void> {
    draft.trial = { running: true, waiting: false };
    this.update();
    const result = await runTrial(
      panel.sessionContext.session?.kernel,
      subject,
      code,
      draft.form.checks,
      () => {
        draft.trial = { running: true, waiting: true };
        this.update();
      }
    );
    draft.trial = result;
    this.update();
  }

  private _remove(cell: Cell): void {
    const tutor = cell.model.getMetadata('jupyter_tutor');
    if (isObject(tutor)) {
      const rest = { ...tutor };
      delete rest.exercise;
      if (Object.keys(rest).length > 0) {
        cell.model.setMetadata('jupyter_tutor', rest);
      } else {
        cell.model.deleteMetadata('jupyter_tutor');
      }
    }
    this._draft = null;
    this.update();
  }

  private _draft: Draft | null = null;
}

function json(cell: Cell): NotebookCell {
  return cell.model.toJSON() as NotebookCell;
}

function exerciseOf(cell: Cell): unknown {
  const tutor = cell.model.getMetadata('jupyter_tutor');
  return isObject(tutor) ? tutor.exercise : undefined;
}

function statementOf(panel: NotebookPanel, cell: Cell): string {
  const widgets = panel.content.widgets;
  return statementBefore(widgets.map(json), widgets.indexOf(cell));
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
