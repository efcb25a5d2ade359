import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget } from '@jupyterlab/apputils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { teachingCommand } from '../backend/teaching';
import { IClientConfig } from '../backend/token';
import { IModuleService } from '../modules/service';
import { HelpCommandIDs } from './commands';
import { HelpQueuePanel } from './HelpQueuePanel';
import { IHelpService } from './token';

// A module card of the module browser; the queue opens for its module.
const MODULE_CARD = '.jp-TutorModuleCard[data-module-id]';

/**
 * The instructor's help queue: a main-area panel, opened from the command
 * palette or a module card's context menu (instructors and admins only).
 * Without a server (`IHelpService` not provided) there is none.
 */
export const helpQueuePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-tutor:help-queue',
  description:
    "The instructor's help queue: students' questions, answered in Markdown.",
  autoStart: true,
  requires: [IModuleService, IRenderMimeRegistry, IClientConfig],
  optional: [IHelpService, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    modules: IModuleService,
    rendermime: IRenderMimeRegistry,
    config: IClientConfig,
    help: IHelpService | null,
    palette: ICommandPalette | null
  ): void => {
    if (help === null) {
      return; // a site without a server keeps no help queue
    }
    const teaches = teachingCommand(
      config,
      palette,
      HelpCommandIDs.openHelpQueue
    );

    let open: MainAreaWidget<HelpQueuePanel> | null = null;
    app.commands.addCommand(HelpCommandIDs.openHelpQueue, {
      label: args =>
        args.from_card ? 'Open Help Queue of This Module' : 'Open Help Queue',
      caption: "Read and answer students' questions to their instructor",
      isVisible: teaches,
      execute: args => {
        const moduleId = moduleIdOf(app, args);
        if (open === null || open.isDisposed) {
          const content = new HelpQueuePanel({
            help,
            rendermime,
            modules: () => modules.listModules(),
            moduleId: moduleId ?? undefined
          });
          open = new MainAreaWidget({ content });
          open.id = 'jupyter-tutor-help-queue';
          open.title.label = 'Help queue';
          open.title.closable = true;
          app.shell.add(open, 'main');
        } else if (moduleId !== null) {
          open.content.showModule(moduleId);
        }
        app.shell.activateById(open.id);
      }
    });
    app.contextMenu.addItem({
      command: HelpCommandIDs.openHelpQueue,
      args: { from_card: true },
      selector: MODULE_CARD
    });
  }
};

/** The module asked for: the command's argument, or the card right-clicked. */
function moduleIdOf(
  app: JupyterFrontEnd,
  args: { module_id?: unknown; from_card?: unknown }
): string | null {
  if (typeof args.module_id === 'string') {
    return args.module_id;
  }
  const card = args.from_card
    ? app.contextMenuHitTest(node => node.matches(MODULE_CARD))
    : undefined;
  return card?.getAttribute('data-module-id') ?? null;
}
