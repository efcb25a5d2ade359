import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import React from 'react';
import { errorMessage } from '../backend/errors';
import { IClientConfig } from '../backend/token';
import {
  CatalogPackage,
  PackageRequest,
  PackageSet,
  Role
} from '../backend/types';
import { CatalogSearch } from './CatalogSearch';
import {
  IPackageListSource,
  packageListSource,
  StoredPackageList
} from './listSource';
import { LoadAnalytics } from './LoadAnalytics';
import { LoadProgressBar } from './LoadProgressBar';
import { PackageLoaders } from './packageLoaders';
import { PackageListEditor } from './PackageListEditor';
import { addPackages } from './packageList';
import {
  IPackageDetector,
  IPackageLoadAnalytics,
  IPackageService
} from './service';

/** A list as stored, and as being edited in the panel. */
type Draft = {
  stored: StoredPackageList;
  packages: PackageRequest[];
  /** What the last action did, or why it failed. */
  notice: { text: string; isError: boolean } | null;
  busy: boolean;
};

/**
 * The packages of the active notebook: those who may edit its list (an
 * instructor for a module, the owner for any other notebook) search the
 * catalog, apply a set, detect from code, reorder and save; everyone sees
 * how the packages loaded in the notebook's kernel, and instructors how
 * they load for all students.
 *
 * Unsaved edits are kept per list while the panel lives.
 */
export class PackagesPanel extends ReactWidget {
  constructor(
    private readonly _tracker: INotebookTracker,
    private readonly _loaders: PackageLoaders,
    private readonly _services: PackagesPanel.IServices
  ) {
    super();
    this.addClass('jp-TutorPackages');
    _tracker.currentChanged.connect(() => void this._follow(), this);
    _loaders.changed.connect(this._onLoaderChanged, this);
    void this._follow();
    _services.config
      .getConfig()
      .then(config => {
        this._role = config.role;
        this.update();
      })
      .catch(() => undefined);
  }

  private async _follow(): Promise<void> {
    const notebook = this._tracker.currentWidget;
    const request = ++this._latestFollow;
    await notebook?.context.ready.catch(() => undefined);
    if (request !== this._latestFollow) {
      return;
    }
    this._notebook = notebook;
    this._source =
      notebook && !notebook.isDisposed && notebook.context.isReady
        ? packageListSource(this._services.packages, notebook)
        : null;
    this.update();
    if (this._source && !this._drafts.has(this._source.key)) {
      await this._load(this._source);
    }
  }

  private async _load(source: IPackageListSource): Promise<void> {
    this._loadError = null;
    try {
      const [stored, sets] = await Promise.all([
        source.load(),
        this._sets ?? this._services.packages.packageSets()
      ]);
      this._sets = sets;
      this._drafts.set(source.key, {
        stored,
        packages: stored.packages,
        notice: null,
        busy: false
      });
    } catch (reason) {
      this._loadError = errorMessage(reason);
    }
    this.update();
  }

  protected render(): JSX.Element {
    const source = this._source;
    if (source === null) {
      return (
        <p className="jp-TutorPackages-message">
          Open a notebook to see its packages.
        </p>
      );
    }
    const draft = this._drafts.get(source.key);
    const loader = this._notebook ? this._loaders.get(this._notebook) : null;
    const loads = new Map(
      (loader?.state?.items ?? []).map(item => [item.name, item])
    );
    return (
      <>
        <h2 className="jp-TutorPackages-heading">Packages: {source.title}</h2>
        {loader?.state && <LoadProgressBar state={loader.state} />}
        {this._loadError !== null && (
          <p className="jp-TutorPackages-error" role="alert">
            Could not load the package list: {this._loadError}
          </p>
        )}
        {draft === undefined ? (
          this._loadError === null && (
            <p className="jp-TutorPackages-message">Loading the list…</p>
          )
        ) : (
          <>
            {this._renderStoredNotes(source, draft.stored)}
            {draft.stored.can_edit && this._renderEditTools(source, draft)}
            <PackageListEditor
              packages={draft.packages}
              editable={draft.stored.can_edit}
              loads={loads}
              onChange={packages => this._edit(source.key, { packages })}
            />
            {draft.stored.can_edit && this._renderSave(source, draft)}
          </>
        )}
        {this._services.analytics &&
          this._role !== null &&
          this._role !== 'learner' && (
            <LoadAnalytics analytics={this._services.analytics} />
          )}
      </>
    );
  }

  private _renderStoredNotes(
    source: IPackageListSource,
    stored: StoredPackageList
  ): JSX.Element {
    return (
      <>
        {stored.is_default && (
          <p className="jp-TutorPackages-message">
            {source.loadsDefault
              ? 'This module sets no list, so the default packages apply.'
              : 'This notebook declares no packages. Save a list to have them checked when its kernel starts.'}
          </p>
        )}
        {stored.problems.length > 0 && (
          <ul className="jp-TutorPackages-problems">
            {stored.problems.map(problem => (
              <li key={problem.index}>
                Left out entry {problem.index + 1}: {problem.reason}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }

  private _renderEditTools(
    source: IPackageListSource,
    draft: Draft
  ): JSX.Element {
    return (
      <>
        <CatalogSearch
          packages={draft.packages}
          service={this._services.packages}
          onAdd={entry => this._add(source.key, entry)}
        />
        <div className="jp-TutorPackages-tools">
          {this._sets !== null && this._sets.length > 0 && (
            <select
              className="jp-TutorPackages-set jp-mod-styled"
              aria-label="Apply a package set"
              value=""
              title="Add the packages of a set that the list lacks"
              onChange={event => this._applySet(source.key, event.target.value)}
            >
              <option value="">Apply a package set…</option>
              {this._sets.map(set => (
                <option key={set.id} value={String(set.id)}>
                  {set.name}
                </option>
              ))}
            </select>
          )}
          {this._services.detector && (
            <button
              type="button"
              className="jp-TutorPackages-detect jp-Button jp-mod-styled"
              title="Add the packages the notebook's code imports"
              disabled={draft.busy}
              onClick={() => void this._detect(source.key)}
            >
              Detect from code
            </button>
          )}
        </div>
      </>
    );
  }

  private _renderSave(source: IPackageListSource, draft: Draft): JSX.Element {
    const changed =
      JSON.stringify(draft.packages) !== JSON.stringify(draft.stored.packages);
    return (
      <div className="jp-TutorPackages-footer">
        <button
          type="button"
          className="jp-TutorPackages-save jp-Button jp-mod-styled jp-mod-accept"
          disabled={draft.busy || (!changed && !draft.stored.is_default)}
          onClick={() => void this._save(source)}
        >
          Save
        </button>
        {draft.notice && (
          <p
            className={
              draft.notice.isError
                ? 'jp-TutorPackages-error'
                : 'jp-TutorPackages-notice'
            }
            role={draft.notice.isError ? 'alert' : 'status'}
          >
            {draft.notice.text}
          </p>
        )}
      </div>
    );
  }

  private _add(key: string, entry: CatalogPackage): void {
    const draft = this._drafts.get(key);
    if (draft) {
      this._edit(key, {
        packages: addPackages(draft.packages, [
          { name: entry.name, required: true }
        ])
      });
    }
  }

  private _applySet(key: string, setId: string): void {
    const set = this._sets?.find(candidate => String(candidate.id) === setId);
    const draft = this._drafts.get(key);
    if (set && draft) {
      this._edit(key, {
        packages: addPackages(draft.packages, set.packages),
        notice: { text: `Applied the set ${set.name}.`, isError: false }
      });
    }
  }

  private async _detect(key: string): Promise<void> {
    const draft = this._drafts.get(key);
    const model = this._notebook?.content.model;
    const detector = this._services.detector;
    if (!draft || !model || !detector) {
      return;
    }
    const cells: string[] = [];
    for (const cell of model.cells) {
      if (cell.type === 'code') {
        cells.push(cell.sharedModel.getSource());
      }
    }
    this._edit(key, { busy: true, notice: null });
    try {
      const proposed = await detector.detectPackages(cells, draft.packages);
      const current = this._drafts.get(key) ?? draft;
      this._edit(key, {
        busy: false,
        packages: addPackages(current.packages, proposed),
        notice: {
          text: proposed.length
            ? `Added from the code: ${proposed.map(entry => entry.name).join(', ')}.`
            : 'The code imports nothing the list lacks.',
          isError: false
        }
      });
    } catch (reason) {
      this._edit(key, {
        busy: false,
        notice: {
          text: `Could not detect packages: ${errorMessage(reason)}`,
          isError: true
        }
      });
    }
  }

  private async _save(source: IPackageListSource): Promise<void> {
    const key = source.key;
    const draft = this._drafts.get(key);
    if (!draft) {
      return;
    }
    this._edit(key, { busy: true, notice: null });
    try {
      const packages = await source.save(draft.packages);
      this._edit(key, {
        busy: false,
        packages,
        stored: { ...draft.stored, packages, problems: [], is_default: false },
        notice: { text: 'Saved.', isError: false }
      });
      this._loaders.reload(key);
    } catch (reason) {
      // A 400 lists each problem in its message, in words.
      this._edit(key, {
        busy: false,
        notice: {
          text: `Could not save: ${errorMessage(reason)}`,
          isError: true
        }
      });
    }
  }

  private _edit(key: string, change: Partial<Draft>): void {
    const draft = this._drafts.get(key);
    if (draft) {
      this._drafts.set(key, { ...draft, ...change });
      this.update();
    }
  }

  private _onLoaderChanged(): void {
    if (this._notebook && this.isVisible) {
      this.update();
    }
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.update();
  }

  private readonly _drafts = new Map<string, Draft>();
  private _sets: PackageSet[] | null = null;
  private _notebook: NotebookPanel | null = null;
  private _source: IPackageListSource | null = null;
  private _role: Role | null = null;
  private _loadError: string | null = null;
  private _latestFollow = 0;
}

export namespace PackagesPanel {
  /** Where the panel reads and saves; detection and analytics need a server. */
  export interface IServices {
    packages: IPackageService;
    config: IClientConfig;
    detector: IPackageDetector | null;
    analytics: IPackageLoadAnalytics | null;
  }
}
