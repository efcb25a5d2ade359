import { ServerConnection } from '@jupyterlab/services';
import { StudentToken } from './studentToken';

/**
 * The subprotocol a jupyter-tutor service selects for token-authenticated
 * WebSockets (jupyter-server's proposed scheme). The token travels as a
 * second one, `v1.token.websocket.jupyter.org.<token>`, never in the URL.
 */
export const TOKEN_PROTOCOL = 'v1.token.websocket.jupyter.org';

/** What a WebSocket subprotocol may contain (an HTTP token, RFC 7230). */
const PROTOCOL_CHARACTERS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The subprotocols that sign a WebSocket in with the student's token: none
 * when there is no token or it could not be sent (the server then refuses
 * the socket, as it does any unsigned request).
 */
export function tokenProtocols(token: string): string[] {
  return PROTOCOL_CHARACTERS.test(token)
    ? [TOKEN_PROTOCOL, `${TOKEN_PROTOCOL}.${token}`]
    : [];
}

/**
 * A WebSocket constructor that adds the student's current token as a
 * subprotocol, read at each connection (so signing in needs no new
 * settings, and a reconnect uses the new token).
 */
export function tokenWebSocket(
  token: StudentToken,
  Base: typeof WebSocket = WebSocket
): typeof WebSocket {
  return class extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      const given = protocols === undefined ? [] : [protocols].flat();
      super(url, [...given, ...tokenProtocols(token.value)]);
    }
  };
}

/**
 * Connection settings for a jupyter-tutor server on another origin: the
 * student's token in the `Authorization` header of every request and as a
 * subprotocol of the tutor's WebSocket (browsers cannot give a WebSocket
 * headers), never in a URL; no cookies.
 */
export function remoteSettings(
  serverUrl: string,
  token: StudentToken
): ServerConnection.ISettings {
  const settings = ServerConnection.makeSettings({
    baseUrl: serverUrl,
    wsUrl: serverUrl.replace(/^http/, 'ws'),
    appendToken: false,
    WebSocket: tokenWebSocket(token),
    init: { credentials: 'omit', cache: 'no-store' }
  });
  // Read at each request, so signing in needs no new settings.
  return Object.defineProperty({ ...settings }, 'token', {
    get: () => token.value,
    enumerable: true
  });
}
