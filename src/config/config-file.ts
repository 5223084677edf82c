// The config file: `config.toml` (or config.json beside it) in cco's config folder (platform/dirs.ts), with
// [budgets], [alerts], [pricing."<model>"] and allowed_hosts; read through config-text.ts (regular files of at most
// 1 MiB only).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ccoDirs, hostFacts } from '../platform/dirs.ts';
import { priceOverridesFrom } from '../pricing/overrides.ts';
import type { PriceOverride } from '../pricing/types.ts';
import { alertConfigFrom, ConfigError, type AlertConfig } from '../alerts/budgets.ts';
import { readConfigText, readConfigTextSync } from './config-text.ts';
import { remoteWriteFrom, type RemoteWriteSection } from './remote-write.ts';
import { statuslineConfigFrom, type StatuslineConfig } from './statusline-config.ts';

/** Top-level keys of the file. */
const SECTIONS = ['budgets', 'alerts', 'pricing', 'allowed_hosts', 'statusline', 'remote_write'] as const;

/** What the file sets; every part is empty when there is no file. */
export interface ConfigFile {
  readonly alerts: AlertConfig;
  /** Price overrides, in the order written. */
  readonly pricing: readonly PriceOverride[];
  /** Host names the HTTP API answers besides localhost and IP literals, as written (the caller checks them). */
  readonly allowedHosts: readonly string[];
  /** `cco statusline`'s segments, budget and thresholds. */
  readonly statusline: StatuslineConfig;
  /** `[remote_write]`: where to push the usage counters (its credential files read); see remoteWriteConfig. */
  readonly remoteWrite?: RemoteWriteSection;
  /** The file read, if any. */
  readonly path?: string;
}

const EMPTY: ConfigFile = { alerts: { budgets: {} }, pricing: [], allowedHosts: [], statusline: {} };

/** The config files looked for when none is named, in order. */
export function defaultConfigPaths(env: Readonly<Record<string, string | undefined>>, home: string): string[] {
  const dir = ccoDirs(hostFacts(env, home)).config;
  return [join(dir, 'config.toml'), join(dir, 'config.json')];
}

/** The file `loadConfigFile` reads: `path` when named, else the first default one that exists. */
export function findConfigFile(
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string | undefined {
  return path ?? defaultConfigPaths(env, home).find((p) => existsSync(p));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses the text of `file` (TOML, or JSON when it ends in .json) and checks every setting. */
export function parseConfigFile(text: string, file: string): ConfigFile {
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : Bun.TOML.parse(text);
  } catch (error) {
    throw new ConfigError(
      `${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'TOML'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  if (!isRecord(doc)) throw new ConfigError(`${file}: expected a table of settings`);
  for (const key of Object.keys(doc)) {
    if (!SECTIONS.some((s) => s === key))
      throw new ConfigError(`${file}: unknown section '${key}' (expected ${SECTIONS.join(', ')})`);
  }
  const { allowed_hosts: hosts, pricing: _, statusline, remote_write: remoteWrite, ...alertSections } = doc;
  if (hosts !== undefined && (!Array.isArray(hosts) || !hosts.every((h): h is string => typeof h === 'string'))) {
    throw new ConfigError(`${file}: allowed_hosts must be a list of host names, such as ["my-laptop", ".example.com"]`);
  }
  return {
    alerts: alertConfigFrom(alertSections, file),
    pricing: priceOverridesFrom(doc, file),
    allowedHosts: hosts ?? [],
    statusline: statuslineConfigFrom(statusline, file),
    ...(remoteWrite === undefined ? {} : { remoteWrite: remoteWriteFrom(remoteWrite, file) }),
    path: file,
  };
}

/** Reads the config file at start; a named file must exist, a default one may not. */
export function loadConfigFile(
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): ConfigFile {
  const file = findConfigFile(path, env, home);
  return file === undefined ? EMPTY : parseConfigFile(readConfigTextSync(file), file);
}

/** Reads it again while serving (SIGHUP), off the thread that answers requests. */
export async function reloadConfigFile(
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): Promise<ConfigFile> {
  const file = findConfigFile(path, env, home);
  return file === undefined ? EMPTY : parseConfigFile(await readConfigText(file), file);
}
