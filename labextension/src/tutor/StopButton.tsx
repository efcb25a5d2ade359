import { TooltippedIconButton } from '@jupyter/chat';
import { stopIcon, UseSignal } from '@jupyterlab/ui-components';
import React from 'react';
import { TutorChatModel } from './TutorChatModel';

const STOP_TOOLTIP = 'Stop the answer';

/** In the question box while an answer streams: stops it. */
export function StopButton(props: { model: TutorChatModel }): JSX.Element {
  const { model } = props;
  return (
    <UseSignal signal={model.stateChanged}>
      {() =>
        model.isAnswering ? (
          <TooltippedIconButton
            onClick={() => model.stop()}
            tooltip={STOP_TOOLTIP}
            buttonProps={{ className: 'jp-TutorStop', title: STOP_TOOLTIP }}
          >
            <stopIcon.react tag="span" className="jp-TutorStop-icon" />
          </TooltippedIconButton>
        ) : null
      }
    </UseSignal>
  );
}
