import { ServerConnection } from '@jupyterlab/services';

/**
 * Browsers cap the bodies of all pending keepalive requests of a page,
 * together, at 64 KiB.
 */
const KEEPALIVE_BUDGET_BYTES = 64 * 1024;

/**
 * Sends requests that outlive the page (`fetch` with `keepalive`), within the
 * browser's budget for them.
 *
 * `navigator.sendBeacon` is not used because it cannot set the XSRF header
 * jupyter-server requires.
 */
export class KeepaliveSender {
  constructor(private readonly _settings: ServerConnection.ISettings) {}

  /**
   * Send a JSON body with `method` to `url` without waiting for the answer.
   *
   * @returns false, sending nothing, if the body does not fit in the budget.
   */
  send(url: string, method: string, body: string): boolean {
    const size = new TextEncoder().encode(body).length;
    if (this._pendingBytes + size > KEEPALIVE_BUDGET_BYTES) {
      return false;
    }
    this._pendingBytes += size;
    const release = () => {
      this._pendingBytes -= size;
    };
    fetch(url, {
      method,
      body,
      keepalive: true,
      credentials: 'same-origin',
      headers: this._headers()
    }).then(release, release);
    return true;
  }

  /** The authentication headers `ServerConnection.makeRequest` would add. */
  private _headers(): Record<string, string> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json'
    };
    if (this._settings.token) {
      headers['Authorization'] = `token ${this._settings.token}`;
    }
    const xsrf = readCookie('_xsrf');
    if (xsrf !== null) {
      headers['X-XSRFToken'] = xsrf;
    }
    return headers;
  }

  private _pendingBytes = 0;
}

/**
 * The value of a cookie; the last one wins when several paths set it, as on
 * the (tornado) server side.
 */
function readCookie(name: string): string | null {
  const prefix = `${name}=`;
  let value: string | null = null;
  for (const part of document.cookie.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(prefix)) {
      value = trimmed.substring(prefix.length);
    }
  }
  return value;
}
