// The config file: `$XDG_CONFIG_HOME/cco/config.toml` (else ~/.config/cco/config.toml, or config.json beside it):
// [budgets], [alerts] and [pricing."<model>"].
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { priceOverridesFrom } from '../pricing/overrides.ts';
import type { PriceOverride } from '../pricing/types.ts';
import { alertConfigFrom, ConfigError, type AlertConfig } from './budgets.ts';

/** The config files looked for when none is named, in order. */
export function defaultConfigPaths(env: Readonly<Record<string, string | undefined>>, home: string): string[] {
  const dir = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'cco');
  return [join(dir, 'config.toml'), join(dir, 'config.json')];
}

/** The file `loadAlertConfig` reads: `path` when named, else the first default one that exists. */
export function findConfigFile(path: string | undefined, env: Readonly<Record<string, string | undefined>>, home: string): string | undefined {
  return path ?? defaultConfigPaths(env, home).find((p) => existsSync(p));
}

/** What the config file sets: alert settings and price overrides. */
export interface ConfigFileSettings {
  readonly alerts: AlertConfig;
  readonly pricing: readonly PriceOverride[];
  /** The file read, if any. */
  readonly path?: string;
}

/** Reads `path` (TOML, or JSON when it ends in .json); a named file must exist, a default one may not. */
export function loadConfigFile(path: string | undefined, env: Readonly<Record<string, string | undefined>>, home: string): ConfigFileSettings {
  const file = findConfigFile(path, env, home);
  if (file === undefined) return { alerts: { budgets: {} }, pricing: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : Bun.TOML.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'TOML'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const alerts = alertConfigFrom(doc, file);
  return { alerts, pricing: priceOverridesFrom(doc as Record<string, unknown>, file), path: file };
}

/** The alert settings of the config file (see loadConfigFile). */
export function loadAlertConfig(path: string | undefined, env: Readonly<Record<string, string | undefined>>, home: string): { config: AlertConfig; path?: string } {
  const { alerts, path: file } = loadConfigFile(path, env, home);
  return file === undefined ? { config: alerts } : { config: alerts, path: file };
}
