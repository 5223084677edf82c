// Hands a request to the app's private listener and its answer back, streamed both ways. At most `maxInFlight`
// requests are handed over at once, each counted until its answer's body has gone to the client (or the client left):
// Bun's fetch runs at most 256 requests at once per process, and requests piling up on a busy app would take them all
// and leave every later one waiting with no answer. One more gets a 503 with Retry-After at once.
import { JSON_TYPE, NOSNIFF } from '../security-headers.ts';
import type { Fetch } from '../stats/fast-route.ts';
import type { AppAddress } from './protocol.ts';

/** Requests handed to the app at once unless configured; well under Bun's 256 fetches per process. */
export const DEFAULT_MAX_PROXIED = 128;

/** Seconds a client over the cap is asked to wait. */
export const PROXY_RETRY_AFTER_S = 1;

/** The path and query of a request URL as Bun gives it (`http://host:port/path?query`). */
export function pathAndQuery(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? '/' : url.slice(slash);
}

const badGateway = () =>
  new Response(JSON.stringify({ error: 'unavailable', message: 'the API is not answering' }), {
    status: 502,
    headers: { 'content-type': JSON_TYPE, ...NOSNIFF },
  });

const busy = (max: number) =>
  new Response(
    JSON.stringify({ error: 'busy', message: `${max} requests are in flight, the most served at once; retry shortly` }),
    {
      status: 503,
      headers: { 'content-type': JSON_TYPE, 'retry-after': String(PROXY_RETRY_AFTER_S), ...NOSNIFF },
    },
  );

/** `body`, calling `done` once when it ends, fails or is cancelled (the client went away). Pulled only on demand. */
function untilDone(body: ReadableStream<Uint8Array>, done: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const chunk = await reader.read();
          if (chunk.done) {
            done();
            controller.close();
          } else controller.enqueue(chunk.value);
        } catch (error) {
          done();
          controller.error(error);
        }
      },
      cancel(reason) {
        done();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A fetch handler that forwards to the app's listener, at most `maxInFlight` at once; the client going away aborts the
 * forwarded request.
 */
export function proxyTo(app: AppAddress, maxInFlight = DEFAULT_MAX_PROXIED): Fetch {
  const origin = 'unix' in app ? 'http://localhost' : `http://127.0.0.1:${app.port}`;
  const via = 'unix' in app ? { unix: app.unix } : {};
  let inFlight = 0;
  return async (request) => {
    if (inFlight >= maxInFlight) return busy(maxInFlight);
    inFlight++;
    let open = true;
    const release = () => {
      if (open) inFlight--;
      open = false;
    };
    let answer: Response;
    try {
      answer = await fetch(`${origin}${pathAndQuery(request.url)}`, {
        ...via,
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: request.signal,
        decompress: false,
      });
    } catch {
      release();
      return badGateway();
    }
    if (!answer.body) {
      release();
      return answer;
    }
    return new Response(untilDone(answer.body, release), {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
  };
}
