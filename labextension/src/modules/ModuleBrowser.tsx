import { ReactWidget, refreshIcon } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { Message } from '@lumino/messaging';
import React from 'react';
import { errorMessage } from '../backend/errors';
import { IProgressService } from '../progress/service';
import { ModuleSummary } from '../backend/types';
import { InstructorCommandIDs } from '../instructor/commands';
import { ProgressCommandIDs } from '../progress/commands';
import { ModuleCommandIDs } from './commands';
import { isNewStudent } from './firstScreen';
import { ModuleCard } from './ModuleCard';
import { IModuleService } from './service';

/**
 * The left-sidebar list of learning modules with the student's status.
 *
 * It reloads whenever this client changes progress, but only while it is
 * visible: when hidden it remembers to reload on the next show.
 */
export class ModuleBrowser extends ReactWidget {
  constructor(
    private readonly _service: IModuleService,
    progress: IProgressService,
    private readonly _commands: CommandRegistry
  ) {
    super();
    this.addClass('jp-TutorModuleBrowser');
    progress.progressChanged.connect(this.markStale, this);
    // The dashboard's button shows once the user's role is known.
    _commands.commandChanged.connect((_, change) => {
      if (change.id === InstructorCommandIDs.openDashboard) {
        this.update();
      }
    }, this);
  }

  /** Reload the modules when next shown (now if visible): a count changed. */
  markStale(): void {
    this._stale = true;
    this._refreshIfStale();
  }

  /** Reload the modules now. */
  async refresh(): Promise<void> {
    const request = ++this._latestRequest;
    this._stale = false;
    this._loading = true;
    this.update();
    try {
      const modules = await this._service.listModules();
      if (request === this._latestRequest) {
        this._modules = modules;
        this._error = null;
      }
    } catch (reason) {
      if (request === this._latestRequest) {
        this._error = errorMessage(reason);
      }
    }
    if (request === this._latestRequest) {
      this._loading = false;
      this.update();
    }
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._refreshIfStale();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._refreshIfStale();
  }

  protected render(): JSX.Element {
    return (
      <>
        <div className="jp-TutorModuleBrowser-header">
          <h2 className="jp-TutorModuleBrowser-heading">Learning modules</h2>
          <button
            type="button"
            className="jp-TutorModuleBrowser-refresh jp-Button jp-mod-minimal"
            title="Refresh modules"
            aria-label="Refresh modules"
            disabled={this._loading}
            onClick={() => void this.refresh()}
          >
            <refreshIcon.react tag="span" />
          </button>
        </div>
        {this._renderBody()}
      </>
    );
  }

  private _renderBody(): JSX.Element {
    if (this._error !== null) {
      return (
        <div className="jp-TutorModuleBrowser-error" role="alert">
          <p>Could not load modules: {this._error}</p>
          <button
            type="button"
            className="jp-TutorModuleBrowser-retry jp-Button jp-mod-styled jp-mod-accept"
            disabled={this._loading}
            onClick={() => void this.refresh()}
          >
            Retry
          </button>
        </div>
      );
    }
    if (this._modules === null) {
      return <p className="jp-TutorModuleBrowser-message">Loading modules…</p>;
    }
    if (this._modules.length === 0) {
      return (
        <p className="jp-TutorModuleBrowser-message">
          No learning modules are available yet.
        </p>
      );
    }
    return (
      <>
        {isNewStudent(this._modules) && (
          <p className="jp-TutorModuleBrowser-startHere">
            Start here: open the first module. Your work is saved as you go, and
            the tutor helps when you are stuck.
          </p>
        )}
        {this._renderCards(this._modules)}
      </>
    );
  }

  private _renderCards(modules: ModuleSummary[]): JSX.Element {
    const dashboard = InstructorCommandIDs.openDashboard;
    const openDashboard = (id: string): void =>
      void this._commands.execute(dashboard, { id });
    const canOpenDashboard = (id: string): boolean =>
      this._commands.hasCommand(dashboard) &&
      this._commands.isVisible(dashboard, { id });
    return (
      <ul className="jp-TutorModuleBrowser-grid">
        {modules.map(module => (
          <ModuleCard
            key={module.id}
            module={module}
            onOpen={id =>
              void this._commands.execute(ModuleCommandIDs.openModule, { id })
            }
            onMarkCompleted={id =>
              void this._commands.execute(ProgressCommandIDs.markCompleted, {
                id
              })
            }
            onOpenDashboard={
              canOpenDashboard(module.id) ? openDashboard : undefined
            }
            onShowVersions={id =>
              void this._commands.execute(
                ProgressCommandIDs.restoreSavedVersion,
                { id }
              )
            }
          />
        ))}
      </ul>
    );
  }

  private _refreshIfStale(): void {
    if (this._stale && this.isVisible) {
      void this.refresh();
    }
  }

  private _modules: ModuleSummary[] | null = null;
  private _error: string | null = null;
  private _loading = false;
  private _stale = true;
  private _latestRequest = 0;
}
