import { MimeModel, IRenderMimeRegistry } from '@jupyterlab/rendermime';
import React from 'react';

/**
 * The statement as the student will read it: markdown rendered by
 * JupyterLab's rendermime, whose sanitizer cleans the HTML.
 */
export class StatementPreview extends React.Component<{
  rendermime: IRenderMimeRegistry;
  markdown: string;
}> {
  componentDidMount(): void {
    void this._render();
  }

  componentDidUpdate(previous: { markdown: string }): void {
    if (previous.markdown !== this.props.markdown) {
      void this._render();
    }
  }

  componentWillUnmount(): void {
    this._renderer?.dispose();
  }

  render(): JSX.Element {
    return (
      <div
        className="jp-TutorExerciseEditor-statement"
        aria-label="Statement preview"
        ref={this._host}
      />
    );
  }

  private async _render(): Promise<void> {
    const host = this._host.current;
    if (!host) {
      return;
    }
    this._renderer?.dispose();
    host.replaceChildren();
    if (this.props.markdown === '') {
      host.textContent =
        'No statement: add a markdown cell above this one (after the previous exercise).';
      return;
    }
    const renderer = this.props.rendermime.createRenderer('text/markdown');
    this._renderer = renderer;
    await renderer.renderModel(
      new MimeModel({ data: { 'text/markdown': this.props.markdown } })
    );
    if (this._renderer === renderer) {
      host.appendChild(renderer.node);
    }
  }

  private readonly _host = React.createRef<HTMLDivElement>();
  private _renderer: { node: HTMLElement; dispose(): void } | null = null;
}
