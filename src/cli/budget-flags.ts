// The budget flags of `cco serve`, merged over the config file (flags win): what the daemon checks after each tick.
import { loadConfigFile, type ConfigFile } from '../config/config-file.ts';
import type { PriceOverride } from '../pricing/types.ts';
import { ConfigError, parseLimit, parseWebhookUrl, type AlertConfig, type Budgets } from '../alerts/budgets.ts';
import { UsageError } from './errors.ts';

export const budgetArgs = {
  config: {
    type: 'string',
    description:
      'Config file with [budgets], [alerts], [pricing] and allowed_hosts (default: ~/.config/cco/config.toml or config.json)',
    valueHint: 'path',
  },
  'budget-daily': { type: 'string', description: 'Alert when a local day costs this much (USD)', valueHint: 'usd' },
  'budget-monthly': { type: 'string', description: 'Alert when a local month costs this much (USD)', valueHint: 'usd' },
  'budget-block': { type: 'string', description: 'Alert when a 5-hour block costs this much (USD)', valueHint: 'usd' },
  webhook: {
    type: 'string',
    description: 'POST each alert as JSON to this URL (retried with backoff)',
    valueHint: 'url',
  },
} as const;

export interface BudgetFlagValues {
  readonly config?: string;
  readonly 'budget-daily'?: string;
  readonly 'budget-monthly'?: string;
  readonly 'budget-block'?: string;
  readonly webhook?: string;
}

/** What `cco serve` takes from the config file and its flags: alerts (flags win) and price overrides. */
export interface ServeSettings {
  readonly alerts: AlertConfig;
  readonly pricing: readonly PriceOverride[];
}

/** The config file's settings with the flags laid over them, from one read of the file; a bad one is a usage error (exit 2). */
export function settingsFromFlags(
  flags: BudgetFlagValues,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): ServeSettings {
  const file = configFileFromFlags(flags, env, home);
  return { alerts: alertConfigOver(flags, () => file.alerts), pricing: file.pricing };
}

/** The config file's settings with the flags laid over them; a bad file or value is a usage error (exit 2). */
export function alertConfigFromFlags(
  flags: BudgetFlagValues,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): AlertConfig {
  return alertConfigOver(flags, () => configFileFromFlags(flags, env, home).alerts);
}

/** The config file --config names (else the default one), read at start; a bad file is a usage error (exit 2). */
export function configFileFromFlags(
  flags: BudgetFlagValues,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): ConfigFile {
  try {
    return loadConfigFile(flags.config, env, home);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** The flags laid over the alert settings `fromFile` reads (flags win); a ConfigError becomes a UsageError. */
export function alertConfigOver(flags: BudgetFlagValues, fromFile: () => AlertConfig): AlertConfig {
  try {
    const config = fromFile();
    const budgets: Budgets = { ...config.budgets };
    if (flags['budget-daily'] !== undefined) budgets.daily_usd = parseLimit(flags['budget-daily'], '--budget-daily');
    if (flags['budget-monthly'] !== undefined)
      budgets.monthly_usd = parseLimit(flags['budget-monthly'], '--budget-monthly');
    if (flags['budget-block'] !== undefined) budgets.block_usd = parseLimit(flags['budget-block'], '--budget-block');
    const webhook = flags.webhook !== undefined ? parseWebhookUrl(flags.webhook, '--webhook') : config.webhook;
    return webhook === undefined ? { budgets } : { budgets, webhook };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}
