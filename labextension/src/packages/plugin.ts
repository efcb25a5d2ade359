import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ToolbarButton } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import { ITutorBackend } from '../backend/token';
import { PackageCommandIDs } from './commands';
import { packageListSource } from './listSource';
import { packagesIcon } from './icon';
import { PackageLoader } from './PackageLoader';
import { PackageLoaders } from './packageLoaders';
import { PackageProgress } from './PackageProgress';
import { PackagesPanel } from './PackagesPanel';
import {
  PipInstallPolicy,
  pipInstallPolicy,
  reportRequiredFailures
} from './installOffer';

const PLUGIN_ID = 'jupyter-tutor:packages';

export const packagesPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    "A notebook's package list in the right sidebar, and checking that the kernel has them.",
  autoStart: true,
  requires: [ITutorBackend, INotebookTracker],
  optional: [ISettingRegistry, ILayoutRestorer, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    backend: ITutorBackend,
    tracker: INotebookTracker,
    settingRegistry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null
  ): void => {
    const loaders = new PackageLoaders();
    const panel = new PackagesPanel(backend, tracker, loaders);
    panel.id = 'jupyter-tutor-packages';
    panel.title.icon = packagesIcon;
    panel.title.caption = 'Notebook packages';
    app.shell.add(panel, 'right', { rank: 650 });
    restorer?.add(panel, panel.id);

    let policy: PipInstallPolicy = 'ask';
    settingRegistry
      ?.load(PLUGIN_ID)
      .then(settings => {
        const read = () => {
          policy = pipInstallPolicy(settings.get('pipInstall').composite);
        };
        read();
        settings.changed.connect(read);
      })
      .catch(reason => {
        console.error(
          'jupyter-tutor: cannot load the package settings.',
          reason
        );
      });

    app.commands.addCommand(PackageCommandIDs.openPackages, {
      label: 'Show Notebook Packages',
      caption: 'Show the packages the current notebook needs',
      icon: packagesIcon,
      execute: () => app.shell.activateById(panel.id)
    });
    palette?.addItem({
      command: PackageCommandIDs.openPackages,
      category: 'Jupyter Tutor'
    });

    const track = async (notebook: NotebookPanel): Promise<void> => {
      await notebook.context.ready;
      if (notebook.isDisposed || loaders.get(notebook)) {
        return;
      }
      const loader = new PackageLoader({
        backend,
        panel: notebook,
        source: packageListSource(backend, notebook),
        onRequiredFailed: (failed, failedLoader) =>
          reportRequiredFailures(failed, failedLoader, policy)
      });
      loaders.add(notebook, loader);
      // Before the spacer: narrow toolbars fold their last items away.
      const items: [string, Widget][] = [
        [
          'tutorPackages',
          new ToolbarButton({
            className: 'jp-TutorPackages-open',
            icon: packagesIcon,
            label: 'Packages',
            tooltip: "Show this notebook's packages",
            onClick: () => {
              // The panel shows the list of the current notebook.
              app.shell.activateById(notebook.id);
              app.shell.activateById(panel.id);
            }
          })
        ],
        ['tutorPackageProgress', new PackageProgress(loader)]
      ];
      for (const [name, item] of items) {
        if (!notebook.toolbar.insertBefore('spacer', name, item)) {
          notebook.toolbar.addItem(name, item);
        }
      }
    };
    tracker.forEach(notebook => void track(notebook));
    tracker.widgetAdded.connect((_, notebook) => void track(notebook));
  }
};
