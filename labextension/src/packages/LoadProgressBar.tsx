import React from 'react';
import { loadProgress, PackageLoadState } from './loadState';

/** How far the current notebook's kernel got with the module's packages. */
export function LoadProgressBar(props: {
  state: PackageLoadState;
}): JSX.Element | null {
  const { state } = props;
  if (state.items.length === 0) {
    return null;
  }
  const { done, total, failed } = loadProgress(state);
  const summary = !state.finished
    ? `Loading packages: ${done} of ${total}`
    : failed > 0
      ? `${failed} of ${total} packages could not be loaded`
      : 'All packages loaded';
  return (
    <div className="jp-TutorPackages-progress" role="status">
      <span className="jp-TutorPackages-progressText">{summary}</span>
      <progress
        className="jp-TutorPackages-progressBar"
        value={done}
        max={total}
        aria-label="Packages loaded"
      />
      <ul className="jp-TutorPackages-progressNames">
        {state.items.map(item => (
          <li
            key={item.name}
            data-state={item.status}
            title={item.error ?? item.status}
          >
            {item.name}: {item.status}
          </li>
        ))}
      </ul>
    </div>
  );
}
