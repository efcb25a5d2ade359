import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ReactWidget } from '@jupyterlab/ui-components';
import React, { useEffect, useState } from 'react';
import { errorMessage } from '../backend/errors';
import { MAX_QUESTION_CHARS } from '../contract/constants';
import { QuestionContext } from '../tutor/cellContext';
import { TutorModule } from '../tutor/notebookModule';
import { AnswerWatcher, ModuleRequests } from './answerWatcher';
import { Markdown } from './Markdown';
import { shortTime, statusLabel } from './requestStatus';
import { HelpRequest, IHelpService } from './token';

/**
 * The tutor panel's "Ask my instructor": who can read what, a question to the
 * instructor with the cell the student is at, and their requests with the
 * answers.
 */
export class AskInstructor extends ReactWidget {
  constructor(private readonly _options: AskInstructor.IOptions) {
    super();
    this.addClass('jp-TutorHelp');
  }

  setModule(module: TutorModule | null): void {
    this._module = module;
    this.setHidden(module === null);
    this.update();
  }

  /** Shown again (the tutor panel brought forward): look for new answers now. */
  protected onAfterShow(): void {
    if (this._module) {
      this._options.watcher.refresh(this._module.id).catch(() => undefined);
    }
  }

  protected render(): JSX.Element | null {
    const module = this._module;
    return module ? (
      <HelpSection key={module.id} module={module} {...this._options} />
    ) : null;
  }

  private _module: TutorModule | null = null;
}

export namespace AskInstructor {
  export interface IOptions {
    help: IHelpService;
    watcher: AnswerWatcher;
    rendermime: IRenderMimeRegistry;
    /** The cell, error and exercise the question is about. */
    context: () => QuestionContext;
  }
}

function HelpSection(
  props: AskInstructor.IOptions & { module: TutorModule }
): JSX.Element {
  const { help, watcher, rendermime, context, module } = props;
  const [requests, setRequests] = useState<HelpRequest[]>([]);
  const [asking, setAsking] = useState(false);
  const [question, setQuestion] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = (): void => {
    watcher.refresh(module.id).catch(reason => {
      setProblem(errorMessage(reason));
    });
  };
  useEffect(() => {
    const take = (_: AnswerWatcher, read: ModuleRequests): void => {
      if (read.moduleId === module.id) {
        setRequests(read.requests);
      }
    };
    watcher.updated.connect(take);
    refresh();
    return () => {
      watcher.updated.disconnect(take);
    };
  }, [module.id]);

  const send = async (): Promise<void> => {
    setSending(true);
    setProblem(null);
    try {
      await help.ask({ module_id: module.id, question, ...context() });
      setQuestion('');
      setAsking(false);
      refresh();
    } catch (reason) {
      setProblem(errorMessage(reason));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <p className="jp-TutorHelp-privacy">
        Your instructor can read your tutor conversations, check results and
        questions to them for this course.
      </p>
      {asking ? (
        <form
          className="jp-TutorHelp-form"
          onSubmit={event => {
            event.preventDefault();
            void send();
          }}
        >
          <textarea
            className="jp-TutorHelp-question"
            aria-label="Your question to your instructor (Markdown)"
            placeholder="Your question to your instructor (Markdown). Your current cell, its error and your latest check go with it."
            maxLength={MAX_QUESTION_CHARS}
            value={question}
            onChange={event => setQuestion(event.target.value)}
          />
          <div className="jp-TutorHelp-actions">
            <button
              type="submit"
              className="jp-Button jp-mod-styled jp-mod-accept"
              disabled={sending || !question.trim()}
            >
              Send to instructor
            </button>
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              onClick={() => setAsking(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="jp-TutorHelp-actions">
          <button
            type="button"
            className="jp-TutorHelp-ask jp-Button jp-mod-styled"
            title="Send a question to your instructor, with your current cell"
            onClick={() => setAsking(true)}
          >
            Ask my instructor
          </button>
          {requests.length > 0 && (
            <button
              type="button"
              className="jp-TutorHelp-refresh jp-Button jp-mod-styled"
              title="Look for new answers"
              onClick={refresh}
            >
              Refresh
            </button>
          )}
        </div>
      )}
      {problem && (
        <div className="jp-TutorHelp-error" role="alert">
          {problem}
        </div>
      )}
      {requests.length > 0 && (
        <ul
          className="jp-TutorHelp-requests"
          aria-label="Your questions to your instructor"
        >
          {requests.map(request => (
            <li
              key={request.id}
              className="jp-TutorHelp-request"
              data-status={request.status}
            >
              <div className="jp-TutorHelp-meta">
                {statusLabel(request.status)} · {shortTime(request.created_at)}
              </div>
              <Markdown rendermime={rendermime} source={request.question} />
              {request.answer !== null && (
                <div className="jp-TutorHelp-answer">
                  <div className="jp-TutorHelp-meta">
                    Your instructor answered {shortTime(request.answered_at)}
                  </div>
                  <Markdown rendermime={rendermime} source={request.answer} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
