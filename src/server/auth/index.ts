// The access plugin: the Host check, CORS for one origin (--cors) and Bearer-token checks (--token) before routing.
// Without --cors or --token it adds only the Host check.
import { Elysia } from 'elysia';
import { HttpError } from '../errors.ts';
import type { AccessConfig } from '../types.ts';
import { corsHeaders, isPreflight, preflightResponse } from './cors.ts';
import { allowedHosts, hostRefusalMessage, isAllowedHost } from './host-check.ts';
import { isOpenRequest } from './open-paths.ts';
import { bearerToken, tokenMatcher } from './token.ts';

export class UnauthorizedError extends HttpError {
  constructor(message: string, invalid: boolean) {
    super(401, 'unauthorized', message, undefined, {
      'www-authenticate': invalid ? 'Bearer realm="cco", error="invalid_token"' : 'Bearer realm="cco"',
    });
  }
}

/** A Host this daemon does not answer to (DNS rebinding, see host-check.ts). */
export class HostNotAllowedError extends HttpError {
  constructor(header: string) {
    super(403, 'host_not_allowed', hostRefusalMessage(header));
  }
}

/** Named plugin of onRequest hooks (they run before routing, for every request, matched or not). */
export const accessControl = (access: AccessConfig = {}) => {
  const plugin = new Elysia({ name: 'access' });
  const { token, corsOrigin } = access;
  // First: a page that reached the daemon through DNS rebinding gets nothing, not even a CORS answer.
  const hosts = allowedHosts(access.allowedHosts);
  plugin.onRequest(({ request }) => {
    const host = request.headers.get('host');
    if (!isAllowedHost(host, hosts)) throw new HostNotAllowedError(host ?? '');
  });
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
      if (given === undefined)
        throw new UnauthorizedError('this daemon requires a token: send Authorization: Bearer <token>', false);
      if (!matches(given)) throw new UnauthorizedError('the bearer token is not valid', true);
    });
  }
  return plugin;
};
