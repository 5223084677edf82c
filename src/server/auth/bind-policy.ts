// Who may reach the daemon: loopback binds are open unless a token is given; any other bind requires a token.
import { isIP } from 'node:net';
import type { AccessConfig } from '../types.ts';
import { generateToken } from './token.ts';

/** Shortest token accepted from `--token`/`CCO_TOKEN`; generated ones are 43 characters. */
export const MIN_TOKEN_LENGTH = 16;

/** RFC 6750 token68 characters: what a Bearer credential may hold. */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/** True for addresses only this machine can reach: `localhost`, 127.0.0.0/8, `::1` (also IPv4-mapped). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) !== 6) return false;
  // The URL parser canonicalises IPv6 (0:0:0:0:0:0:0:1 → ::1, ::ffff:127.0.0.1 → ::ffff:7f00:1).
  const canonical = new URL(`http://[${host}]`).hostname;
  return canonical === '[::1]' || canonical.startsWith('[::ffff:7f');
}

/** Why a token is refused, or undefined when it is usable. */
export function tokenProblem(token: string): string | undefined {
  if (token.length < MIN_TOKEN_LENGTH) return `it is ${token.length} characters; use at least ${MIN_TOKEN_LENGTH}`;
  if (!TOKEN68.test(token)) return 'use only letters, digits and - . _ ~ + / (then any = padding)';
  return undefined;
}

/** Why a CORS origin is refused, or undefined: it must be exactly `http(s)://host[:port]`, as browsers send it. */
export function corsOriginProblem(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'expected an origin like http://localhost:5173';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https origins are allowed';
  if (url.origin !== origin) return `an origin has no path, query or trailing slash (did you mean ${url.origin}?)`;
  return undefined;
}

export interface AccessDecision {
  readonly access: AccessConfig;
  /** Set when the token was made here: the caller prints it once. */
  readonly generatedToken?: string;
}

/** The access config for a bind: the given token (if any), else a generated one when the address is not loopback. */
export function decideAccess(options: {
  readonly hostname: string;
  readonly token?: string;
  readonly corsOrigin?: string;
}): AccessDecision {
  const { hostname, token, corsOrigin } = options;
  if (token !== undefined) return { access: { token, corsOrigin } };
  if (isLoopbackHost(hostname)) return { access: { corsOrigin } };
  const generated = generateToken();
  return { access: { token: generated, corsOrigin }, generatedToken: generated };
}
