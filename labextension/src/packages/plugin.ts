import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, IToolbarWidgetRegistry } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ToolbarButton } from '@jupyterlab/ui-components';
import { IClientConfig } from '../backend/token';
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
import {
  IPackageDetector,
  IPackageLoadAnalytics,
  IPackageService
} from './service';

const PLUGIN_ID = 'jupyter-tutor:packages';

export const packagesPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    "A notebook's package list in the right sidebar, and checking that the kernel has them.",
  autoStart: true,
  requires: [
    IPackageService,
    IClientConfig,
    INotebookTracker,
    IToolbarWidgetRegistry
  ],
  optional: [
    IPackageDetector,
    IPackageLoadAnalytics,
    ISettingRegistry,
    ILayoutRestorer,
    ICommandPalette
  ],
  activate: (
    app: JupyterFrontEnd,
    packages: IPackageService,
    config: IClientConfig,
    tracker: INotebookTracker,
    toolbarRegistry: IToolbarWidgetRegistry,
    detector: IPackageDetector | null,
    analytics: IPackageLoadAnalytics | null,
    settingRegistry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null
  ): void => {
    const loaders = new PackageLoaders();
    const panel = new PackagesPanel(tracker, loaders, {
      packages,
      config,
      detector,
      analytics
    });
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
        packages,
        analytics,
        panel: notebook,
        source: packageListSource(packages, notebook),
        onRequiredFailed: (failed, failedLoader) =>
          reportRequiredFailures(failed, failedLoader, policy)
      });
      loaders.add(notebook, loader);
    };
    tracker.forEach(notebook => void track(notebook));
    tracker.widgetAdded.connect((_, notebook) => void track(notebook));

    // Toolbar items through the registry, placed by this plugin's settings
    // schema, so the notebook toolbar folds them away when it is narrow.
    toolbarRegistry.addFactory<NotebookPanel>(
      'Notebook',
      'tutorPackages',
      notebook =>
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
    );
    toolbarRegistry.addFactory<NotebookPanel>(
      'Notebook',
      'tutorPackageProgress',
      notebook => new PackageProgress(loaders, notebook)
    );
  }
};
