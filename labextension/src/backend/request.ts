import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { ReadonlyJSONObject } from '@lumino/coreutils';
import { TutorApiError } from './errors';

/** The URL of a route under `{baseUrl}jupyter-tutor/api/`. */
export function apiUrl(
  settings: ServerConnection.ISettings,
  segments: string[],
  query: Record<string, string> = {}
): string {
  return (
    URLExt.join(
      settings.baseUrl,
      'jupyter-tutor/api',
      ...segments.map(encodeURIComponent)
    ) + URLExt.objectToQueryString(query)
  );
}

/**
 * Call a jupyter-tutor route and read its JSON reply; a refusal or an
 * unreachable server becomes a `TutorApiError`.
 */
export async function requestAPI<T>(
  settings: ServerConnection.ISettings,
  method: string,
  segments: string[],
  body?: object,
  query?: Record<string, string>
): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  const response = await send(settings, init, segments, query);
  const reply = await readJson(response);
  if (!response.ok) {
    throw refusal(response, reply);
  }
  return reply as T;
}

/** GET a route whose reply is text (a CSV export); refusals as `requestAPI`. */
export async function requestText(
  settings: ServerConnection.ISettings,
  segments: string[]
): Promise<string> {
  const response = await send(settings, { method: 'GET' }, segments);
  if (!response.ok) {
    throw refusal(response, await readJson(response));
  }
  return response.text();
}

async function send(
  settings: ServerConnection.ISettings,
  init: RequestInit,
  segments: string[],
  query?: Record<string, string>
): Promise<Response> {
  try {
    return await ServerConnection.makeRequest(
      apiUrl(settings, segments, query),
      init,
      settings
    );
  } catch {
    throw new TutorApiError(
      0,
      'network_error',
      'the Jupyter server cannot be reached'
    );
  }
}

/** The JSON body of a response, or null if it has none (or not JSON). */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * The error for a refused request: the contract's `{error, message, ...}`
 * body when there is one (proxies and tornado itself may answer with HTML).
 */
function refusal(response: Response, reply: unknown): TutorApiError {
  if (isObject(reply) && typeof reply.error === 'string') {
    const message =
      typeof reply.message === 'string' ? reply.message : reply.error;
    return new TutorApiError(response.status, reply.error, message, reply);
  }
  return new TutorApiError(
    response.status,
    'http_error',
    `${response.status} ${response.statusText}`.trim()
  );
}

function isObject(value: unknown): value is ReadonlyJSONObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
