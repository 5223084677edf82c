// The access plugin: CORS for one origin (--cors) and Bearer-token checks (--token) before routing.
// With neither configured it adds no hook at all, so the default loopback daemon pays nothing per request.
import { Elysia } from 'elysia';
import { HttpError } from '../errors.ts';
import type { AccessConfig } from '../types.ts';
import { corsHeaders, isPreflight, preflightResponse } from './cors.ts';
import { isOpenRequest } from './open-paths.ts';
import { bearerToken, tokenMatcher } from './token.ts';

export class UnauthorizedError extends HttpError {
  constructor(message: string, invalid: boolean) {
    super(401, 'unauthorized', message, undefined, { 'www-authenticate': invalid ? 'Bearer realm="cco", error="invalid_token"' : 'Bearer realm="cco"' });
  }
}

/** Named plugin of onRequest hooks (they run before routing, for every request, matched or not). */
export const accessControl = (access: AccessConfig = {}) => {
  const plugin = new Elysia({ name: 'access' });
  const { token, corsOrigin } = access;
  if (corsOrigin !== undefined) {
    const headers = corsHeaders(corsOrigin);
    plugin.onRequest(({ request, set }) => {
      Object.assign(set.headers, headers);
      if (isPreflight(request)) return preflightResponse(corsOrigin);
    });
  }
  if (token !== undefined) {
    const matches = tokenMatcher(token);
    plugin.onRequest(({ request }) => {
      if (isOpenRequest(request.url)) return;
      const given = bearerToken(request.headers.get('authorization'));
      if (given === undefined) throw new UnauthorizedError('this daemon requires a token: send Authorization: Bearer <token>', false);
      if (!matches(given)) throw new UnauthorizedError('the bearer token is not valid', true);
    });
  }
  return plugin;
};
