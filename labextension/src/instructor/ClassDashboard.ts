import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISignal, Signal } from '@lumino/signaling';
import { TabPanel, Widget } from '@lumino/widgets';
import { errorMessage } from '../backend/errors';
import { ModuleSummary } from '../backend/types';
import {
  completionSpec,
  errorsSpec,
  passRateSpec,
  questionsSpec
} from './charts';
import { ChartView } from './ChartView';
import { ClassOverview } from './ClassOverview';
import { ClassExport, IInstructorService } from './service';

/**
 * The class dashboard: one module's class at a time, as tabs. "Class" and
 * "Charts" are this panel's; other instructor views join with `addTab`.
 */
export class ClassDashboard extends TabPanel {
  constructor(
    private readonly _service: IInstructorService,
    private readonly _options: ClassDashboard.IOptions
  ) {
    super();
    this.addClass('jp-TutorDashboard');
    this.title.label = 'Class Dashboard';
    this.title.closable = true;
    this._overview = new ClassOverview({
      selectModule: id => void this.showModule(id),
      openStudent: userId => _options.openStudent(this._moduleId, userId),
      download: which => void this._download(which)
    });
    this._charts = new ChartView(_options.rendermime);
    this._charts.title.label = 'Charts';
    this.addTab(this._overview);
    this.addTab(this._charts);
  }

  /** Another view of the class, after the dashboard's own tabs. */
  addTab(widget: Widget): void {
    this.addWidget(widget);
  }

  get moduleId(): string {
    return this._moduleId;
  }

  /** The module shown changed: tabs added with `addTab` follow it. */
  get moduleChanged(): ISignal<this, string> {
    return this._moduleChanged;
  }

  /** Show the class of this module (reloading it). */
  async showModule(moduleId: string): Promise<void> {
    const request = ++this._latestRequest;
    if (moduleId !== this._moduleId) {
      this._moduleId = moduleId;
      this._moduleChanged.emit(moduleId);
    }
    this._overview.showClass(this._options.modules, moduleId, null, null);
    try {
      const [students, exercises, questions] = await Promise.all([
        this._service.students(moduleId),
        this._service.exercises(moduleId),
        this._service.questionsPerDay(moduleId)
      ]);
      if (request !== this._latestRequest) {
        return;
      }
      this._overview.showClass(
        this._options.modules,
        moduleId,
        { students, exercises },
        null
      );
      await this._charts.draw([
        completionSpec(students.counts),
        passRateSpec(exercises.exercises),
        errorsSpec(exercises.exercises),
        questionsSpec(questions)
      ]);
    } catch (reason) {
      if (request === this._latestRequest) {
        this._overview.showClass(
          this._options.modules,
          moduleId,
          null,
          errorMessage(reason)
        );
      }
    }
  }

  private async _download(which: ClassExport): Promise<void> {
    const moduleId = this._moduleId;
    try {
      const text = await this._service.csv(moduleId, which);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${moduleId}-${which}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (reason) {
      this._options.onError(`Could not download: ${errorMessage(reason)}`);
    }
  }

  private readonly _overview: ClassOverview;
  private readonly _charts: ChartView;
  private _moduleId = '';
  private readonly _moduleChanged = new Signal<this, string>(this);
  private _latestRequest = 0;
}

export namespace ClassDashboard {
  export interface IOptions {
    rendermime: IRenderMimeRegistry;
    /** The course's modules, for the module picker. */
    modules: ModuleSummary[];
    openStudent(moduleId: string, userId: string): void;
    onError(message: string): void;
  }
}
