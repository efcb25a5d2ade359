import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { editIcon } from '@jupyterlab/ui-components';
import { isJupyterLite } from '../../backend/lite/site';
import { IClientConfig } from '../../backend/token';
import { ExerciseEditorPanel } from './ExerciseEditorPanel';

export const EDIT_EXERCISE = 'jupyter-tutor:edit-exercise';

/**
 * The instructor's exercise editor: a right-sidebar panel for the active
 * cell's declaration and the "Edit Exercise" command. Learners never get
 * it (the role comes from the server's client config).
 */
const exerciseEditorPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-tutor:exercise-editor',
  description:
    "An editor for the exercise declared by a notebook's code cell, for instructors.",
  autoStart: true,
  requires: [IClientConfig, INotebookTracker, IRenderMimeRegistry],
  optional: [ICommandPalette, ILayoutRestorer],
  activate: async (
    app: JupyterFrontEnd,
    config: IClientConfig,
    tracker: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null
  ): Promise<void> => {
    const role = await config
      .getConfig()
      .then(value => value.role)
      .catch(() => 'learner');
    if (role === 'learner') {
      return;
    }
    const panel = new ExerciseEditorPanel(tracker, rendermime);
    panel.id = 'jupyter-tutor-exercise-editor';
    panel.title.icon = editIcon;
    panel.title.caption = 'Exercise editor';
    app.shell.add(panel, 'right', { rank: 660 });
    restorer?.add(panel, panel.id);

    app.commands.addCommand(EDIT_EXERCISE, {
      label: 'Edit Exercise',
      caption: "Edit the active code cell's exercise declaration",
      icon: editIcon,
      isEnabled: () => tracker.activeCell?.model.type === 'code',
      execute: () => {
        panel.declareOnActiveCell();
        app.shell.activateById(panel.id);
      }
    });
    palette?.addItem({ command: EDIT_EXERCISE, category: 'Jupyter Tutor' });
    app.contextMenu.addItem({
      command: EDIT_EXERCISE,
      selector: '.jp-Notebook .jp-CodeCell',
      rank: 20
    });
  }
};

/** The editor where the client config says who the user is (not on a Lite site yet). */
export function exerciseEditorPlugins(): JupyterFrontEndPlugin<void>[] {
  return isJupyterLite() ? [] : [exerciseEditorPlugin];
}
