// Typed HTTP errors and the one place that turns any error into a JSON body (never a stack trace).
import { Elysia, type ErrorHandler } from 'elysia';
import { JSON_TYPE } from './security-headers.ts';

/** A client error with a status and a machine-readable code; rendered as `{error, message}` plus `headers`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers: Retry-After, WWW-Authenticate, Allow. */
    readonly headers: Readonly<Record<string, string>> = {},
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

/** What was asked for does not exist (a session id no log has). */
export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

/** Longest piece of the request (a path, a value) echoed back in an error message, characters. */
const ECHO_LIMIT = 120;
const echo = (text: string): string => (text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}…` : text);

const json = (
  status: number,
  body: Record<string, unknown>,
  headers: Readonly<Record<string, string>> = {},
): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, 'content-type': JSON_TYPE },
  });

/** A validation failure in one line: the schema's own `error` text when it has one, else what was expected where. */
function validationMessage(error: unknown): string {
  const { message, type, valueError } = error as {
    message?: string;
    type?: string;
    valueError?: { path?: string; message?: string };
  };
  const first = message?.split('\n')[0] ?? '';
  if (first && !first.startsWith('{')) return echo(first);
  const where = valueError?.path ? ` ${valueError.path.replace(/^\//, '')}` : '';
  return echo(`invalid ${type ?? 'request'}${where}: ${valueError?.message ?? 'does not match the schema'}`);
}

/**
 * Maps every error to JSON: our HttpErrors as they are, Elysia's own codes to 4xx, anything else a bare 500.
 * Headers set earlier in the request (CORS) are kept: Elysia merges `set.headers` into the returned Response.
 */
export const errorHandler = new Elysia({ name: 'errors' }).onError({ as: 'global' }, (context) => {
  const response = errorResponse(context);
  // onAfterResponse hooks (the request counter) read the status from `set`; they never see the Response returned here.
  context.set.status = response.status;
  return response;
});

function errorResponse({ code, error, path }: Parameters<ErrorHandler>[0]): Response {
  if (error instanceof HttpError)
    return json(error.status, { error: error.code, message: error.message, ...error.details }, error.headers);
  // `throw status(4xx)` inside Elysia arrives with the status as its code.
  if (typeof code === 'number')
    return code >= 400 && code < 500
      ? json(code, { error: 'client_error', message: `request refused (${code})` })
      : json(500, { error: 'internal', message: 'internal error' });
  switch (code) {
    case 'NOT_FOUND':
      return json(404, { error: 'not_found', message: `no route for ${echo(path ?? '')}` });
    case 'VALIDATION':
      return json(400, { error: 'bad_request', message: validationMessage(error) });
    case 'PARSE':
      return json(400, { error: 'bad_request', message: 'the request body could not be parsed' });
    case 'INVALID_COOKIE_SIGNATURE':
      return json(400, { error: 'bad_request', message: 'a signed cookie did not verify' });
    case 'INVALID_FILE_TYPE':
      return json(400, { error: 'bad_request', message: 'an uploaded file has a type this route does not accept' });
    default:
      // 'UNKNOWN' / 'INTERNAL_SERVER_ERROR': a bug on our side; the message and stack stay out of the response.
      return json(500, { error: 'internal', message: 'internal error' });
  }
}
