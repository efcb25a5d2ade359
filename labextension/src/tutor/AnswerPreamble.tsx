import { MessagePreambleProps } from '@jupyter/chat';
import React from 'react';
import { hintLabel } from './hintLabel';

/** Above a tutor answer: its hint level, and whether it is an offline hint. */
export function AnswerPreamble(
  props: MessagePreambleProps
): JSX.Element | null {
  const info = props.message.metadata?.tutor;
  if (!info || (info.level === null && info.provider !== 'offline')) {
    return null;
  }
  return (
    <div className="jp-TutorAnswerPreamble">
      {info.level !== null && (
        <span className="jp-TutorAnswerLevel">
          {hintLabel(info.level, info.maxLevel)}
          {info.levelName && ` · ${info.levelName}`}
        </span>
      )}
      {info.provider === 'offline' && (
        <span
          className="jp-TutorOfflineBadge"
          title="The AI tutor is not available, so this hint comes from the built-in offline hints."
        >
          Offline hint
        </span>
      )}
    </div>
  );
}
