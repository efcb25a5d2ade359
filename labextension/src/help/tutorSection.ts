import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { CellContext } from '../tutor/cellContext';
import { TutorPanel } from '../tutor/TutorPanel';
import { AnswerWatcher } from './answerWatcher';
import { AskInstructor } from './AskInstructor';
import { IHelpService } from './token';

/**
 * Put "Ask my instructor" at the bottom of the tutor panel, following the
 * panel's module; an answer arriving brings the panel forward on "Show".
 */
export function addAskInstructor(
  panel: TutorPanel,
  help: IHelpService,
  cellContext: CellContext,
  rendermime: IRenderMimeRegistry,
  show: () => void
): void {
  const watcher = new AnswerWatcher(help, show);
  const section = new AskInstructor({
    help,
    watcher,
    rendermime,
    context: () => cellContext.forQuestion()
  });
  section.setModule(panel.module);
  panel.moduleChanged.connect((_, module) => section.setModule(module));
  panel.addWidget(section);
  panel.disposed.connect(() => watcher.dispose());
}
