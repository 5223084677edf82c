// Typed HTTP errors and the one place that turns any error into a JSON body.
import { Elysia } from 'elysia';

/** A client error with a status and a machine-readable code; rendered as `{error, message}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'bad_request', message, details);
  }
}

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

/** Maps every error to JSON: our HttpErrors as they are, Elysia's validation/404 codes, anything else a bare 500. */
export const errorHandler = new Elysia({ name: 'errors' }).onError({ as: 'global' }, ({ code, error, path }) => {
  if (error instanceof HttpError) {
    const headers: Record<string, string> = 'retryAfterS' in error ? { 'retry-after': String(error.retryAfterS) } : {};
    return json(error.status, { error: error.code, message: error.message, ...error.details }, headers);
  }
  switch (code) {
    case 'NOT_FOUND':
      return json(404, { error: 'not_found', message: `no route for ${path}` });
    case 'VALIDATION':
      return json(400, { error: 'bad_request', message: error.message.split('\n')[0] ?? 'invalid request' });
    case 'PARSE':
      return json(400, { error: 'bad_request', message: 'the request body could not be parsed' });
    default:
      return json(500, { error: 'internal', message: 'internal error' });
  }
});
