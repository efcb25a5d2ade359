import { Notification } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { OpenedModule } from '../backend/types';
import { IModuleService } from './service';

/**
 * Open the student's working copy of a module, creating or restoring it first.
 */
export async function openModule(
  modules: IModuleService,
  docManager: IDocumentManager,
  id: string
): Promise<void> {
  const opened = await modules.openModule(id);
  if (opened.restored) {
    // Keep the notice up when it names a backup: the student may need the path.
    Notification.info(restoredMessage(opened), {
      autoClose: opened.backup_path ? false : 5000
    });
  }
  docManager.openOrReveal(opened.path);
}

function restoredMessage(opened: OpenedModule): string {
  const restored = 'Your saved work was restored.';
  return opened.backup_path
    ? `${restored} Your previous copy is kept at ${opened.backup_path}.`
    : restored;
}
