import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import React from 'react';
import { hintLabel } from './hintLabel';
import { TutorModule } from './notebookModule';
import { TutorChatModel } from './TutorChatModel';

/**
 * The top of the tutor panel: the module, the current hint level with
 * "More help", and whether the tutor is reachable.
 */
export class TutorHeader extends ReactWidget {
  constructor() {
    super();
    this.addClass('jp-TutorHeader');
  }

  /** Show this module, and its conversation once it is open. */
  setModule(module: TutorModule, model: TutorChatModel | null): void {
    this._module = module;
    this._model = model;
    this.update();
  }

  protected render(): JSX.Element {
    const model = this._model;
    return (
      <>
        <h2 className="jp-TutorHeader-title" title={this._module?.title}>
          {this._module?.title}
        </h2>
        {model && (
          <UseSignal signal={model.stateChanged}>
            {() => <TutorStatus model={model} />}
          </UseSignal>
        )}
      </>
    );
  }

  private _module: TutorModule | null = null;
  private _model: TutorChatModel | null = null;
}

function TutorStatus(props: { model: TutorChatModel }): JSX.Element {
  const { model } = props;
  const hint = model.hint;
  return (
    <div className="jp-TutorHeader-status">
      {hint && (
        <>
          <span className="jp-TutorHintLevel">
            {hintLabel(hint.level, hint.maxLevel)}
          </span>
          <button
            type="button"
            className="jp-TutorMoreHelp jp-Button jp-mod-styled"
            title="Ask for the next, more detailed hint on the same problem"
            disabled={model.isAnswering}
            onClick={() => model.askForMoreHelp()}
          >
            More help
          </button>
        </>
      )}
      {model.connectionStatus !== 'open' && (
        <span className="jp-TutorHeader-connection" role="status">
          Connecting to the tutor…
        </span>
      )}
    </div>
  );
}
