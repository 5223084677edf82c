// What a config reload changed, in a few words per setting, for the one line the daemon logs on SIGHUP.
import { type AlertConfig } from '../alerts/budgets.ts';
import { BUDGET_KEYS } from '../api/values.ts';

/** The webhook's origin only: its path or query may hold a secret. */
const where = (url: string): string => new URL(url).origin;

/** One phrase per difference (`daily_usd 5 → 10`, `block_usd removed`, `webhook set (https://host)`); none when equal. */
export function alertConfigChanges(before: AlertConfig, after: AlertConfig): string[] {
  const changes: string[] = [];
  for (const key of BUDGET_KEYS) {
    const a = before.budgets[key];
    const b = after.budgets[key];
    if (a === b) continue;
    if (a === undefined) changes.push(`${key} set to ${b}`);
    else if (b === undefined) changes.push(`${key} removed`);
    else changes.push(`${key} ${a} → ${b}`);
  }
  if (before.webhook !== after.webhook) {
    if (after.webhook === undefined) changes.push('webhook removed');
    else changes.push(`webhook ${before.webhook === undefined ? 'set' : 'changed'} (${where(after.webhook)})`);
  }
  return changes;
}
