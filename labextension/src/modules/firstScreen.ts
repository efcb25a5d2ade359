import { JupyterFrontEnd } from '@jupyterlab/application';
import { Widget } from '@lumino/widgets';
import { ModuleSummary } from '../backend/types';
import { IModuleService } from './service';

/** A student who has not opened a module yet: the course is where they begin. */
export function isNewStudent(modules: ModuleSummary[]): boolean {
  return modules.length > 0 && modules.every(m => m.status === 'not_started');
}

/**
 * Once the application has restored its layout, show a new student the module
 * browser instead of the file browser. A student who has started a module
 * keeps the layout they left, and one who already opened another panel keeps
 * that.
 */
export async function showModulesToNewStudent(
  app: JupyterFrontEnd,
  modules: IModuleService,
  browser: Widget
): Promise<void> {
  await app.restored;
  const shownAtRestore = shownInLeftArea(app);
  if (!isNewStudent(await modules.listModules())) {
    return;
  }
  if (shownInLeftArea(app) === shownAtRestore) {
    app.shell.activateById(browser.id);
  }
}

function shownInLeftArea(app: JupyterFrontEnd): Widget | null {
  for (const widget of app.shell.widgets('left')) {
    if (widget.isVisible) {
      return widget;
    }
  }
  return null;
}
