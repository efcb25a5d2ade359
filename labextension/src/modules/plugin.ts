import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { errorMessage } from '../backend/errors';
import { IExercises } from '../exercises/token';
import { IProgressService } from '../progress/service';
import { ModuleCommandIDs } from './commands';
import { tutorIcon } from './icon';
import { showModulesToNewStudent } from './firstScreen';
import { ModuleBrowser } from './ModuleBrowser';
import { openModule } from './openModule';
import { IModuleService } from './service';

export const modulesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-tutor:modules',
  description: 'The learning module browser in the left sidebar.',
  autoStart: true,
  requires: [IModuleService, IProgressService, IDocumentManager],
  optional: [ILayoutRestorer, ICommandPalette, IExercises],
  activate: (
    app: JupyterFrontEnd,
    modules: IModuleService,
    progress: IProgressService,
    docManager: IDocumentManager,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    exercises: IExercises | null
  ): void => {
    const browser = new ModuleBrowser(modules, progress, app.commands);
    // A recorded check changes the card's "n of m exercises passed".
    exercises?.checkRecorded.connect(() => browser.markStale());
    browser.id = 'jupyter-tutor-module-browser';
    browser.title.icon = tutorIcon;
    browser.title.label = 'Course';
    browser.title.caption = 'Learning modules: start here';
    app.shell.add(browser, 'left', { rank: 600 });
    restorer?.add(browser, browser.id);
    showModulesToNewStudent(app, modules, browser).catch(reason => {
      console.warn('jupyter-tutor: cannot read the modules.', reason);
    });

    app.commands.addCommand(ModuleCommandIDs.openModuleBrowser, {
      label: 'Show Learning Modules',
      caption: 'Show the learning modules in the left sidebar',
      icon: tutorIcon,
      execute: () => app.shell.activateById(browser.id)
    });

    app.commands.addCommand(ModuleCommandIDs.openModule, {
      label: 'Open Learning Module',
      caption: 'Open your copy of a learning module',
      describedBy: {
        args: {
          type: 'object',
          properties: {
            id: { type: 'string', description: 'The module id' }
          },
          required: ['id']
        }
      },
      isEnabled: args => typeof args.id === 'string',
      execute: async args => {
        try {
          await openModule(modules, docManager, args.id as string);
        } catch (reason) {
          Notification.error(
            `Could not open the module: ${errorMessage(reason)}`
          );
        }
      }
    });

    palette?.addItem({
      command: ModuleCommandIDs.openModuleBrowser,
      category: 'Jupyter Tutor'
    });
  }
};
