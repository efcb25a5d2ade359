import { IChatModel, MessageFooterSectionProps } from '@jupyter/chat';
import React, { useEffect, useState } from 'react';
import { TutorAnswerInfo } from './answerInfo';

export interface IAnswerFooterProps extends MessageFooterSectionProps {
  onRetry: () => void;
}

/**
 * Below a tutor answer: whether it is incomplete, and why it failed with a
 * Retry button when it can be asked again.
 */
export function AnswerFooter(props: IAnswerFooterProps): JSX.Element | null {
  const info = useAnswerInfo(props.model, props.message.id);
  if (!info || (!info.incomplete && info.error === null)) {
    return null;
  }
  return (
    <div className="jp-TutorAnswerFooter">
      {info.incomplete && (
        <span className="jp-TutorAnswerIncomplete">
          {info.stopped ? '(stopped)' : '(incomplete)'}
        </span>
      )}
      {info.error !== null && (
        <div className="jp-TutorError" role="alert">
          <span className="jp-TutorError-message">{info.error}</span>
          {info.canRetry && (
            <button
              type="button"
              className="jp-TutorRetry jp-Button jp-mod-styled jp-mod-accept"
              onClick={props.onRetry}
            >
              Retry
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The answer's current info. `@jupyter/chat` re-renders footers only when
 * the message list changes, so follow the message itself.
 */
function useAnswerInfo(
  model: IChatModel,
  id: string
): TutorAnswerInfo | undefined {
  const message = model.messages.find(candidate => candidate.id === id);
  const [info, setInfo] = useState(message?.metadata?.tutor);
  useEffect(() => {
    if (!message) {
      return;
    }
    const follow = () => setInfo(message.metadata?.tutor);
    follow();
    message.changed.connect(follow);
    return () => {
      message.changed.disconnect(follow);
    };
  }, [message]);
  return info;
}
