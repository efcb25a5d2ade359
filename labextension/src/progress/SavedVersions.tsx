import { Dialog } from '@jupyterlab/apputils';
import { ReactWidget } from '@jupyterlab/ui-components';
import React from 'react';
import { parseTimestamp } from '../backend/timestamps';
import { Snapshot } from '../backend/types';

/**
 * The body of the "Saved versions" dialog: the kept states of a module's
 * notebook, newest first, one of them chosen (the newest at first).
 */
export class SavedVersions
  extends ReactWidget
  implements Dialog.IBodyWidget<number>
{
  constructor(private readonly _snapshots: Snapshot[]) {
    super();
    this.addClass('jp-TutorSavedVersions');
    this._chosen = _snapshots[0].id;
  }

  /** The id of the chosen snapshot. */
  getValue(): number {
    return this._chosen;
  }

  protected render(): JSX.Element {
    return (
      <fieldset className="jp-TutorSavedVersions-list">
        <legend>
          Choose a version to bring back. The work you have now is kept as a
          saved version too.
        </legend>
        {this._snapshots.map(snapshot => (
          <label
            key={snapshot.id}
            className="jp-TutorSavedVersions-item"
            data-snapshot-id={snapshot.id}
            data-reason={snapshot.reason}
          >
            <input
              type="radio"
              name="jp-TutorSavedVersions"
              defaultChecked={snapshot.id === this._chosen}
              onChange={() => {
                this._chosen = snapshot.id;
              }}
            />
            <span>{describeSnapshot(snapshot)}</span>
          </label>
        ))}
      </fieldset>
    );
  }

  private _chosen: number;
}

/** "Version 3, saved 1 Dec 14:05 (12 kB)" — or a copy kept aside. */
export function describeSnapshot(snapshot: Snapshot): string {
  const at = parseTimestamp(snapshot.created_at);
  const when = at
    ? at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    : 'at an unknown time';
  const size = `${Math.max(1, Math.round(snapshot.size_bytes / 1024))} kB`;
  return snapshot.reason === 'conflict'
    ? `Copy kept aside after a save from another tab or machine, ${when} (${size})`
    : `Version ${snapshot.version}, saved ${when} (${size})`;
}
