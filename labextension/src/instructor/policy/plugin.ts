import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { teachingCommand } from '../../backend/teaching';
import { IClientConfig } from '../../backend/token';
import { IPolicyService } from '../../policy/service';
import { notebookModule } from '../../tutor/notebookModule';
import { PolicyEditor } from './PolicyEditor';

/** Commands of the AI policy editor. */
export const PolicyCommandIDs = {
  setPolicy: 'jupyter-tutor:set-ai-policy'
} as const;

/**
 * "Set AI Policy…": the policy editor of the current notebook's module (or
 * the `module_id` argument) in the main area, for instructors and admins.
 * Without a server (`IPolicyService` not provided) there is none.
 */
export const policyEditorPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-tutor:policy-editor',
  description: "The instructor's AI policy editor of a module.",
  autoStart: true,
  requires: [IClientConfig, INotebookTracker],
  optional: [IPolicyService, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    config: IClientConfig,
    tracker: INotebookTracker,
    policy: IPolicyService | null,
    palette: ICommandPalette | null
  ): void => {
    if (policy === null) {
      return; // a site without a server has no instructor's policy
    }
    const teaches = teachingCommand(
      config,
      palette,
      PolicyCommandIDs.setPolicy
    );

    const moduleIdOf = (args: { module_id?: unknown }): string | null => {
      if (typeof args.module_id === 'string') {
        return args.module_id;
      }
      const model = tracker.currentWidget?.context.model;
      return model ? (notebookModule(model)?.id ?? null) : null;
    };

    let open: MainAreaWidget<PolicyEditor> | null = null;
    app.commands.addCommand(PolicyCommandIDs.setPolicy, {
      label: 'Set AI Policy…',
      caption: 'Switch the tutor off, to hints or to full help for this module',
      isVisible: teaches,
      isEnabled: args => moduleIdOf(args) !== null,
      execute: args => {
        const moduleId = moduleIdOf(args);
        if (moduleId === null) {
          return;
        }
        if (open === null || open.isDisposed) {
          const content = new PolicyEditor({ policy, moduleId });
          open = new MainAreaWidget({ content });
          open.id = 'jupyter-tutor-policy-editor';
          open.title.label = 'AI policy';
          open.title.closable = true;
          app.shell.add(open, 'main');
        } else {
          open.content.showModule(moduleId);
        }
        app.shell.activateById(open.id);
      }
    });
  }
};
