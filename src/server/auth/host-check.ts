// The Host check against DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1 reaches the
// daemon with `Host: evil.example`, so only names that cannot be rebound (localhost, *.localhost, IP literals) and
// the ones the user allows (--allowed-host, allowed_hosts) are answered, as Vite's and webpack-dev-server's
// allowedHosts and Jupyter's local host check do. No Elysia here: the HTTP front worker checks with it too.
import { isIP } from 'node:net';

/** Longest Host value echoed back in the refusal, characters. */
const ECHO_LIMIT = 120;

/** The names a daemon answers besides the built-in ones: exact names, and `.example.com` for it and its subdomains. */
export interface AllowedHosts {
  readonly names: ReadonlySet<string>;
  /** `.example.com` entries, dot included. */
  readonly suffixes: readonly string[];
}

/** Why a name cannot be allowed (`--allowed-host`, `allowed_hosts`), or undefined: a DNS name, optionally `.`-led. */
export function allowedHostProblem(name: string): string | undefined {
  const bare = name.startsWith('.') ? name.slice(1) : name;
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*$/.test(bare) || bare.length > 253) {
    return 'expected a host name such as my-laptop or dash.example.com (or .example.com for it and its subdomains), without port or scheme';
  }
  return undefined;
}

/** The set to check against; names are compared without case. */
export function allowedHosts(names: readonly string[] = []): AllowedHosts {
  const lower = names.map((n) => n.toLowerCase());
  return { names: new Set(lower.filter((n) => !n.startsWith('.'))), suffixes: lower.filter((n) => n.startsWith('.')) };
}

/** The host part of a Host header (`name`, `1.2.3.4` or `[::1]`, lower case), or undefined when it is malformed. */
export function hostOf(header: string): string | undefined {
  let host = header;
  let port = '';
  if (header.startsWith('[')) {
    const end = header.indexOf(']');
    if (end === -1 || isIP(header.slice(1, end)) !== 6) return undefined;
    host = header.slice(0, end + 1);
    port = header.slice(end + 1);
  } else {
    const colon = header.indexOf(':');
    if (colon !== -1) {
      host = header.slice(0, colon);
      port = header.slice(colon);
    }
  }
  if (port !== '' && !/^:\d{1,5}$/.test(port)) return undefined;
  return host === '' ? undefined : host.toLowerCase();
}

/** Whether a Host header names this daemon; a request without one (HTTP/1.0) cannot come from a browser page. */
export function isAllowedHost(header: string | null, allowed: AllowedHosts): boolean {
  if (header === null) return true;
  const host = hostOf(header);
  if (host === undefined) return false;
  if (host === 'localhost' || host.endsWith('.localhost') || host.startsWith('[') || isIP(host) === 4) return true;
  if (allowed.names.has(host)) return true;
  return allowed.suffixes.some((suffix) => host.endsWith(suffix) || host === suffix.slice(1));
}

/** The refusal's message: what was refused and the flag that allows it. */
export function hostRefusalMessage(header: string): string {
  const shown = header.length > ECHO_LIMIT ? `${header.slice(0, ECHO_LIMIT)}…` : header;
  const name = hostOf(header);
  const flag = name === undefined ? '--allowed-host NAME' : `--allowed-host ${name}`;
  return `Host '${shown}' is not allowed: cco answers localhost, *.localhost, IP addresses and the names given with --allowed-host or allowed_hosts in the config file (restart it with ${flag} to allow this one)`;
}
