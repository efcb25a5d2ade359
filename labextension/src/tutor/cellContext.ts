import { INotebookModel, INotebookTracker } from '@jupyterlab/notebook';
import * as nbformat from '@jupyterlab/nbformat';
import { ISignal, Signal } from '@lumino/signaling';
import { ICellModel } from '@jupyterlab/cells';
import { TutorQuestion } from '../backend/types';
import { exerciseIdOf } from '../exercises/declaration';
import { CellSource, ChosenCode, chooseCode } from './codeChoice';
import { cellError, errorForTutor, latestError } from './errorOutput';

/** What the context chip shows: the cell and error sent with a question. */
export type CellContextSummary = {
  /**
   * Position (from 1) of the cell whose code is sent: the current cell, or the
   * error's when the current cell is empty; null if no code cell is current.
   */
  cellNumber: number | null;
  /** The current cell is empty, so the error's cell stands in for it. */
  fromErrorCell: boolean;
  error: { name: string; cellNumber: number } | null;
};

/** The hidden context of a question: the cell's code and error, and its exercise. */
export type QuestionContext = Pick<
  TutorQuestion,
  'cell_code' | 'error_output'
> & {
  exercise_id: TutorQuestion['exercise_id'];
};

type FoundContext = ChosenCode & {
  error: { cellIndex: number; error: nbformat.IError } | null;
};

/**
 * The active notebook's current cell and the error the student is facing,
 * sent to the tutor with every question unless the student leaves them out.
 *
 * The error is the current cell's own, or else the one the student ran into
 * last anywhere in the notebook. The code is the current cell's, or, when
 * that cell is empty (Shift+Enter moves on to a new one), the error's cell's.
 */
export class CellContext {
  constructor(private readonly _tracker: INotebookTracker) {
    _tracker.currentChanged.connect(this._follow, this);
    _tracker.activeCellChanged.connect(this._emitChanged, this);
    this._follow();
  }

  /** Emitted when the cell, its code or the errors may have changed. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Whether the context goes with the next question. */
  get included(): boolean {
    return this._included;
  }

  set included(value: boolean) {
    if (value !== this._included) {
      this._included = value;
      this._emitChanged();
    }
  }

  /** What there is to send, or null when there is nothing. */
  summary(): CellContextSummary | null {
    const found = this._find();
    if (found === null) {
      return null;
    }
    return {
      cellNumber: found.cellIndex === null ? null : found.cellIndex + 1,
      fromErrorCell: found.fromErrorCell,
      error: found.error && {
        name: found.error.error.ename,
        cellNumber: found.error.cellIndex + 1
      }
    };
  }

  /** The hidden context of a question: empty when the student left it out. */
  forQuestion(): QuestionContext {
    const found = this._included ? this._find() : null;
    return {
      cell_code: found?.code ?? '',
      error_output: found?.error ? errorForTutor(found.error.error) : '',
      exercise_id: found ? this._exerciseOf(found.cellIndex) : null
    };
  }

  /** The exercise the sent code's cell declares, so the tutor knows the task. */
  private _exerciseOf(cellIndex: number | null): string | null {
    const cells = this._tracker.currentWidget?.content.model?.cells;
    if (!cells || cellIndex === null || cellIndex >= cells.length) {
      return null;
    }
    return exerciseIdOf(cells.get(cellIndex));
  }

  private _find(): FoundContext | null {
    const notebook = this._tracker.currentWidget?.content;
    if (!notebook?.model) {
      return null;
    }
    const active = notebook.activeCell;
    const ownError = active ? cellError(active.model) : null;
    const error = ownError
      ? { cellIndex: notebook.activeCellIndex, error: ownError }
      : latestError(notebook.model.cells);
    const current = active
      ? cellSource(active.model, notebook.activeCellIndex)
      : null;
    if (!current?.isCode && error === null) {
      return null;
    }
    const chosen = chooseCode(
      current,
      error &&
        cellSource(notebook.model.cells.get(error.cellIndex), error.cellIndex)
    );
    return { ...chosen, error };
  }

  /** Watch the edits and outputs of the current notebook only. */
  private _follow(): void {
    this._model?.contentChanged.disconnect(this._emitChanged, this);
    this._model = this._tracker.currentWidget?.model ?? null;
    this._model?.contentChanged.connect(this._emitChanged, this);
    this._emitChanged();
  }

  private _emitChanged(): void {
    this._changed.emit();
  }

  private _model: INotebookModel | null = null;
  private _included = true;
  private readonly _changed = new Signal<this, void>(this);
}

function cellSource(cell: ICellModel, index: number): CellSource {
  return {
    index,
    isCode: cell.type === 'code',
    source: cell.sharedModel.getSource()
  };
}
