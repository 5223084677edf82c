// The `cco serve` flags that `daemon start|restart` accept and forward: read from serve's own definition, so they never drift.
import type { ArgsDef } from 'citty';
import { repeatedFlag } from '../access-flags.ts';
import { parseHost, parseMaxEventClients, parsePort } from '../parse.ts';

/** serve's flag definitions (loads the serve command module). */
export async function serveFlagDefs(): Promise<ArgsDef> {
  const serve = (await import('../serve.ts')).default;
  const args = typeof serve.args === 'function' ? await serve.args() : await serve.args;
  return args ?? {};
}

/** Checks what can be checked before spawning, so a bad value is a usage error (exit 2) here, not a failed start. */
export async function checkServeFlags(values: Readonly<Record<string, unknown>>): Promise<void> {
  if (typeof values.port === 'string') parsePort(values.port);
  if (typeof values.host === 'string') parseHost(values.host);
  if (typeof values['max-event-clients'] === 'string') parseMaxEventClients(values['max-event-clients']);
  if (typeof values.interval === 'string') (await import('../serve.ts')).parseInterval(values.interval);
}

/** Flags serve takes more than once (citty keeps only the last value; each is read from the raw arguments). */
const REPEATABLE: ReadonlySet<string> = new Set(['allowed-host']);

/**
 * The serve flags to pass on: each one whose value differs from serve's default, as `--name=value` / `--name` /
 * `--no-name`; a repeatable flag once per value.
 */
export function forwardedFlags(
  defs: ArgsDef,
  values: Readonly<Record<string, unknown>>,
  rawArgs: readonly string[] = [],
): string[] {
  const out: string[] = [];
  for (const [name, def] of Object.entries(defs)) {
    const value = values[name];
    if (REPEATABLE.has(name)) {
      for (const each of repeatedFlag(rawArgs, name)) out.push(`--${name}=${each}`);
    } else if (def.type === 'boolean') {
      const fallback = def.default ?? false;
      if (typeof value === 'boolean' && value !== fallback) out.push(value ? `--${name}` : `--no-${name}`);
    } else if (def.type === 'string' || def.type === 'enum') {
      if (typeof value === 'string' && value !== def.default) out.push(`--${name}=${value}`);
    }
  }
  return out;
}

/** True when the command line names any serve flag (restart then uses these instead of the recorded ones). */
export function namesServeFlag(defs: ArgsDef, rawArgs: readonly string[]): boolean {
  const names = new Set(Object.keys(defs).flatMap((n) => [`--${n}`, `--no-${n}`]));
  return rawArgs.some((token) => names.has(token.split('=')[0] ?? ''));
}
