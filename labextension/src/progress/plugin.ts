import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { CommandRegistry } from '@lumino/commands';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { errorMessage } from '../backend/errors';
import { IClientConfig } from '../backend/token';
import { IModuleService } from '../modules/service';
import { WorkingCopyAutosave } from './autosave';
import { autosaveIntervalSeconds } from './autosaveInterval';
import { ProgressCommandIDs } from './commands';
import { ModuleStatuses } from './moduleStatuses';
import { saveOnPageExit } from './pageExit';
import { restoreSavedVersion } from './restoreVersion';
import { SaveStatus } from './SaveStatus';
import { IProgressService } from './service';
import { workingCopyModuleId } from './workingCopy';

const PLUGIN_ID = 'jupyter-tutor:progress';

export const progressPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Auto-saves module working copies to the student progress.',
  autoStart: true,
  requires: [
    IProgressService,
    IModuleService,
    IClientConfig,
    INotebookTracker,
    ISettingRegistry
  ],
  optional: [ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    progress: IProgressService,
    modules: IModuleService,
    config: IClientConfig,
    tracker: INotebookTracker,
    settingRegistry: ISettingRegistry,
    palette: ICommandPalette | null
  ): void => {
    const autosaves = new Map<NotebookPanel, WorkingCopyAutosave>();
    let intervalSeconds = autosaveIntervalSeconds(null, null);

    const track = async (panel: NotebookPanel): Promise<void> => {
      await panel.context.ready;
      const moduleId = workingCopyModuleId(panel.context.model);
      if (panel.isDisposed || autosaves.has(panel) || moduleId === null) {
        return;
      }
      const autosave = new WorkingCopyAutosave({
        modules,
        progress,
        panel,
        moduleId,
        intervalSeconds
      });
      autosaves.set(panel, autosave);
      const status = new SaveStatus(autosave);
      if (!panel.toolbar.insertAfter('spacer', 'tutorSaveStatus', status)) {
        panel.toolbar.addItem('tutorSaveStatus', status);
      }
      panel.disposed.connect(() => {
        autosaves.delete(panel);
        autosave.dispose();
      });
    };

    // Start once the interval is known; notebooks opened meanwhile are
    // picked up from the tracker.
    void Promise.all([
      settingRegistry.load(PLUGIN_ID).catch(reason => {
        console.error('jupyter-tutor: cannot load the settings.', reason);
        return null;
      }),
      config.getConfig().catch(reason => {
        console.warn('jupyter-tutor: cannot load the course config.', reason);
        return null;
      })
    ]).then(([settings, config]) => {
      intervalSeconds = autosaveIntervalSeconds(settings, config);
      settings?.changed.connect(() => {
        intervalSeconds = autosaveIntervalSeconds(settings, config);
        autosaves.forEach(autosave => {
          autosave.intervalSeconds = intervalSeconds;
        });
      });
      tracker.forEach(panel => void track(panel));
      tracker.widgetAdded.connect((_, panel) => void track(panel));
    });

    saveOnPageExit(() => autosaves.values());

    const current = (): WorkingCopyAutosave | null => {
      const panel = tracker.currentWidget;
      return (panel && autosaves.get(panel)) ?? null;
    };

    /** Save the module's open working copies, so an action sees the latest work. */
    const saveOpenCopies = async (id: string): Promise<void> => {
      for (const autosave of autosaves.values()) {
        if (autosave.moduleId === id) {
          await autosave.save();
        }
      }
    };

    const statuses = new ModuleStatuses(modules, progress);
    void app.restored
      .then(() => statuses.refresh())
      .catch(reason => {
        console.warn('jupyter-tutor: cannot read the module statuses.', reason);
      });

    /** The module a command is about: the one named by `id`, else the current notebook's. */
    const moduleOf = (args: ReadonlyPartialJSONObject): string | null =>
      typeof args.id === 'string' ? args.id : (current()?.moduleId ?? null);

    const moduleCommand = (
      label: string,
      caption: string,
      run: (id: string) => Promise<void>,
      applies: (id: string) => boolean = () => true
    ): CommandRegistry.ICommandOptions => {
      const offered = (args: ReadonlyPartialJSONObject): boolean => {
        const id = moduleOf(args);
        return id !== null && applies(id);
      };
      return {
        label,
        caption: `${caption} (by default the one of the current notebook)`,
        describedBy: {
          args: {
            type: 'object',
            properties: {
              id: {
                type: 'string',
                description: 'The module id; the current notebook’s if omitted'
              }
            }
          }
        },
        isEnabled: offered,
        isVisible: offered,
        execute: async args => {
          const id = moduleOf(args);
          if (id !== null) {
            await run(id);
          }
        }
      };
    };

    app.commands.addCommand(
      ProgressCommandIDs.markCompleted,
      moduleCommand(
        'Mark Module Completed',
        'Mark a learning module completed',
        async id => {
          try {
            // Store the latest work along with the completion.
            await saveOpenCopies(id);
            await progress.saveProgress(id, { status: 'completed' });
            Notification.success('Module marked completed.', {
              autoClose: 3000
            });
          } catch (reason) {
            Notification.error(
              `Could not mark the module completed: ${errorMessage(reason)}`
            );
          }
        },
        // Only a module the student has opened has work to complete.
        id => statuses.status(id) === 'in_progress'
      )
    );

    app.commands.addCommand(
      ProgressCommandIDs.restoreSavedVersion,
      moduleCommand(
        'Restore a Saved Version of the Module…',
        'Bring back an earlier saved state of a learning module',
        id =>
          restoreSavedVersion(progress, app.commands, id, () =>
            saveOpenCopies(id)
          )
      )
    );

    app.commands.addCommand(ProgressCommandIDs.saveProgress, {
      label: 'Save Module Progress',
      caption: 'Save the current module notebook to your progress now',
      isEnabled: () => {
        const autosave = current();
        return autosave !== null && !autosave.isHalted;
      },
      execute: () => current()?.saveNow()
    });

    for (const command of [
      ProgressCommandIDs.markCompleted,
      ProgressCommandIDs.restoreSavedVersion,
      ProgressCommandIDs.saveProgress
    ]) {
      palette?.addItem({ command, category: 'Jupyter Tutor' });
    }
  }
};
