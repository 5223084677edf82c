// CORS for one configured origin (`--cors ORIGIN`): the allow-origin headers and the preflight answer.

/** Headers every response carries when CORS is on; without `--cors` there are none. */
export const corsHeaders = (origin: string): Record<string, string> => ({
  'access-control-allow-origin': origin,
  vary: 'Origin',
});

/** A browser's CORS preflight: OPTIONS naming the method it wants to use. */
export const isPreflight = (request: Request): boolean =>
  request.method === 'OPTIONS' && request.headers.has('access-control-request-method');

/** Seconds a browser may cache the preflight answer. */
const PREFLIGHT_MAX_AGE_S = 600;

/** 204 allowing GET with an Authorization header from `origin`; needs no token (browsers never send one here). */
export const preflightResponse = (origin: string): Response =>
  new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      'access-control-allow-methods': 'GET',
      'access-control-allow-headers': 'Authorization',
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
    },
  });
