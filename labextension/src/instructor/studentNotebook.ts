import * as nbformat from '@jupyterlab/nbformat';
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { Panel, Widget } from '@lumino/widgets';
import { outputBundle, textOf } from './outputBundle';

/**
 * A student's saved notebook, read-only: Markdown cells and outputs rendered
 * by rendermime as untrusted (its sanitizer applies, no scripts run), code as
 * text. The notebook is the student's: any field may be missing or hostile.
 */
export class StudentNotebook extends Panel {
  constructor(
    private readonly _rendermime: IRenderMimeRegistry,
    notebook: unknown
  ) {
    super();
    this.addClass('jp-TutorStudentNotebook');
    for (const cell of cellsOf(notebook)) {
      this._addCell(cell);
    }
    if (this.widgets.length === 0) {
      this.addWidget(textWidget('p', 'No saved work yet.'));
    }
  }

  private _addCell(cell: Partial<nbformat.ICell>): void {
    const source = textOf(cell.source);
    if (cell.cell_type === 'markdown') {
      this._render(
        { 'text/markdown': source },
        'jp-TutorStudentNotebook-markdown'
      );
      return;
    }
    const code = textWidget('pre', source);
    code.addClass('jp-TutorStudentNotebook-code');
    this.addWidget(code);
    const outputs = (cell as Partial<nbformat.ICodeCell>).outputs;
    for (const output of Array.isArray(outputs) ? outputs : []) {
      const bundle = outputBundle(output);
      if (bundle !== null) {
        this._render(bundle, 'jp-TutorStudentNotebook-output');
      }
    }
  }

  private _render(data: Record<string, unknown>, className: string): void {
    const mimeType = this._rendermime.preferredMimeType(
      data as nbformat.IMimeBundle,
      'ensure'
    );
    if (mimeType === undefined) {
      return;
    }
    const renderer = this._rendermime.createRenderer(mimeType);
    renderer.addClass(className);
    this.addWidget(renderer);
    void renderer.renderModel(
      new MimeModel({ data: data as nbformat.IMimeBundle, trusted: false })
    );
  }
}

function cellsOf(notebook: unknown): Partial<nbformat.ICell>[] {
  if (typeof notebook !== 'object' || notebook === null) {
    return [];
  }
  const cells = (notebook as { cells?: unknown }).cells;
  return Array.isArray(cells)
    ? cells.filter(
        (cell): cell is Partial<nbformat.ICell> =>
          typeof cell === 'object' && cell !== null
      )
    : [];
}

export function textWidget(tag: string, text: string): Widget {
  const widget = new Widget({ node: document.createElement(tag) });
  widget.node.textContent = text;
  return widget;
}
