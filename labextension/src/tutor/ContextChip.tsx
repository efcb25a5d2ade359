import React, { useEffect, useState } from 'react';
import { CellContext, CellContextSummary } from './cellContext';

/**
 * In the question box: which cell and error go with the question, with a
 * checkbox to leave them out.
 */
export function ContextChip(props: {
  context: CellContext;
}): JSX.Element | null {
  const { context } = props;
  const [summary, setSummary] = useState(() => context.summary());
  const [included, setIncluded] = useState(context.included);
  useEffect(() => {
    const follow = () => {
      setSummary(context.summary());
      setIncluded(context.included);
    };
    follow();
    context.changed.connect(follow);
    return () => {
      context.changed.disconnect(follow);
    };
  }, [context]);
  if (summary === null) {
    return null;
  }
  return (
    <label
      className="jp-TutorContextChip"
      data-included={included}
      data-from-error-cell={summary.fromErrorCell}
      title={chipTitle(summary, included)}
    >
      <input
        type="checkbox"
        checked={included}
        onChange={event => {
          context.included = event.target.checked;
        }}
      />
      <span className="jp-TutorContextChip-label">{chipLabel(summary)}</span>
    </label>
  );
}

function chipTitle(summary: CellContextSummary, included: boolean): string {
  const which = summary.fromErrorCell
    ? `Your current cell is empty, so the tutor gets cell ${summary.cellNumber}, where the error is: its code and error`
    : 'The tutor gets this cell’s code and error';
  return included
    ? `${which} with your question. Untick to leave them out.`
    : `Left out of your question. Tick to let the tutor see them. (${which}.)`;
}

/**
 * For example "cell 4 · NameError", "cell 4 · NameError in cell 2", or, from
 * an empty cell, "cell 2 · NameError (current cell empty)".
 */
function chipLabel(summary: CellContextSummary): string {
  const parts: string[] = [];
  if (summary.cellNumber !== null) {
    parts.push(`cell ${summary.cellNumber}`);
  }
  if (summary.error !== null) {
    parts.push(
      summary.error.cellNumber === summary.cellNumber
        ? summary.error.name
        : `${summary.error.name} in cell ${summary.error.cellNumber}`
    );
  }
  const label = parts.join(' · ');
  return summary.fromErrorCell ? `${label} (current cell empty)` : label;
}
