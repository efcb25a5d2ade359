import { Bridge } from '../../src/bridge/bridge';
import { MethodHandlers } from '../../src/bridge/methods';
import {
  BridgeError,
  EVENT_TYPE,
  REQUEST_TYPE,
  RESPONSE_TYPE
} from '../../src/bridge/protocol';

/**
 * The bridge against a stand-in window: who gets an answer, and what it is.
 */

const ALLOWED = 'https://lms.example.org';

type Source = { postMessage: jest.Mock; closed: boolean };

// Each test's bridge listens to a fresh stand-in for the page's window.
beforeEach(() => {
  (globalThis as unknown as { window: EventTarget }).window = new EventTarget();
});

afterEach(() => {
  jest.restoreAllMocks();
});

function makeBridge(methods: Partial<MethodHandlers> = {}): Bridge {
  const bridge = new Bridge({
    getCurrentCellCode: async () => ({
      path: 'a.ipynb',
      cellNumber: 1,
      code: 'x = 1'
    }),
    ...methods
  } as MethodHandlers);
  bridge.allowedOrigins = new Set([ALLOWED]);
  return bridge;
}

function newSource(): Source {
  return { postMessage: jest.fn(), closed: false };
}

/** Post a message to the window and let the bridge answer. */
async function post(
  data: unknown,
  origin: string,
  source: Source
): Promise<void> {
  window.dispatchEvent(
    Object.assign(new Event('message'), { data, origin, source })
  );
  await new Promise(resolve => setTimeout(resolve, 0));
}

function request(method: string, id: string | number = 1) {
  return { type: REQUEST_TYPE, id, method, params: {} };
}

test('an allowed origin gets the result, at its origin', async () => {
  makeBridge();
  const source = newSource();
  await post(request('getCurrentCellCode', 'r1'), ALLOWED, source);
  expect(source.postMessage).toHaveBeenCalledWith(
    {
      type: RESPONSE_TYPE,
      id: 'r1',
      ok: true,
      result: { path: 'a.ipynb', cellNumber: 1, code: 'x = 1' }
    },
    ALLOWED
  );
});

test('other origins, and messages that are not requests, get nothing', async () => {
  const bridge = makeBridge();
  const source = newSource();
  await post(
    request('getCurrentCellCode'),
    'https://other.example.org',
    source
  );
  await post({ ...request('getCurrentCellCode'), id: null }, ALLOWED, source);
  await post({ type: 'something-else', id: 1, method: 'x' }, ALLOWED, source);
  await post('jupyter-tutor:request', ALLOWED, source);
  bridge.allowedOrigins = new Set();
  await post(request('getCurrentCellCode'), ALLOWED, source);
  expect(source.postMessage).not.toHaveBeenCalled();
});

test('errors are responses', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  makeBridge({
    getErrorOutput: async () => {
      throw new BridgeError('no_notebook', 'No notebook is open');
    },
    getNotebookState: async () => {
      throw new Error('boom');
    }
  });
  const source = newSource();
  await post(request('deleteEverything', 1), ALLOWED, source);
  await post(request('getErrorOutput', 2), ALLOWED, source);
  await post(request('getNotebookState', 3), ALLOWED, source);
  expect(source.postMessage.mock.calls.map(([response]) => response)).toEqual([
    {
      type: RESPONSE_TYPE,
      id: 1,
      ok: false,
      error: {
        code: 'unknown_method',
        message: 'Unknown method: deleteEverything'
      }
    },
    {
      type: RESPONSE_TYPE,
      id: 2,
      ok: false,
      error: { code: 'no_notebook', message: 'No notebook is open' }
    },
    {
      type: RESPONSE_TYPE,
      id: 3,
      ok: false,
      error: { code: 'internal_error', message: 'Error: boom' }
    }
  ]);
});

test('events go to the windows that asked, while their origin is allowed', async () => {
  const bridge = makeBridge();
  const asked = newSource();
  const foreign = newSource();
  await post(request('getCurrentCellCode'), ALLOWED, asked);
  await post(
    request('getCurrentCellCode'),
    'https://other.example.org',
    foreign
  );
  asked.postMessage.mockClear();
  const event = {
    type: EVENT_TYPE,
    event: 'notebook-saved',
    path: 'a.ipynb'
  } as const;
  bridge.emit(event);
  expect(asked.postMessage).toHaveBeenCalledWith(event, ALLOWED);
  expect(foreign.postMessage).not.toHaveBeenCalled();

  bridge.allowedOrigins = new Set();
  bridge.emit(event);
  expect(asked.postMessage).toHaveBeenCalledTimes(1);
});

test('ready goes to the embedding page, addressed to each allowed origin', () => {
  const bridge = makeBridge();
  bridge.allowedOrigins = new Set([ALLOWED, 'https://other-lms.example.org']);
  const embedder = newSource();
  bridge.announceReady(embedder as unknown as Window);
  expect(embedder.postMessage.mock.calls).toEqual([
    [{ type: EVENT_TYPE, event: 'ready' }, ALLOWED],
    [{ type: EVENT_TYPE, event: 'ready' }, 'https://other-lms.example.org']
  ]);
});

test('no ready without allowed origins, or outside a frame', () => {
  const bridge = makeBridge();
  bridge.announceReady(null);
  bridge.allowedOrigins = new Set();
  const embedder = newSource();
  bridge.announceReady(embedder as unknown as Window);
  expect(embedder.postMessage).not.toHaveBeenCalled();
});
