// The access flags of `cco serve`: where the token comes from (--token-file, CCO_TOKEN, or --token with a warning:
// command lines are visible to every local user), which Host names are answered (--allowed-host, allowed_hosts) and
// the CORS origin.
import { isIP } from 'node:net';
import { ConfigError } from '../alerts/budgets.ts';
import { readConfigTextSync } from '../config/config-text.ts';
import { corsOriginProblem, isLoopbackHost, tokenProblem } from '../server/auth/bind-policy.ts';
import { allowedHostProblem } from '../server/auth/host-check.ts';
import { UsageError } from './errors.ts';
import type { Env } from './io.ts';

export const accessArgs = {
  'token-file': {
    type: 'string',
    description:
      'Require Authorization: Bearer TOKEN on all but /api/health and /swagger, TOKEN read from this file (or set CCO_TOKEN; generated and printed when --host is not loopback)',
    valueHint: 'path',
  },
  token: {
    type: 'string',
    description: 'The token itself (visible to other users in ps: prefer --token-file or CCO_TOKEN)',
    valueHint: 'token',
  },
  'allowed-host': {
    type: 'string',
    description:
      'Also answer requests for this Host name (repeatable; .example.com for it and its subdomains); localhost and IP addresses always are',
    valueHint: 'name',
  },
  cors: {
    type: 'string',
    description:
      'Let browser pages from this origin call the API (e.g. http://localhost:5173); no CORS headers without it',
    valueHint: 'origin',
  },
} as const;

/** The warning printed when the token is on the command line. */
export const TOKEN_ON_COMMAND_LINE =
  '--token on the command line is visible to every local user (ps); use --token-file PATH or CCO_TOKEN instead';

/** Largest token file, bytes. */
const TOKEN_FILE = { label: 'token file', maxBytes: 4096 } as const;

/** A token: a Bearer credential of at least 16 token68 characters. */
export function parseToken(raw: string, source: string): string {
  const problem = tokenProblem(raw);
  if (problem)
    throw new UsageError(
      `invalid token from ${source}: ${problem}`,
      'leave it out on a non-loopback --host and cco generates one',
    );
  return raw;
}

/** The token in a file: its first line, surrounding whitespace dropped. */
export function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readConfigTextSync(path, TOKEN_FILE);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  return parseToken((text.split('\n')[0] ?? '').trim(), `--token-file ${path}`);
}

/** --token, else --token-file, else CCO_TOKEN (an empty one is unset); undefined when none. */
export function tokenFromFlags(
  flags: { readonly token?: string; readonly 'token-file'?: string },
  env: Env,
  warn: (line: string) => void,
): string | undefined {
  if (flags.token !== undefined && flags['token-file'] !== undefined)
    throw new UsageError('give either --token or --token-file, not both');
  if (flags.token !== undefined) {
    warn(TOKEN_ON_COMMAND_LINE);
    return parseToken(flags.token, '--token');
  }
  if (flags['token-file'] !== undefined) return readTokenFile(flags['token-file']);
  return env.CCO_TOKEN ? parseToken(env.CCO_TOKEN, 'CCO_TOKEN') : undefined;
}

/** `--cors`: one exact origin, `http(s)://host[:port]`. */
export function parseCorsOrigin(raw: string): string {
  const problem = corsOriginProblem(raw);
  if (problem) throw new UsageError(`invalid CORS origin '${raw}': ${problem}`);
  return raw;
}

/** Every value of a repeatable flag, in order (citty keeps only the last): `--name V`, `--name=V`, commas splitting. */
export function repeatedFlag(rawArgs: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const token = rawArgs[i] ?? '';
    if (token === '--') break;
    if (token === `--${name}`) values.push(rawArgs[++i] ?? '');
    else if (token.startsWith(`--${name}=`)) values.push(token.slice(name.length + 3));
  }
  return values.flatMap((v) => v.split(',')).map((v) => v.trim());
}

/**
 * The Host names to answer besides localhost and IP literals: `--allowed-host` values, the config file's
 * `allowed_hosts`, and the --host bind address when it is a name (it is how the user reaches the daemon).
 */
export function allowedHostsFrom(
  flagValues: readonly string[],
  fromFile: { readonly names: readonly string[]; readonly file?: string },
  bindHost: string,
): string[] {
  const check = (name: string, source: string) => {
    const problem = allowedHostProblem(name);
    if (problem) throw new UsageError(`invalid allowed host '${name.slice(0, 60)}' from ${source}: ${problem}`);
    return name;
  };
  const names = [
    ...flagValues.map((n) => check(n, '--allowed-host')),
    ...fromFile.names.map((n) => check(n, `${fromFile.file ?? 'the config file'}: allowed_hosts`)),
  ];
  if (isIP(bindHost) === 0 && !isLoopbackHost(bindHost) && allowedHostProblem(bindHost) === undefined)
    names.push(bindHost);
  return [...new Set(names.map((n) => n.toLowerCase()))];
}
