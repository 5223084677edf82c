// `[remote_write]` of the config file (and `--remote-write URL`): the receiver, its credentials (read from files at
// start, never written in the config), extra headers and the push interval.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../platform/config-error.ts';
import { parseDuration } from '../platform/duration.ts';
import { errorMessage } from '../platform/error-message.ts';
import type { RemoteWriteConfig } from '../push/types.ts';

export type { RemoteWriteConfig };

export const REMOTE_WRITE_DEFAULTS = {
  intervalMs: 15_000,
  timeoutMs: 10_000,
  /** About a day of samples for some 60 series at 15 s, a few MB in the store. */
  maxBacklogSamples: 500_000,
} as const;

const KEYS = [
  'url',
  'bearer_token_file',
  'basic_auth',
  'headers',
  'interval',
  'timeout',
  'max_backlog_samples',
] as const;
/** Headers the protocol sets itself. */
const RESERVED = new Set([
  'content-type',
  'content-encoding',
  'x-prometheus-remote-write-version',
  'user-agent',
  'host',
]);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An http(s) URL. */
export function parseRemoteWriteUrl(value: unknown, where: string): string {
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw new ConfigError(
      `${where} must be an http(s) URL such as http://prometheus:9090/api/v1/write, not ${JSON.stringify(value)}`,
    );
  return value;
}

function secretFrom(path: unknown, where: string): string {
  if (typeof path !== 'string' || path === '') throw new ConfigError(`${where} must be a file path`);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(`${where}: cannot read ${path} (${errorMessage(error)})`);
  }
}

function durationOf(value: unknown, where: string, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined || ms < 100)
    throw new ConfigError(
      `${where} must be a duration like "15s" or "500ms" (at least 100ms), not ${JSON.stringify(value)}`,
    );
  return ms;
}

function authHeader(section: Record<string, unknown>, where: string): string | undefined {
  const { bearer_token_file: tokenFile, basic_auth: basic } = section;
  if (tokenFile !== undefined && basic !== undefined)
    throw new ConfigError(`${where}: set bearer_token_file or basic_auth, not both`);
  if (tokenFile !== undefined) return `Bearer ${secretFrom(tokenFile, `${where}.bearer_token_file`)}`;
  if (basic === undefined) return undefined;
  if (!isRecord(basic)) throw new ConfigError(`${where}.basic_auth must be a table with username and password_file`);
  for (const key of Object.keys(basic))
    if (key !== 'username' && key !== 'password_file')
      throw new ConfigError(`${where}.basic_auth: unknown setting '${key}' (expected username, password_file)`);
  if (typeof basic.username !== 'string' || basic.username === '')
    throw new ConfigError(`${where}.basic_auth.username must be a name`);
  const password =
    basic.password_file === undefined ? '' : secretFrom(basic.password_file, `${where}.basic_auth.password_file`);
  return `Basic ${Buffer.from(`${basic.username}:${password}`).toString('base64')}`;
}

/** `[remote_write]` checked; `url` may be left to `--remote-write`. */
export type RemoteWriteSection = Omit<RemoteWriteConfig, 'url'> & { readonly url?: string };

/** Checks `[remote_write]` (reading its credential files). */
export function remoteWriteFrom(section: unknown, source: string): RemoteWriteSection {
  const where = `${source}: remote_write`;
  if (!isRecord(section)) throw new ConfigError(`${where} must be a table`);
  for (const key of Object.keys(section))
    if (!KEYS.some((k) => k === key))
      throw new ConfigError(`${where}: unknown setting '${key}' (expected ${KEYS.join(', ')})`);
  const url = section.url === undefined ? undefined : parseRemoteWriteUrl(section.url, `${where}.url`);
  const headers: Record<string, string> = {};
  if (section.headers !== undefined) {
    if (!isRecord(section.headers)) throw new ConfigError(`${where}.headers must be a table of header = "value"`);
    for (const [name, value] of Object.entries(section.headers)) {
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) || typeof value !== 'string')
        throw new ConfigError(`${where}.headers: '${name}' must be a header name with a string value`);
      if (RESERVED.has(name.toLowerCase()) || name.toLowerCase() === 'authorization')
        throw new ConfigError(
          `${where}.headers: '${name}' is set by cco (use bearer_token_file or basic_auth for Authorization)`,
        );
      headers[name] = value;
    }
  }
  const auth = authHeader(section, where);
  if (auth !== undefined) headers.authorization = auth;
  const max = section.max_backlog_samples ?? REMOTE_WRITE_DEFAULTS.maxBacklogSamples;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1)
    throw new ConfigError(`${where}.max_backlog_samples must be a whole number above 0`);
  return {
    ...(url === undefined ? {} : { url }),
    headers,
    intervalMs: durationOf(section.interval, `${where}.interval`, REMOTE_WRITE_DEFAULTS.intervalMs),
    timeoutMs: durationOf(section.timeout, `${where}.timeout`, REMOTE_WRITE_DEFAULTS.timeoutMs),
    maxBacklogSamples: max,
  };
}

/**
 * Remote write as `cco serve` runs it: `--remote-write URL` over the file's `[remote_write]` (whose other settings
 * still apply); undefined when neither names a URL and there is no section.
 */
export function remoteWriteConfig(
  section: RemoteWriteSection | undefined,
  flagUrl: string | undefined,
  source: string,
): RemoteWriteConfig | undefined {
  const url = flagUrl === undefined ? section?.url : parseRemoteWriteUrl(flagUrl, '--remote-write');
  if (url === undefined) {
    if (section) throw new ConfigError(`${source}: remote_write.url is missing (set it, or pass --remote-write URL)`);
    return undefined;
  }
  return { headers: {}, ...REMOTE_WRITE_DEFAULTS, ...section, url };
}
