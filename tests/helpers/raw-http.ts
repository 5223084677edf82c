// Raw HTTP over TCP for requests fetch() would normalise or refuse to send (odd methods, `..`, huge headers).

export interface RawResponse {
  /** `HTTP/1.1 404 Not Found`, or '' when the server closed without answering. */
  readonly statusLine: string;
  /** The status code, or 0 when there was no response. */
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Writes `request` as is to 127.0.0.1:`port` and reads until the server closes (send `Connection: close`). */
export async function rawRequest(port: number, request: string, timeoutMs = 5000): Promise<RawResponse> {
  const text = await new Promise<string>((resolve, reject) => {
    let received = '';
    const decoder = new TextDecoder();
    const timer = setTimeout(
      () => reject(new Error(`no close within ${timeoutMs} ms; got: ${received.slice(0, 200)}`)),
      timeoutMs,
    );
    const done = () => {
      clearTimeout(timer);
      resolve(received);
    };
    Bun.connect({
      hostname: '127.0.0.1',
      port,
      socket: {
        open: (socket) => void socket.write(request),
        data: (_socket, chunk) => void (received += decoder.decode(chunk, { stream: true })),
        close: done,
        end: (socket) => void socket.end(),
        error: done,
        connectError: (_socket, error) => reject(error),
      },
    }).catch(reject);
  });
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    statusLine,
    status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0),
    headers,
    body: split === -1 ? '' : text.slice(split + 4),
  };
}

/** A GET-style request line plus headers, closing the connection after the answer. */
export const rawGet = (target: string, options: { method?: string; host?: string; headers?: string[] } = {}): string =>
  [
    `${options.method ?? 'GET'} ${target} HTTP/1.1`,
    `Host: ${options.host ?? 'localhost'}`,
    ...(options.headers ?? []),
    'Connection: close',
    '',
    '',
  ].join('\r\n');
