/** A notebook cell as the choice of the question's code sees it. */
export type CellSource = { index: number; isCode: boolean; source: string };

/** The code that goes with a question, and the cell it comes from. */
export type ChosenCode = {
  /** The cell whose code is sent, or null when none is. */
  cellIndex: number | null;
  code: string;
  /** The current cell is empty, so the code is the one of the error's cell. */
  fromErrorCell: boolean;
};

/**
 * The code the student means: the current cell's, unless it is an empty code
 * cell (as after Shift+Enter, which moves on to a new cell) and an error is
 * being sent, whose cell's code then goes with it.
 */
export function chooseCode(
  active: CellSource | null,
  errorCell: CellSource | null
): ChosenCode {
  if (!active?.isCode) {
    return { cellIndex: null, code: '', fromErrorCell: false };
  }
  if (active.source.trim() === '' && errorCell?.isCode) {
    return {
      cellIndex: errorCell.index,
      code: errorCell.source,
      fromErrorCell: errorCell.index !== active.index
    };
  }
  return { cellIndex: active.index, code: active.source, fromErrorCell: false };
}
