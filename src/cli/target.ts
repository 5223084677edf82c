// Which daemon a client command talks to (--url, else CCO_URL, else the one `cco daemon start` runs, else 127.0.0.1:3000)
// and with which token (--token, else CCO_TOKEN, else the managed daemon's own --token).
import { homedir } from 'node:os';
import { lookupDaemon } from './daemon/lookup.ts';
import { stateDir, statePaths, tokenOf } from './daemon/state.ts';
import { UsageError } from './errors.ts';
import type { Env } from './io.ts';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

export const clientArgs = {
  url: {
    type: 'string',
    description: `Daemon to ask (default: CCO_URL, the daemon 'cco daemon start' runs, ${DEFAULT_URL})`,
    valueHint: 'url',
  },
  token: { type: 'string', description: 'Bearer token for the API (default: CCO_TOKEN)', valueHint: 'token' },
} as const;

export interface Target {
  readonly url: string;
  /** Named with --url: the user asked for this daemon, so nothing else may stand in for it. */
  readonly explicit: boolean;
  readonly token?: string;
}

/** An http(s) base URL; `host:port` gets http:// in front. Trailing slashes are dropped. */
export function parseBaseUrl(raw: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim()) ? raw.trim() : `http://${raw.trim()}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`invalid URL '${raw}': expected something like http://127.0.0.1:3000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`invalid URL '${raw}': only http and https are supported`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export function resolveTarget(
  flags: { readonly url?: string; readonly token?: string },
  env: Env,
  home = homedir(),
): Target {
  const token = flags.token ?? (env.CCO_TOKEN || undefined);
  if (flags.url !== undefined) return { url: parseBaseUrl(flags.url), explicit: true, token };
  if (env.CCO_URL) return { url: parseBaseUrl(env.CCO_URL), explicit: false, token };
  const managed = lookupDaemon(statePaths(stateDir(undefined, env, home)));
  if (managed.state === 'running' && managed.record) {
    // A daemon started with --token: its own token, unless one was given here.
    return { url: managed.record.url, explicit: false, token: token ?? tokenOf(managed.record.serve_args) };
  }
  return { url: DEFAULT_URL, explicit: false, token };
}
