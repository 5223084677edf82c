// What the API accepts before routing: GET/HEAD only, URLs of bounded length, query strings that parse one way.
// Everything refused here is a 4xx JSON answer; Bun.serve itself refuses what never reaches the app (see README).
import { Elysia } from 'elysia';
import { BadRequestError, HttpError } from './errors.ts';

/** Longest path + query string accepted, characters (the URL as sent, percent-encoded). */
export const MAX_URL_LENGTH = 4096;
/** Largest request body Bun.serve reads, bytes: the API takes none. */
export const MAX_BODY_BYTES = 1024;

export class MethodNotAllowedError extends HttpError {
  constructor(method: string) {
    super(
      405,
      'method_not_allowed',
      `${method.slice(0, 20)} is not supported: the API is read-only (GET, HEAD)`,
      undefined,
      { allow: 'GET, HEAD' },
    );
  }
}

export class UriTooLongError extends HttpError {
  constructor(length: number) {
    super(414, 'uri_too_long', `the path and query are ${length} characters; at most ${MAX_URL_LENGTH}`);
  }
}

const decode = (text: string): string | undefined => {
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
};

/** Throws a BadRequestError for bad percent-encoding, a repeated key, or `key[]`/`key[x]` array/object syntax. */
export function checkQueryString(query: string): void {
  const seen = new Set<string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    if (key === undefined || (eq !== -1 && decode(part.slice(eq + 1)) === undefined)) {
      throw new BadRequestError('malformed query string: invalid percent-encoding');
    }
    const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
    if (key.includes('[') || key.includes(']'))
      throw new BadRequestError(`query parameter '${shown}': arrays and objects are not accepted`);
    if (seen.has(key)) throw new BadRequestError(`query parameter '${shown}' is given more than once`);
    seen.add(key);
  }
}

export const requestGuard = new Elysia({ name: 'request-guard' }).onRequest(({ request }) => {
  const { method, url } = request;
  if (method !== 'GET' && method !== 'HEAD') throw new MethodNotAllowedError(method);
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start === -1) return;
  if (url.length - start > MAX_URL_LENGTH) throw new UriTooLongError(url.length - start);
  const query = url.indexOf('?', start);
  if (query !== -1) checkQueryString(url.slice(query + 1));
});
