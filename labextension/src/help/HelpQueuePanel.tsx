import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ReactWidget } from '@jupyterlab/ui-components';
import React, { useEffect, useState } from 'react';
import { errorMessage } from '../backend/errors';
import { ModuleSummary } from '../backend/types';
import { MAX_HELP_ANSWER_CHARS } from '../contract/constants';
import { HELP_STATUS_VALUES } from '../contract/schema';
import { Markdown } from './Markdown';
import { shortTime, statusLabel } from './requestStatus';
import { HelpStatus, IHelpService, QueuedHelpRequest } from './token';

/**
 * The instructor's help queue of a module, newest first: each question with
 * the student's cell, error, check result and tutor conversation; answer in
 * Markdown (with a preview) and mark resolved. A widget of its own, so it can
 * be a main-area panel or a tab of another one.
 */
export class HelpQueuePanel extends ReactWidget {
  constructor(private readonly _options: HelpQueuePanel.IOptions) {
    super();
    this.addClass('jp-TutorHelpQueue');
    this._moduleId = _options.moduleId ?? null;
  }

  /** Show this module's queue. */
  showModule(moduleId: string): void {
    this._moduleId = moduleId;
    this.update();
  }

  protected render(): JSX.Element {
    return (
      <HelpQueue
        help={this._options.help}
        rendermime={this._options.rendermime}
        modules={this._options.modules}
        shown={this._moduleId}
        onModule={id => this.showModule(id)}
      />
    );
  }

  private _moduleId: string | null;
}

export namespace HelpQueuePanel {
  export interface IOptions {
    help: IHelpService;
    rendermime: IRenderMimeRegistry;
    /** The modules to choose from. */
    modules: () => Promise<ModuleSummary[]>;
    moduleId?: string;
  }
}

type Filter = HelpStatus | '';

function HelpQueue(props: {
  help: IHelpService;
  rendermime: IRenderMimeRegistry;
  modules: () => Promise<ModuleSummary[]>;
  shown: string | null;
  onModule: (id: string) => void;
}): JSX.Element {
  const { help, rendermime, modules, onModule } = props;
  const moduleId = props.shown;
  const [choices, setChoices] = useState<ModuleSummary[]>([]);
  const [filter, setFilter] = useState<Filter>('');
  const [requests, setRequests] = useState<QueuedHelpRequest[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    modules()
      .then(found => {
        setChoices(found);
        if (moduleId === null && found.length) {
          onModule(found[0].id);
        }
      })
      .catch(reason => setProblem(errorMessage(reason)));
  }, []);

  const load = (): void => {
    if (moduleId === null) {
      return;
    }
    help
      .queue(moduleId, filter || undefined)
      .then(queue => {
        setRequests(queue.requests);
        setProblem(null);
      })
      .catch(reason => setProblem(errorMessage(reason)));
  };
  useEffect(load, [moduleId, filter]);

  const replace = (changed: QueuedHelpRequest): void =>
    setRequests(current =>
      current.map(request => (request.id === changed.id ? changed : request))
    );

  return (
    <div className="jp-TutorHelpQueue-body">
      <div className="jp-TutorHelpQueue-toolbar">
        <h2>Help queue</h2>
        <select
          aria-label="Module"
          value={moduleId ?? ''}
          onChange={event => onModule(event.target.value)}
        >
          {choices.map(module => (
            <option key={module.id} value={module.id}>
              {module.title}
            </option>
          ))}
        </select>
        <select
          aria-label="Show"
          value={filter}
          onChange={event => setFilter(event.target.value as Filter)}
        >
          <option value="">All</option>
          {HELP_STATUS_VALUES.map(status => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          onClick={load}
        >
          Refresh
        </button>
      </div>
      {problem && (
        <div className="jp-TutorHelp-error" role="alert">
          {problem}
        </div>
      )}
      {requests.length === 0 && !problem && (
        <p className="jp-TutorHelpQueue-empty">No questions here.</p>
      )}
      <ul className="jp-TutorHelpQueue-requests">
        {requests.map(request => (
          <QueuedRequest
            key={request.id}
            request={request}
            help={help}
            rendermime={rendermime}
            onChanged={replace}
            onProblem={setProblem}
          />
        ))}
      </ul>
    </div>
  );
}

function QueuedRequest(props: {
  request: QueuedHelpRequest;
  help: IHelpService;
  rendermime: IRenderMimeRegistry;
  onChanged: (request: QueuedHelpRequest) => void;
  onProblem: (problem: string) => void;
}): JSX.Element {
  const { request, help, rendermime, onChanged, onProblem } = props;
  const [draft, setDraft] = useState(request.answer ?? '');
  const [preview, setPreview] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<QueuedHelpRequest>) => {
    setBusy(true);
    try {
      onChanged(await action());
    } catch (reason) {
      onProblem(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  };
  const check = request.check_result;
  return (
    <li className="jp-TutorHelpQueue-request" data-status={request.status}>
      <div className="jp-TutorHelp-meta">
        <strong>{request.user_id}</strong> · {shortTime(request.created_at)} ·{' '}
        {statusLabel(request.status)}
      </div>
      <Markdown rendermime={rendermime} source={request.question} />
      {check && (
        <div className="jp-TutorHelpQueue-check">
          Exercise {check.id}: {check.status}
          {check.failed_message
            ? ` (failed: ${check.failed_message})`
            : ''}, {check.attempts} attempt(s)
        </div>
      )}
      {request.cell_code && (
        <details>
          <summary>Cell code</summary>
          <pre>{request.cell_code}</pre>
        </details>
      )}
      {request.error_output && (
        <details>
          <summary>Error</summary>
          <pre>{request.error_output}</pre>
        </details>
      )}
      {request.conversation.length > 0 && (
        <details>
          <summary>
            Tutor conversation ({request.conversation.length} messages)
          </summary>
          <ol className="jp-TutorHelpQueue-conversation">
            {request.conversation.map((message, index) => (
              <li key={index} data-role={message.role}>
                <div className="jp-TutorHelp-meta">
                  {message.role === 'user' ? 'Student' : 'Tutor'} ·{' '}
                  {shortTime(message.created_at)}
                </div>
                <Markdown rendermime={rendermime} source={message.content} />
              </li>
            ))}
          </ol>
        </details>
      )}
      {request.status !== 'resolved' && (
        <div className="jp-TutorHelpQueue-answer">
          {preview ? (
            <Markdown rendermime={rendermime} source={draft} />
          ) : (
            <textarea
              aria-label="Your answer (Markdown)"
              placeholder="Your answer (Markdown)"
              maxLength={MAX_HELP_ANSWER_CHARS}
              value={draft}
              onChange={event => setDraft(event.target.value)}
            />
          )}
          <div className="jp-TutorHelp-actions">
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              onClick={() => setPreview(!preview)}
            >
              {preview ? 'Edit' : 'Preview'}
            </button>
            <button
              type="button"
              className="jp-Button jp-mod-styled jp-mod-accept"
              disabled={busy || !draft.trim()}
              onClick={() => void act(() => help.answer(request.id, draft))}
            >
              Send answer
            </button>
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              disabled={busy}
              onClick={() => void act(() => help.resolve(request.id))}
            >
              Mark resolved
            </button>
          </div>
        </div>
      )}
      {request.status === 'resolved' && request.answer !== null && (
        <div className="jp-TutorHelp-answer">
          <div className="jp-TutorHelp-meta">
            Answered by {request.answered_by} · {shortTime(request.answered_at)}
          </div>
          <Markdown rendermime={rendermime} source={request.answer} />
        </div>
      )}
    </li>
  );
}
