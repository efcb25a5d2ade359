import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { Bridge } from './bridge';
import { notebookEvents } from './events';
import { notebookMethods } from './methods';
import { allowedOrigins } from './origins';

const PLUGIN_ID = 'jupyter-tutor:bridge';

export const bridgePlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Lets an allowed page that embeds JupyterLab in an iframe read and replace the notebook through postMessage, and tells it when cells run and notebooks are saved.',
  autoStart: true,
  requires: [INotebookTracker, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    settingRegistry: ISettingRegistry
  ): void => {
    const bridge = new Bridge(
      notebookMethods(tracker, app.serviceManager.contents)
    );
    notebookEvents(tracker, event => bridge.emit(event));
    settingRegistry
      .load(PLUGIN_ID)
      .then(settings => {
        const update = () => {
          bridge.allowedOrigins = allowedOrigins(settings);
        };
        update();
        settings.changed.connect(update);
        // Requests are answered once the application has started.
        void app.restored.then(() => bridge.announceReady());
      })
      .catch(reason => {
        console.error(
          'jupyter-tutor: cannot load the bridge settings.',
          reason
        );
      });
  }
};
