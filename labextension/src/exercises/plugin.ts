import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { isJupyterLite } from '../backend/lite/site';
import { workingCopyModuleId } from '../progress/workingCopy';
import { ExerciseCommandIDs } from './commands';
import { ExerciseCells } from './exerciseCells';
import { ServerExercises } from './server';
import { IExercises } from './token';

const exercisesPlugin: JupyterFrontEndPlugin<IExercises> = {
  id: 'jupyter-tutor:exercises',
  description:
    "Reads the modules' exercises from the jupyter-tutor server and records the student's check runs.",
  autoStart: true,
  provides: IExercises,
  activate: (app: JupyterFrontEnd): IExercises =>
    new ServerExercises(app.serviceManager.serverSettings)
};

const checkButtonPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-tutor:check-button',
  description:
    "A Check button on each exercise cell of a module notebook: runs the exercise's checks in the student's kernel.",
  autoStart: true,
  requires: [IExercises, INotebookTracker],
  optional: [ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    exercises: IExercises,
    tracker: INotebookTracker,
    palette: ICommandPalette | null
  ): void => {
    const cells = new Map<NotebookPanel, ExerciseCells>();
    const track = async (panel: NotebookPanel): Promise<void> => {
      await panel.context.ready;
      const moduleId = workingCopyModuleId(panel.context.model);
      if (panel.isDisposed || cells.has(panel) || moduleId === null) {
        return;
      }
      cells.set(panel, new ExerciseCells(panel, moduleId, exercises));
      panel.disposed.connect(() => {
        cells.get(panel)?.dispose();
        cells.delete(panel);
      });
    };
    tracker.forEach(panel => void track(panel));
    tracker.widgetAdded.connect((_, panel) => void track(panel));

    const current = (): ExerciseCells | null => {
      const panel = tracker.currentWidget;
      return (panel && cells.get(panel)) ?? null;
    };
    app.commands.addCommand(ExerciseCommandIDs.checkExercise, {
      label: 'Check Exercise',
      caption:
        "Run the checks of the current cell's exercise against your current work",
      isEnabled: () => current() !== null,
      execute: () => {
        current()?.checkActiveCell();
      }
    });
    palette?.addItem({
      command: ExerciseCommandIDs.checkExercise,
      category: 'Jupyter Tutor'
    });
  }
};

/**
 * The exercises' plugins. In a JupyterLite site `IExercises` comes from the
 * site's backend (`backend/plugin.ts`: the browser's store, or the remote
 * server), so only the Check button is added here.
 */
export function exercisePlugins(): JupyterFrontEndPlugin<unknown>[] {
  return isJupyterLite()
    ? [checkButtonPlugin]
    : [exercisesPlugin, checkButtonPlugin];
}
