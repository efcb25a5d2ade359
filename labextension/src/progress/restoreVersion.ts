import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { CommandRegistry } from '@lumino/commands';
import { errorMessage } from '../backend/errors';
import { ModuleCommandIDs } from '../modules/commands';
import { describeSnapshot, SavedVersions } from './SavedVersions';
import { IProgressService } from './service';

/**
 * Let the student bring back a kept state of a module's notebook: choose
 * one, save the open working copy first (so the work it replaces is kept
 * too), restore it, and reopen the module, which loads it into the
 * notebook.
 */
export async function restoreSavedVersion(
  progress: IProgressService,
  commands: CommandRegistry,
  moduleId: string,
  saveOpenWork: () => Promise<void>
): Promise<void> {
  try {
    const snapshots = await progress.listSnapshots(moduleId);
    if (snapshots.length === 0) {
      Notification.info(
        'No earlier versions of this module are saved yet: they appear once your work has been saved more than once.',
        { autoClose: 5000 }
      );
      return;
    }
    const choice = await showDialog({
      title: 'Saved versions',
      body: new SavedVersions(snapshots),
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: 'Restore' })]
    });
    if (!choice.button.accept || choice.value === null) {
      return;
    }
    await saveOpenWork();
    const { version } = await progress.getProgress(moduleId);
    await progress.restoreSnapshot(moduleId, choice.value, version);
    await commands.execute(ModuleCommandIDs.openModule, { id: moduleId });
    const restored = snapshots.find(one => one.id === choice.value)!;
    Notification.success(
      `Restored: ${describeSnapshot(restored)}. The work it replaced is in the saved versions.`,
      { autoClose: 5000 }
    );
  } catch (reason) {
    Notification.error(
      `Could not restore the saved version: ${errorMessage(reason)}`
    );
  }
}
