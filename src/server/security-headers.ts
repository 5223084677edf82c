// Headers on every answer (the app's and the HTTP front's): `nosniff`, so no body is ever run or rendered as another
// type than it says, and the Content-Security-Policy every HTML page sends (the dashboard and Swagger UI: own scripts
// and styles only, never framed). No Elysia here: the front worker imports it too.

export const NOSNIFF = { 'x-content-type-options': 'nosniff' } as const;

/** JSON's content type as Bun writes a Blob's type on the wire (without the space), so every JSON answer sends the same. */
export const JSON_TYPE = 'application/json;charset=utf-8';
/** The headers of a JSON answer built outside Elysia (which sets its own); nosniff as on every answer. */
export const JSON_HEADERS = { 'content-type': JSON_TYPE, ...NOSNIFF } as const;

/** For HTML pages: only this origin's own scripts, styles and API; no inline code, no framing. */
export const HTML_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers of an HTML page (besides its content-type). */
export const HTML_HEADERS = {
  ...NOSNIFF,
  'content-security-policy': HTML_CSP,
  'referrer-policy': 'no-referrer',
} as const;
