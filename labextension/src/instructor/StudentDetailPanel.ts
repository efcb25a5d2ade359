import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { Panel, Widget } from '@lumino/widgets';
import { errorMessage } from '../backend/errors';
import { hintLabel } from '../tutor/hintLabel';
import {
  CheckHistoryEntry,
  IInstructorService,
  StudentDetail
} from './service';
import { StudentNotebook, textWidget } from './studentNotebook';

/**
 * One student of a module as the instructor sees them: the saved notebook
 * (read-only), every check run, and the tutor conversation with the hint
 * level of each answer.
 */
export class StudentDetailPanel extends Panel {
  constructor(
    private readonly _service: IInstructorService,
    private readonly _rendermime: IRenderMimeRegistry,
    readonly moduleId: string,
    readonly userId: string
  ) {
    super();
    this.addClass('jp-TutorStudentDetail');
    this.title.label = `${userId} · ${moduleId}`;
    this.title.closable = true;
    this.addWidget(textWidget('p', 'Loading…'));
    void this._load();
  }

  private async _load(): Promise<void> {
    let detail: StudentDetail;
    try {
      detail = await this._service.student(this.moduleId, this.userId);
    } catch (reason) {
      this._replace([
        textWidget('p', `Could not load: ${errorMessage(reason)}`)
      ]);
      return;
    }
    this._replace([
      textWidget(
        'h2',
        `${detail.user_id} — ${detail.status.replace('_', ' ')}`
      ),
      section('Notebook', 'jp-TutorStudentDetail-notebook', [
        new StudentNotebook(this._rendermime, detail.notebook_state)
      ]),
      section('Check history', 'jp-TutorStudentDetail-checks', [
        checkHistory(detail.checks)
      ]),
      section(
        'Tutor conversation',
        'jp-TutorStudentDetail-conversation',
        detail.conversation.length
          ? detail.conversation.map(message => this._message(message))
          : [textWidget('p', 'No questions to the tutor in this module.')]
      )
    ]);
  }

  private _message(message: StudentDetail['conversation'][number]): Widget {
    const box = new Panel();
    box.addClass('jp-TutorStudentDetail-message');
    box.node.dataset.role = message.role;
    const about = [
      message.role === 'user' ? 'Question' : 'Answer',
      message.level !== null ? hintLabel(message.level, null) : null,
      message.exercise_id ? `exercise ${message.exercise_id}` : null,
      new Date(message.at).toLocaleString()
    ];
    const heading = textWidget('div', about.filter(Boolean).join(' · '));
    heading.addClass('jp-TutorStudentDetail-messageHeading');
    box.addWidget(heading);
    if (message.role === 'user') {
      box.addWidget(textWidget('p', message.content));
    } else {
      // The tutor's Markdown, as the student saw it: rendermime, untrusted.
      const renderer = this._rendermime.createRenderer('text/markdown');
      box.addWidget(renderer);
      void renderer.renderModel(
        new MimeModel({
          data: { 'text/markdown': message.content },
          trusted: false
        })
      );
    }
    return box;
  }

  private _replace(widgets: Widget[]): void {
    for (const widget of [...this.widgets]) {
      widget.dispose();
    }
    widgets.forEach(widget => this.addWidget(widget));
  }
}

function section(title: string, className: string, body: Widget[]): Widget {
  const panel = new Panel();
  panel.addClass(className);
  panel.addWidget(textWidget('h3', title));
  body.forEach(widget => panel.addWidget(widget));
  return panel;
}

function checkHistory(runs: CheckHistoryEntry[]): Widget {
  if (runs.length === 0) {
    return textWidget('p', 'No check runs in this module.');
  }
  const table = document.createElement('table');
  table.className = 'jp-TutorDashboard-table';
  const head = table.createTHead().insertRow();
  for (const name of ['When', 'Exercise', 'Result', 'Failing check', 'Error']) {
    head.appendChild(document.createElement('th')).textContent = name;
  }
  const body = table.createTBody();
  for (const run of runs) {
    const row = body.insertRow();
    const cells = [
      new Date(run.at).toLocaleString(),
      run.exercise_id,
      run.passed ? 'passed' : 'failed',
      run.failed_check === null
        ? ''
        : `${run.failed_check + 1}${run.failed_message ? `: ${run.failed_message}` : ''}`,
      run.error ?? ''
    ];
    cells.forEach(text => (row.insertCell().textContent = text));
  }
  return new Widget({ node: table });
}
