import { ServerConnection } from '@jupyterlab/services';
import { StudentToken } from './studentToken';

/**
 * Connection settings for a jupyter-tutor server on another origin: the
 * student's token on every request (and on the tutor's WebSocket URL,
 * where browsers cannot add headers), no cookies.
 */
export function remoteSettings(
  serverUrl: string,
  token: StudentToken
): ServerConnection.ISettings {
  const settings = ServerConnection.makeSettings({
    baseUrl: serverUrl,
    wsUrl: serverUrl.replace(/^http/, 'ws'),
    appendToken: true,
    init: { credentials: 'omit', cache: 'no-store' }
  });
  // Read at each request, so signing in needs no new settings.
  return Object.defineProperty({ ...settings }, 'token', {
    get: () => token.value,
    enumerable: true
  });
}
