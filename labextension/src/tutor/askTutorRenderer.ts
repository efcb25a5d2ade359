import {
  errorRendererFactory,
  IRenderMime,
  IRenderMimeRegistry
} from '@jupyterlab/rendermime';
import { Message } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';

/** Error outputs carry their `ename`, `evalue` and traceback in this type… */
const ERROR_MIME_TYPE = 'application/vnd.jupyter.error';
/** …besides the traceback text, which JupyterLab shows. */
const STDERR_MIME_TYPE = 'application/vnd.jupyter.stderr';
/** Preferred to the stderr renderer (rank 110): lower ranks win. */
const RANK = 100;

export interface IAskTutorOptions {
  /** Whether the output at this node may be asked about (a module notebook). */
  canAsk(node: HTMLElement): boolean;
  /** Ask the tutor about the output at this node. */
  ask(node: HTMLElement): void;
}

/**
 * Renders error outputs as usual, with an "Ask the tutor" button below.
 *
 * It takes the error type, which only error outputs have, ahead of the
 * stderr text they also have; stderr streams keep their usual renderer.
 */
export function askTutorRendererFactory(
  rendermime: IRenderMimeRegistry,
  options: IAskTutorOptions
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [ERROR_MIME_TYPE],
    defaultRank: RANK,
    createRenderer: rendererOptions => {
      // Whatever renders stderr (maybe another extension) renders the text.
      const stderr =
        rendermime.getFactory(STDERR_MIME_TYPE) ?? errorRendererFactory;
      const output = stderr.createRenderer({
        ...rendererOptions,
        mimeType: STDERR_MIME_TYPE
      });
      return new ErrorWithAskButton(output, options);
    }
  };
}

class ErrorWithAskButton extends Panel implements IRenderMime.IRenderer {
  constructor(
    private readonly _output: IRenderMime.IRenderer,
    private readonly _options: IAskTutorOptions
  ) {
    super();
    this.addClass('jp-TutorErrorOutput');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'jp-TutorAskButton jp-Button jp-mod-styled';
    button.textContent = 'Ask the tutor';
    button.title = 'Ask the tutor about this error';
    button.addEventListener('click', () => _options.ask(this.node));
    this._button = new Widget({ node: button });
    this.addWidget(_output);
    this.addWidget(this._button);
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    return this._output.renderModel(model);
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    // Only now is it known where the output is shown.
    this._button.setHidden(!this._options.canAsk(this.node));
  }

  private readonly _button: Widget;
}
