// Budgets: cost and token limits per local day, local month and 5-hour block, checked when a config file or flags set them.
import { ConfigError } from '../platform/config-error.ts';
import { BUDGET_KEYS, type BudgetKey } from '../api/values.ts';

/** Limits by key (USD or tokens); absent keys are not checked. */
export type Budgets = Partial<Record<BudgetKey, number>>;

export type BudgetPeriod = 'day' | 'month' | 'block';

export const BUDGET_PERIOD: Readonly<Record<BudgetKey, BudgetPeriod>> = {
  daily_usd: 'day',
  daily_tokens: 'day',
  monthly_usd: 'month',
  monthly_tokens: 'month',
  block_usd: 'block',
  block_tokens: 'block',
};

export const BUDGET_UNIT: Readonly<Record<BudgetKey, 'usd' | 'tokens'>> = {
  daily_usd: 'usd',
  monthly_usd: 'usd',
  block_usd: 'usd',
  daily_tokens: 'tokens',
  monthly_tokens: 'tokens',
  block_tokens: 'tokens',
};

/** What alerts do besides being listed: a webhook that gets each alert as a JSON POST. */
export interface AlertConfig {
  readonly budgets: Budgets;
  /** http(s) URL. */
  readonly webhook?: string;
}

export { ConfigError };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A limit: a finite number above 0 (`where` names it in the error). */
export function parseLimit(value: unknown, where: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0)
    throw new ConfigError(`${where} must be a number above 0, not ${JSON.stringify(value)}`);
  return n;
}

export function parseWebhookUrl(value: unknown, where: string): string {
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ConfigError(`${where} must be an http(s) URL, not ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Checks the alert sections of a parsed config document, `{ budgets: { daily_usd, … }, alerts: { webhook } }`;
 * unknown keys inside them are errors (the file's other sections are config-file.ts's).
 */
export function alertConfigFrom(doc: Readonly<Record<string, unknown>>, source: string): AlertConfig {
  const budgets: Budgets = {};
  if (doc.budgets !== undefined) {
    if (!isRecord(doc.budgets)) throw new ConfigError(`${source}: budgets must be a table`);
    for (const [key, value] of Object.entries(doc.budgets)) {
      const known = BUDGET_KEYS.find((k) => k === key);
      if (!known) throw new ConfigError(`${source}: unknown budget '${key}' (expected ${BUDGET_KEYS.join(', ')})`);
      budgets[known] = parseLimit(value, `${source}: budgets.${key}`);
    }
  }
  let webhook: string | undefined;
  if (doc.alerts !== undefined) {
    if (!isRecord(doc.alerts)) throw new ConfigError(`${source}: alerts must be a table`);
    for (const key of Object.keys(doc.alerts))
      if (key !== 'webhook') throw new ConfigError(`${source}: unknown alerts setting '${key}' (expected webhook)`);
    if (doc.alerts.webhook !== undefined) webhook = parseWebhookUrl(doc.alerts.webhook, `${source}: alerts.webhook`);
  }
  return webhook === undefined ? { budgets } : { budgets, webhook };
}
