import {
  TOKEN_PROTOCOL,
  tokenProtocols,
  tokenWebSocket
} from '../../src/backend/lite/remoteSettings';
import { StudentToken } from '../../src/backend/lite/studentToken';
import { ServerTutorConnection } from '../../src/backend/tutorConnection';
import { TutorFrame } from '../../src/backend/types';

/** A WebSocket that only records how it was made; the test plays the server. */
class RecordingSocket {
  static made: RecordingSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  sent: string[] = [];

  constructor(
    readonly url: string,
    readonly protocols?: string | string[]
  ) {
    RecordingSocket.made.push(this);
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(): void {
    // The test decides when a socket closes.
  }
}

const asWebSocket = RecordingSocket as unknown as typeof WebSocket;

beforeEach(() => {
  RecordingSocket.made = [];
});

describe('the token travels as a subprotocol, never in the URL', () => {
  it('adds the bare protocol and the one carrying the token', () => {
    expect(tokenProtocols('jtt_abc-DEF_123')).toEqual([
      TOKEN_PROTOCOL,
      `${TOKEN_PROTOCOL}.jtt_abc-DEF_123`
    ]);
  });

  it('sends none for no token, or one a subprotocol cannot carry', () => {
    expect(tokenProtocols('')).toEqual([]);
    expect(tokenProtocols('jtt_a b')).toEqual([]);
    expect(tokenProtocols('jtt_é')).toEqual([]);
  });

  it('reads the token at each connection and keeps the given protocols', () => {
    const token = { value: 'jtt_first' } as StudentToken;
    const Socket = tokenWebSocket(token, asWebSocket);
    new Socket('wss://tutor.example.org/jupyter-tutor/api/tutor?module_id=a');
    token.value = 'jtt_second';
    new Socket('wss://tutor.example.org/x', 'chat');
    const [first, second] = RecordingSocket.made;
    expect(first.url).not.toContain('jtt_');
    expect(first.protocols).toEqual([
      TOKEN_PROTOCOL,
      `${TOKEN_PROTOCOL}.jtt_first`
    ]);
    expect(second.protocols).toEqual([
      'chat',
      TOKEN_PROTOCOL,
      `${TOKEN_PROTOCOL}.jtt_second`
    ]);
  });
});

describe('a socket the server refused on purpose', () => {
  beforeAll(() => {
    // The connection schedules its reconnects on the page's window.
    (globalThis as { window?: unknown }).window = globalThis;
  });

  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  function refusedConnection(closeCode: number): TutorFrame[] {
    const frames: TutorFrame[] = [];
    const connection = new ServerTutorConnection('a', 'wss://x/t', asWebSocket);
    connection.frameReceived.connect((_, frame) => frames.push(frame));
    const socket = RecordingSocket.made[0];
    socket.onopen?.();
    socket.onmessage?.({
      data: JSON.stringify({
        type: 'error',
        id: null,
        code: 'too_many_sockets',
        message: 'You have the tutor open in 4 places already.',
        retryable: false,
        partial: false
      })
    });
    socket.onclose?.({ code: closeCode });
    jest.advanceTimersByTime(60_000);
    return frames;
  }

  it('passes the reason on and does not reconnect by itself', () => {
    const frames = refusedConnection(4008);
    expect(frames.map(frame => frame.type)).toEqual(['error']);
    expect(RecordingSocket.made).toHaveLength(1);
  });

  it('reconnects by itself after any other close', () => {
    refusedConnection(1006);
    expect(RecordingSocket.made.length).toBeGreaterThan(1);
  });
});
