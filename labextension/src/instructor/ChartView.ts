import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { Panel, Widget } from '@lumino/widgets';
import { VEGALITE_MIME, VegaLiteSpec } from './charts';

/**
 * Charts drawn by JupyterLab's own Vega renderer through rendermime: no chart
 * library of this extension's, and the specs are built from typed data.
 */
export class ChartView extends Panel {
  constructor(private readonly _rendermime: IRenderMimeRegistry) {
    super();
    this.addClass('jp-TutorDashboard-charts');
  }

  /** Replace the charts with these specs, in order. */
  async draw(specs: VegaLiteSpec[]): Promise<void> {
    for (const widget of [...this.widgets]) {
      widget.dispose();
    }
    if (!this._rendermime.mimeTypes.includes(VEGALITE_MIME)) {
      const missing = new Widget();
      missing.node.textContent =
        'Charts need JupyterLab’s Vega renderer, which this JupyterLab does not have.';
      this.addWidget(missing);
      return;
    }
    await Promise.all(specs.map(spec => this._addChart(spec)));
  }

  private async _addChart(spec: VegaLiteSpec): Promise<void> {
    const renderer = this._rendermime.createRenderer(VEGALITE_MIME);
    renderer.addClass('jp-TutorDashboard-chart');
    this.addWidget(renderer);
    await renderer.renderModel(
      new MimeModel({ data: { [VEGALITE_MIME]: spec }, trusted: false })
    );
  }
}
