// Rejects flags a command does not declare: citty accepts anything, cco answers exit 2.
import type { ArgsDef } from 'citty';
import { UsageError } from './errors.ts';

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

interface FlagSpec {
  readonly name: string;
  readonly takesValue: boolean;
}

function flagTable(args: ArgsDef): Map<string, FlagSpec> {
  const table = new Map<string, FlagSpec>();
  for (const [name, def] of Object.entries(args)) {
    if (def.type === 'positional') continue;
    const spec = { name: kebab(name), takesValue: def.type === 'string' || def.type === 'enum' };
    const alias = 'alias' in def ? def.alias : undefined;
    const aliases = alias === undefined ? [] : Array.isArray(alias) ? alias : [alias];
    for (const key of [name, kebab(name), ...aliases]) table.set(key, spec);
    if (def.type === 'boolean') table.set(`no-${kebab(name)}`, spec);
  }
  table.set('help', { name: 'help', takesValue: false });
  table.set('h', { name: 'help', takesValue: false });
  return table;
}

/** Throws a UsageError for the first unknown flag, missing value or unexpected positional. */
export function assertKnownArgs(rawArgs: readonly string[], args: ArgsDef, command: string): void {
  const table = flagTable(args);
  const positionals = Object.values(args).filter((d) => d.type === 'positional').length;
  let seenPositionals = 0;
  for (let i = 0; i < rawArgs.length; i++) {
    const token = rawArgs[i] ?? '';
    if (token === '--') return;
    if (!token.startsWith('-') || token === '-') {
      seenPositionals++;
      if (seenPositionals > positionals) {
        throw new UsageError(`unexpected argument '${token}' for 'cco ${command}'`, `run 'cco ${command} --help'`);
      }
      continue;
    }
    const body = token.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const key = eq === -1 ? body : body.slice(0, eq);
    const spec = table.get(key);
    if (!spec) {
      throw new UsageError(
        `unknown option '${token.split('=')[0]}' for 'cco ${command}'`,
        `run 'cco ${command} --help'`,
      );
    }
    if (spec.takesValue && eq === -1) {
      const next = rawArgs[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        throw new UsageError(`option '--${spec.name}' needs a value`, `run 'cco ${command} --help'`);
      }
      i++;
    }
  }
}
