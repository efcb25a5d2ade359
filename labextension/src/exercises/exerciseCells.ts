import { Cell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { IDisposable } from '@lumino/disposable';
import { PanelLayout } from '@lumino/widgets';
import { errorMessage } from '../backend/errors';
import { checkRunOf } from './checkOutcome';
import { CheckWidget } from './CheckWidget';
import { exerciseIdOf } from './declaration';
import { runChecksInKernel } from './kernelChecks';
import { ExerciseCheck, IExercises } from './token';

/**
 * The Check buttons of one module notebook: one under each exercise cell's
 * code, following the cells as they are added, moved or removed.
 */
export class ExerciseCells implements IDisposable {
  constructor(
    private readonly _panel: NotebookPanel,
    private readonly _moduleId: string,
    private readonly _exercises: IExercises
  ) {
    _panel.content.model?.cells.changed.connect(this._attach, this);
    this._attach();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Check the active cell's exercise; false if it is no exercise cell. */
  checkActiveCell(): boolean {
    const cell = this._panel.content.activeCell;
    const widget = cell ? this._widgets.get(cell) : undefined;
    if (!cell || !widget) {
      return false;
    }
    void this._check(widget);
    return true;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._panel.content.model?.cells.changed.disconnect(this._attach, this);
  }

  /** Give every exercise cell its Check widget (new cells get theirs too). */
  private _attach(): void {
    for (const cell of this._panel.content.widgets) {
      const exerciseId = exerciseIdOf(cell.model);
      if (
        exerciseId === null ||
        this._widgets.get(cell)?.exerciseId === exerciseId
      ) {
        continue;
      }
      this._widgets.get(cell)?.dispose();
      const widget = new CheckWidget(
        exerciseId,
        () => void this._check(widget)
      );
      this._widgets.set(cell, widget);
      // A notebook builds its cells' parts when they first come into view:
      // after that, at the end of the cell, under its code and outputs.
      void cell.ready.then(() => {
        if (!widget.isDisposed && !cell.isDisposed) {
          (cell.layout as PanelLayout).addWidget(widget);
        }
      });
    }
  }

  /** Run the checks in the kernel, show them and record the run. */
  private async _check(widget: CheckWidget): Promise<void> {
    // The command can ask again while the button is disabled.
    if (widget.busy) {
      return;
    }
    widget.busy = true;
    widget.showStatus('Checking…');
    try {
      await this._runAndRecord(widget);
    } finally {
      widget.busy = false;
    }
  }

  private async _runAndRecord(widget: CheckWidget): Promise<void> {
    let checks: ExerciseCheck[] | null;
    try {
      checks = await this._checksOf(widget.exerciseId);
    } catch (reason) {
      widget.clearOutcomes();
      widget.showStatus(
        `The exercise cannot be read: ${errorMessage(reason)}`,
        'failed'
      );
      return;
    }
    if (checks === null) {
      widget.clearOutcomes();
      widget.showStatus(
        'This exercise is not part of the module any more: nothing to check.',
        'failed'
      );
      return;
    }
    const result = await runChecksInKernel(
      this._panel.sessionContext.session?.kernel,
      checks,
      () =>
        widget.showStatus(
          'Waiting for the kernel to finish running your cells…'
        )
    );
    if (!result.ran) {
      widget.clearOutcomes();
      widget.showStatus(result.reason, 'failed');
      return;
    }
    widget.showOutcomes(result.outcomes);
    try {
      await this._exercises.record(
        this._moduleId,
        widget.exerciseId,
        checkRunOf(result.outcomes)
      );
    } catch (reason) {
      widget.showStatus(
        `The check ran but could not be saved: ${errorMessage(reason)}`,
        'failed'
      );
    }
  }

  /** The server's checks for the exercise (the notebook's can be edited). */
  private async _checksOf(exerciseId: string): Promise<ExerciseCheck[] | null> {
    const listed = await this._exercises.list(this._moduleId);
    return listed.exercises.find(e => e.id === exerciseId)?.checks ?? null;
  }

  private _isDisposed = false;
  private readonly _widgets = new WeakMap<Cell, CheckWidget>();
}
