// The Host check (auth/host-check.ts) at the HTTP front, for every request it takes: those it answers itself
// (/api/stats, /api/health) and those it hands to the app, which checks again (it can listen on its own in tests).
import { allowedHosts, hostRefusalMessage, isAllowedHost } from '../auth/host-check.ts';
import { JSON_HEADERS } from '../security-headers.ts';
import type { Fetch } from '../stats/fast-route.ts';

const refusal = (host: string): Response =>
  new Response(JSON.stringify({ error: 'host_not_allowed', message: hostRefusalMessage(host) }), {
    status: 403,
    headers: JSON_HEADERS,
  });

/** Wraps a handler: a request whose Host is not allowed gets the app's 403 JSON instead. */
export function hostGuard(names: readonly string[]): (handler: Fetch) => Fetch {
  const allowed = allowedHosts(names);
  return (handler) => (request) => {
    const host = request.headers.get('host');
    return isAllowedHost(host, allowed) ? handler(request) : refusal(host ?? '');
  };
}
