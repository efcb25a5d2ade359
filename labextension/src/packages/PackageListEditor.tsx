import React, { useRef } from 'react';
import { PackageRequest } from '../backend/types';
import { PackageLoadItem } from './loadState';
import { movePackage, removePackage, setRequired } from './packageList';

export interface IPackageListEditorProps {
  packages: PackageRequest[];
  /** Learners see the list without the controls that change it. */
  editable: boolean;
  /** How each package loaded in the current notebook's kernel, by name. */
  loads: Map<string, PackageLoadItem>;
  onChange: (packages: PackageRequest[]) => void;
}

/**
 * A module's packages in load order. Entries are reordered by dragging or,
 * from the keyboard, with the up and down buttons.
 */
export function PackageListEditor(props: IPackageListEditorProps): JSX.Element {
  const { packages, editable, loads, onChange } = props;
  const dragged = useRef<number | null>(null);
  if (packages.length === 0) {
    return (
      <p className="jp-TutorPackages-message">This module needs no packages.</p>
    );
  }
  return (
    <ol className="jp-TutorPackages-list">
      {packages.map((entry, index) => (
        <li
          key={entry.name}
          className="jp-TutorPackages-item"
          data-package={entry.name}
          draggable={editable}
          onDragStart={event => {
            dragged.current = index;
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData('text/plain', entry.name);
          }}
          onDragOver={event => {
            if (dragged.current !== null) {
              event.preventDefault();
            }
          }}
          onDrop={event => {
            event.preventDefault();
            if (dragged.current !== null) {
              onChange(movePackage(packages, dragged.current, index));
            }
            dragged.current = null;
          }}
          onDragEnd={() => {
            dragged.current = null;
          }}
        >
          <span className="jp-TutorPackages-name">
            {entry.name}
            {entry.version && (
              <span className="jp-TutorPackages-version">{entry.version}</span>
            )}
          </span>
          <LoadState item={loads.get(entry.name)} />
          <label className="jp-TutorPackages-requiredLabel">
            <input
              type="checkbox"
              className="jp-TutorPackages-required"
              checked={entry.required}
              disabled={!editable}
              onChange={event =>
                onChange(setRequired(packages, index, event.target.checked))
              }
            />
            Required
          </label>
          {editable && (
            <span className="jp-TutorPackages-itemActions">
              <button
                type="button"
                className="jp-TutorPackages-up jp-Button jp-mod-minimal"
                aria-label={`Move ${entry.name} up`}
                title="Load earlier"
                disabled={index === 0}
                onClick={() =>
                  onChange(movePackage(packages, index, index - 1))
                }
              >
                ↑
              </button>
              <button
                type="button"
                className="jp-TutorPackages-down jp-Button jp-mod-minimal"
                aria-label={`Move ${entry.name} down`}
                title="Load later"
                disabled={index === packages.length - 1}
                onClick={() =>
                  onChange(movePackage(packages, index, index + 1))
                }
              >
                ↓
              </button>
              <button
                type="button"
                className="jp-TutorPackages-remove jp-Button jp-mod-minimal"
                aria-label={`Remove ${entry.name}`}
                title="Remove"
                onClick={() => onChange(removePackage(packages, index))}
              >
                ×
              </button>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

function LoadState(props: {
  item: PackageLoadItem | undefined;
}): JSX.Element | null {
  const { item } = props;
  if (!item) {
    return null;
  }
  return (
    <span
      className="jp-TutorPackages-state"
      data-state={item.status}
      title={item.error ?? item.status}
    >
      {item.status === 'loaded' && item.version
        ? `loaded ${item.version}`
        : item.status}
    </span>
  );
}
