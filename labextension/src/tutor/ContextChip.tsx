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
      title={
        included
          ? 'The tutor sees this cell’s code and error with your question. Untick to leave them out.'
          : 'Left out of your question. Tick to let the tutor see this cell’s code and error.'
      }
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

/** For example "cell 4 · NameError", or "cell 4 · NameError in cell 2". */
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
  return parts.join(' · ');
}
