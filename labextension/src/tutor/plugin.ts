import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, IThemeManager } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { addAskInstructor } from '../help/tutorSection';
import { IHelpService } from '../help/token';
import { IModuleService } from '../modules/service';
import { addPolicyBanner } from '../policy/tutorSection';
import { IPolicyService } from '../policy/service';
import { askAboutError, inModuleNotebook } from './askAboutError';
import { askTutorRendererFactory } from './askTutorRenderer';
import { CellContext } from './cellContext';
import { TutorCommandIDs } from './commands';
import { tutorChatIcon } from './icon';
import { TutorPanel } from './TutorPanel';
import { ITutorService } from './service';

export const tutorPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-tutor:tutor',
  description:
    'The AI tutor in the right sidebar, and "Ask the tutor" on error outputs.',
  autoStart: true,
  requires: [
    ITutorService,
    IModuleService,
    INotebookTracker,
    IRenderMimeRegistry
  ],
  optional: [
    ILayoutRestorer,
    ICommandPalette,
    IThemeManager,
    ILabShell,
    IHelpService,
    IPolicyService
  ],
  activate: (
    app: JupyterFrontEnd,
    tutor: ITutorService,
    modules: IModuleService,
    tracker: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    themeManager: IThemeManager | null,
    labShell: ILabShell | null,
    help: IHelpService | null,
    policy: IPolicyService | null
  ): void => {
    const cellContext = new CellContext(tracker);
    const panel = new TutorPanel({
      tutor,
      tracker,
      cellContext,
      rendermime,
      themeManager
    });
    panel.id = 'jupyter-tutor-panel';
    panel.title.icon = tutorChatIcon;
    panel.title.caption = 'AI tutor';
    app.shell.add(panel, 'right', { rank: 600 });
    restorer?.add(panel, panel.id);
    if (policy) {
      addPolicyBanner(panel, policy);
    }
    if (help) {
      const show = () => app.shell.activateById(panel.id);
      addAskInstructor(panel, help, cellContext, rendermime, show);
    }

    // A module opened for the first time brings the tutor beside it, so a new
    // student sees where help is; a right sidebar already in use stays as it is.
    modules.moduleOpened.connect((_, opened) => {
      if (opened.created && labShell?.rightCollapsed !== false) {
        app.shell.activateById(panel.id);
      }
    });

    app.commands.addCommand(TutorCommandIDs.openTutor, {
      label: 'Open AI Tutor',
      caption: 'Ask the AI tutor about the current learning module',
      icon: tutorChatIcon,
      execute: () => app.shell.activateById(panel.id)
    });
    palette?.addItem({
      command: TutorCommandIDs.openTutor,
      category: 'Jupyter Tutor'
    });

    // Notebooks copy the registry when they open: this reaches every
    // notebook opened from now on, including the restored ones.
    rendermime.addFactory(
      askTutorRendererFactory(rendermime, {
        canAsk: node => inModuleNotebook(tracker, node),
        ask: node => askAboutError(app, tracker, cellContext, panel.id, node)
      })
    );
  }
};
