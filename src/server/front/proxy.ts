// Hands a request to the app's private listener and its answer back, streamed both ways (event streams included).
import { NOSNIFF } from '../security-headers.ts';
import type { Fetch } from '../stats/fast-route.ts';
import type { AppAddress } from './protocol.ts';

/** The path and query of a request URL as Bun gives it (`http://host:port/path?query`). */
export function pathAndQuery(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? '/' : url.slice(slash);
}

const badGateway = () =>
  new Response(JSON.stringify({ error: 'unavailable', message: 'the API is not answering' }), {
    status: 502,
    headers: { 'content-type': 'application/json', ...NOSNIFF },
  });

/** A fetch handler that forwards to the app's listener; the client going away aborts the forwarded request. */
export function proxyTo(app: AppAddress): Fetch {
  const origin = 'unix' in app ? 'http://localhost' : `http://127.0.0.1:${app.port}`;
  const via = 'unix' in app ? { unix: app.unix } : {};
  return async (request) => {
    try {
      return await fetch(`${origin}${pathAndQuery(request.url)}`, {
        ...via,
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: request.signal,
        decompress: false,
      });
    } catch {
      return badGateway();
    }
  };
}
