import { ServerConnection } from '@jupyterlab/services';
import { requestAPI } from '../backend/request';
import {
  HelpAsk,
  HelpQueue,
  HelpRequest,
  HelpStatus,
  IHelpService,
  QueuedHelpRequest
} from './token';
import { HelpRequestList } from '../contract/schema';

/** The help queue served by a jupyter-tutor server. */
export class ServerHelpService implements IHelpService {
  constructor(private readonly _settings: ServerConnection.ISettings) {}

  ask(request: HelpAsk): Promise<HelpRequest> {
    return requestAPI<HelpRequest>(
      this._settings,
      'POST',
      ['help', 'requests'],
      request
    );
  }

  async mine(moduleId: string): Promise<HelpRequest[]> {
    const list = await requestAPI<HelpRequestList>(
      this._settings,
      'GET',
      ['help', 'requests'],
      undefined,
      { module_id: moduleId }
    );
    return list.requests;
  }

  queue(moduleId: string, status?: HelpStatus): Promise<HelpQueue> {
    return requestAPI<HelpQueue>(
      this._settings,
      'GET',
      ['instructor', 'modules', moduleId, 'help-requests'],
      undefined,
      status ? { status } : {}
    );
  }

  answer(requestId: number, answer: string): Promise<QueuedHelpRequest> {
    return this._post(requestId, 'answer', { answer });
  }

  resolve(requestId: number): Promise<QueuedHelpRequest> {
    return this._post(requestId, 'resolve', {});
  }

  private _post(
    requestId: number,
    action: string,
    body: object
  ): Promise<QueuedHelpRequest> {
    return requestAPI<QueuedHelpRequest>(
      this._settings,
      'POST',
      ['instructor', 'help-requests', String(requestId), action],
      body
    );
  }
}
