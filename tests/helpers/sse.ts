// A Server-Sent Events client for tests: reads a real HTTP stream and hands back frames (events and comments) in order.

export interface SseFrame {
  /** `message` when the frame names none; undefined for comment-only frames. */
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
  readonly retry?: number;
}

export function parseFrame(block: string): SseFrame {
  const frame: { event?: string; data?: string; comment?: string; retry?: number } = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = (frame.comment ? `${frame.comment}\n` : '') + line.slice(1).trim();
    else if (line.startsWith('event: ')) frame.event = line.slice(7);
    else if (line.startsWith('data: '))
      frame.data = (frame.data === undefined ? '' : `${frame.data}\n`) + line.slice(6);
    else if (line.startsWith('retry: ')) frame.retry = Number(line.slice(7));
  }
  if (frame.data !== undefined && frame.event === undefined) frame.event = 'message';
  return frame;
}

export interface EventStreamClient extends AsyncDisposable {
  readonly response: Response;
  /** Frames up to and including the next one satisfying `match`; rejects after `timeoutMs`. */
  until(match: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame[]>;
  /** The next frame satisfying `match` (frames before it are skipped). */
  next(match?: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
}

export async function openEventStream(url: string): Promise<EventStreamClient> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  if (!response.body) throw new Error(`no body from ${url} (${response.status})`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const frames: SseFrame[] = [];
  let text = '';
  const pull = async (deadline: number): Promise<void> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new Error('timed out waiting for an SSE frame')),
          Math.max(0, deadline - Date.now()),
        )),
    );
    try {
      const { value, done } = await Promise.race([reader.read(), timeout]);
      if (done) throw new Error('event stream ended');
      text += value;
      for (let end = text.indexOf('\n\n'); end !== -1; end = text.indexOf('\n\n')) {
        frames.push(parseFrame(text.slice(0, end)));
        text = text.slice(end + 2);
      }
    } finally {
      clearTimeout(timer);
    }
  };
  const until = async (match: (frame: SseFrame) => boolean, timeoutMs = 5000): Promise<SseFrame[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = frames.findIndex(match);
      if (i !== -1) return frames.splice(0, i + 1);
      await pull(deadline);
    }
  };
  return {
    response,
    until,
    next: async (match = () => true, timeoutMs = 5000) => (await until(match, timeoutMs)).at(-1) as SseFrame,
    async [Symbol.asyncDispose]() {
      abort.abort();
      await reader.cancel().catch(() => {});
    },
  };
}

export interface RawStreams extends AsyncDisposable {
  /** The first bytes each connection received (status line, headers, the start of the stream), in opening order. */
  readonly heads: readonly string[];
}

/**
 * Opens `n` connections to 127.0.0.1:`port` that each send `GET path` and stay open, over raw sockets (a fetch per
 * stream would hold one of this process's own 256 fetch slots). Resolves once each has received its first bytes.
 */
export async function openRawStreams(
  port: number,
  n: number,
  path = '/api/events',
  timeoutMs = 10_000,
): Promise<RawStreams> {
  const sockets: { end(): void }[] = [];
  const open = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${path} within ${timeoutMs} ms`)), timeoutMs);
      let head = '';
      Bun.connect({
        hostname: '127.0.0.1',
        port,
        socket: {
          open: (socket) => {
            sockets.push(socket);
            socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n`);
          },
          data: (_socket, chunk) => {
            head += new TextDecoder().decode(chunk);
            if (head.includes('\r\n\r\n')) {
              clearTimeout(timer);
              resolve(head);
            }
          },
          close: () => reject(new Error(`${path} closed before answering: ${head.slice(0, 200)}`)),
          error: (_socket, error) => reject(error),
          connectError: (_socket, error) => reject(error),
        },
      }).catch(reject);
    });
  const heads: string[] = [];
  try {
    // A few at a time, so a slow start is not mistaken for a refusal.
    for (let i = 0; i < n; i += 32)
      heads.push(...(await Promise.all(Array.from({ length: Math.min(32, n - i) }, open))));
  } catch (error) {
    for (const s of sockets) s.end();
    throw error;
  }
  return {
    heads,
    async [Symbol.asyncDispose]() {
      for (const s of sockets) s.end();
      await Bun.sleep(0);
    },
  };
}
