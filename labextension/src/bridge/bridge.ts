import { MethodHandlers } from './methods';
import {
  BridgeError,
  BridgeEvent,
  BridgeRequest,
  BridgeResponse,
  EVENT_TYPE,
  isBridgeRequest,
  METHODS,
  RESPONSE_TYPE
} from './protocol';

/**
 * Answers the requests that windows of allowed origins post to this page,
 * and sends events to the windows that have made a request.
 *
 * Messages from any other origin, and messages that are not requests, get
 * no answer at all, so a foreign page cannot even tell the bridge is there.
 * Events go only to windows that asked something (at their origin); the
 * one exception, `ready`, goes to the embedding page addressed to each
 * allowed origin, so the browser delivers it only to an allowed page.
 */
export class Bridge {
  constructor(private readonly _methods: MethodHandlers) {
    window.addEventListener('message', this._onMessage);
  }

  /** The origins answered; empty (the default) turns the bridge off. */
  allowedOrigins: ReadonlySet<string> = new Set();

  /**
   * Tell the page that embeds this one (if any) that requests are answered
   * now. This page cannot read its parent's origin, so the message is
   * addressed to each allowed origin: the browser drops the others.
   */
  announceReady(embedder: Window | null = embeddingWindow()): void {
    for (const origin of this.allowedOrigins) {
      embedder?.postMessage({ type: EVENT_TYPE, event: 'ready' }, origin);
    }
  }

  /** Tell the windows listening. */
  emit(event: BridgeEvent): void {
    for (const [source, origin] of this._listeners) {
      if (source.closed || !this.allowedOrigins.has(origin)) {
        this._listeners.delete(source);
      } else {
        source.postMessage(event, origin);
      }
    }
  }

  private readonly _onMessage = (event: MessageEvent): void => {
    // Window messages come from windows (ports and workers have their own).
    const source = event.source as Window | null;
    if (
      source === null ||
      !this.allowedOrigins.has(event.origin) ||
      !isBridgeRequest(event.data)
    ) {
      return;
    }
    this._listeners.set(source, event.origin);
    void this._answer(event.data).then(response => {
      source.postMessage(response, event.origin);
    });
  };

  private async _answer(request: BridgeRequest): Promise<BridgeResponse> {
    const { id, method } = request;
    try {
      if (!(METHODS as readonly string[]).includes(method)) {
        throw new BridgeError('unknown_method', `Unknown method: ${method}`);
      }
      const handler = this._methods[method as keyof MethodHandlers];
      const result = await handler(request.params ?? {});
      return { type: RESPONSE_TYPE, id, ok: true, result };
    } catch (reason) {
      if (!(reason instanceof BridgeError)) {
        console.error(`jupyter-tutor: bridge ${method} failed.`, reason);
      }
      const error =
        reason instanceof BridgeError
          ? { code: reason.code, message: reason.message }
          : { code: 'internal_error' as const, message: String(reason) };
      return { type: RESPONSE_TYPE, id, ok: false, error };
    }
  }

  private readonly _listeners = new Map<Window, string>();
}

/** The page this one is framed in, or null when it is not in a frame. */
function embeddingWindow(): Window | null {
  return window.parent !== window ? window.parent : null;
}
