import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  MainAreaWidget,
  Notification
} from '@jupyterlab/apputils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';
import { isJupyterLite } from '../backend/lite/site';
import { HelpQueuePanel } from '../help/HelpQueuePanel';
import { IHelpService } from '../help/token';
import { IPolicyService } from '../policy/service';
import { PolicyEditor } from './policy/PolicyEditor';
import { IClientConfig } from '../backend/token';
import { Role } from '../contract/schema';
import { IModuleService } from '../modules/service';
import { ClassDashboard } from './ClassDashboard';
import { InstructorCommandIDs } from './commands';
import { ServerInstructor } from './server';
import { IInstructorService } from './service';
import { StudentDetailPanel } from './StudentDetailPanel';
import { textWidget } from './studentNotebook';

const CLASS_ROLES: readonly Role[] = ['instructor', 'admin'];

const instructorServicePlugin: JupyterFrontEndPlugin<IInstructorService> = {
  id: 'jupyter-tutor:instructor-service',
  description: IInstructorService.description ?? 'class data',
  autoStart: true,
  provides: IInstructorService,
  activate: (app: JupyterFrontEnd): IInstructorService =>
    new ServerInstructor(app.serviceManager.serverSettings)
};

/** Why there is no class data: the site keeps each student's work in their browser. */
function noServicePanel(): MainAreaWidget {
  const content = textWidget(
    'p',
    'Class data needs a jupyter-tutor service: this JupyterLite site keeps ' +
      "each student's work in their own browser, so there is no class to show here."
  );
  content.addClass('jp-TutorDashboard-noService');
  const panel = new MainAreaWidget({ content });
  panel.title.label = 'Class Dashboard';
  return panel;
}

const dashboardPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-tutor:class-dashboard',
  description:
    "The class dashboard for instructors: a module's students and exercises, charts, exports and each student's work.",
  autoStart: true,
  requires: [IClientConfig, IModuleService, IRenderMimeRegistry],
  optional: [IInstructorService, ICommandPalette, IHelpService, IPolicyService],
  activate: (
    app: JupyterFrontEnd,
    config: IClientConfig,
    modules: IModuleService,
    rendermime: IRenderMimeRegistry,
    service: IInstructorService | null,
    palette: ICommandPalette | null,
    help: IHelpService | null,
    policy: IPolicyService | null
  ): void => {
    let role: Role | null = null;
    void config
      .getConfig()
      .then(found => {
        role = found.role;
        app.commands.notifyCommandChanged(InstructorCommandIDs.openDashboard);
      })
      .catch(() => undefined);

    let dashboard: MainAreaWidget<ClassDashboard> | null = null;
    const students = new Map<string, MainAreaWidget<StudentDetailPanel>>();
    const show = (widget: Widget): void => {
      if (!widget.isAttached) {
        app.shell.add(widget, 'main');
      }
      app.shell.activateById(widget.id);
    };
    const openStudent = (moduleId: string, userId: string): void => {
      if (service === null) {
        return;
      }
      const key = JSON.stringify([moduleId, userId]);
      let panel = students.get(key);
      if (!panel || panel.isDisposed) {
        const content = new StudentDetailPanel(
          service,
          rendermime,
          moduleId,
          userId
        );
        panel = new MainAreaWidget({ content });
        panel.id = `jp-TutorStudentDetail-${students.size}`;
        panel.title.label = content.title.label;
        students.set(key, panel);
      }
      show(panel);
    };

    app.commands.addCommand(InstructorCommandIDs.openDashboard, {
      label: 'Open Class Dashboard',
      caption: "Your class's progress, questions and errors in a module",
      // Without a service only the palette offers it, to say why it is empty.
      isVisible: args =>
        service === null
          ? typeof args.id !== 'string'
          : role !== null && CLASS_ROLES.includes(role),
      execute: async args => {
        if (service === null) {
          show(noServicePanel());
          return;
        }
        const all = await modules.listModules();
        const moduleId = typeof args.id === 'string' ? args.id : all[0]?.id;
        if (!dashboard || dashboard.isDisposed) {
          const content = new ClassDashboard(service, {
            rendermime,
            modules: all,
            openStudent,
            onError: message => Notification.error(message)
          });
          if (policy !== null && moduleId !== undefined) {
            content.addTab(policyTab(policy, content, moduleId));
          }
          if (help !== null) {
            content.addTab(helpQueueTab(help, rendermime, content, modules));
          }
          dashboard = new MainAreaWidget({ content });
          dashboard.id = 'jp-TutorDashboard';
          dashboard.title.label = content.title.label;
        }
        show(dashboard);
        if (moduleId !== undefined) {
          await dashboard.content.showModule(moduleId);
        }
      }
    });
    palette?.addItem({
      command: InstructorCommandIDs.openDashboard,
      category: 'Jupyter Tutor'
    });
  }
};

/** The module's AI policy as a tab of the dashboard, following its module. */
function policyTab(
  policy: IPolicyService,
  dashboard: ClassDashboard,
  moduleId: string
): PolicyEditor {
  const editor = new PolicyEditor({ policy, moduleId });
  editor.title.label = 'AI policy';
  dashboard.moduleChanged.connect((_, shown) => editor.showModule(shown));
  return editor;
}

/** The module's help queue as a tab of the dashboard, following its module. */
function helpQueueTab(
  help: IHelpService,
  rendermime: IRenderMimeRegistry,
  dashboard: ClassDashboard,
  modules: IModuleService
): HelpQueuePanel {
  const queue = new HelpQueuePanel({
    help,
    rendermime,
    modules: () => modules.listModules()
  });
  queue.title.label = 'Help queue';
  dashboard.moduleChanged.connect((_, moduleId) => queue.showModule(moduleId));
  return queue;
}

/**
 * The class dashboard, and where there is a jupyter-tutor server its class
 * data; a JupyterLite site has none, so the service is not provided and the
 * dashboard says why.
 */
export function instructorPlugins(): JupyterFrontEndPlugin<unknown>[] {
  return isJupyterLite()
    ? [dashboardPlugin]
    : [instructorServicePlugin, dashboardPlugin];
}
