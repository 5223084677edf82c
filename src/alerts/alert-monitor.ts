// Checks the budgets after every tick and raises an alert once per budget and period (local day, local month,
// 5-hour block) when the spend reaches the limit. Keeps the alerts raised since start and each budget's standing.
import { BLOCK_SECONDS } from '../ledger/billing-blocks.ts';
import type { BlockSummary, Spend } from '../ledger/outputs.ts';
import { BUDGET_PERIOD, BUDGET_UNIT, type BudgetPeriod, type Budgets } from './budgets.ts';
import { BUDGET_KEYS, type BudgetKey } from '../api/values.ts';
import type { LimitAlertKey, LimitWindow } from '../api/limits.ts';

/** Alerts kept for GET /api/alerts, newest first. */
export const ALERTS_KEPT = 100;

export interface Alert {
  /** `<budget>:<period start>`: one alert per budget and period (plan limits: `<key>:<threshold>:<window reset>`). */
  readonly id: string;
  readonly budget: BudgetKey | LimitAlertKey;
  readonly period: BudgetPeriod | LimitWindow;
  readonly unit: 'usd' | 'tokens' | 'percent';
  readonly limit: number;
  /** The spend when the alert was raised. */
  readonly value: number;
  readonly period_start: string;
  readonly period_end: string;
  readonly triggered_at: string;
}

export interface BudgetStanding {
  readonly budget: BudgetKey;
  readonly period: BudgetPeriod;
  readonly unit: 'usd' | 'tokens';
  readonly limit: number;
  readonly value: number;
  /** value / limit, %. */
  readonly percent: number;
  readonly exceeded: boolean;
  /** Null for a block budget while no block is active. */
  readonly period_start: string | null;
  readonly period_end: string | null;
}

export type AlertListener = (alert: Alert) => void;

interface Window {
  readonly start: number;
  readonly end: number;
}

function windowOf(period: BudgetPeriod, now: number, block: BlockSummary | undefined): Window | undefined {
  if (period === 'block') return block && { start: block.start, end: block.start + BLOCK_SECONDS * 1000 };
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  if (period === 'month') start.setDate(1);
  const end = new Date(start);
  if (period === 'day') end.setDate(end.getDate() + 1);
  else end.setMonth(end.getMonth() + 1);
  return { start: start.getTime(), end: end.getTime() };
}

function spent(key: BudgetKey, spend: Spend, block: BlockSummary | undefined): number {
  const usd = BUDGET_UNIT[key] === 'usd';
  switch (BUDGET_PERIOD[key]) {
    case 'day':
      return usd ? spend.today.cost : spend.today.tokens;
    case 'month':
      return usd ? spend.month.cost : spend.month.tokens;
    case 'block':
      if (!block) return 0;
      return usd ? block.cost : block.input + block.output + block.cacheCreation + block.cacheRead;
  }
}

const round = (v: number, unit: 'usd' | 'tokens') => (unit === 'usd' ? Math.round(v * 1e6) / 1e6 : v);

export class AlertMonitor {
  readonly #alerts: Alert[] = [];
  readonly #raised = new Set<string>();
  readonly #listeners = new Set<AlertListener>();
  #standing: BudgetStanding[] = [];
  #budgets: Budgets;
  /** The latest check's inputs, to check new budgets at once. */
  #last: { readonly spend: Spend; readonly block: BlockSummary | undefined; readonly now: number } | undefined;

  constructor(budgets: Budgets) {
    this.#budgets = { ...budgets };
  }

  get budgets(): Budgets {
    return this.#budgets;
  }

  /**
   * Replaces the budgets (a config reload) and checks them against the latest tick at once. A budget whose limit
   * changed may alert again in the current period; the alerts already raised stay listed.
   */
  setBudgets(budgets: Budgets): void {
    for (const key of BUDGET_KEYS) {
      if (this.#budgets[key] === budgets[key]) continue;
      for (const id of this.#raised) if (id.startsWith(`${key}:`)) this.#raised.delete(id);
    }
    this.#budgets = { ...budgets };
    if (this.#last) this.check(this.#last.spend, this.#last.block, this.#last.now);
    else this.#standing = [];
  }

  get enabled(): boolean {
    return BUDGET_KEYS.some((k) => this.budgets[k] !== undefined);
  }

  onAlert(listener: AlertListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Checks every budget against a tick's spend and the active block at `now` (epoch ms); returns the alerts raised. */
  check(spend: Spend, block: BlockSummary | undefined, now: number): Alert[] {
    this.#last = { spend, block, now };
    const raised: Alert[] = [];
    const standing: BudgetStanding[] = [];
    for (const budget of BUDGET_KEYS) {
      const limit = this.budgets[budget];
      if (limit === undefined) continue;
      const period = BUDGET_PERIOD[budget];
      const unit = BUDGET_UNIT[budget];
      const window = windowOf(period, now, block);
      const value = round(spent(budget, spend, block), unit);
      const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
      standing.push({
        budget,
        period,
        unit,
        limit,
        value,
        percent: Math.round((value / limit) * 10_000) / 100,
        exceeded: value >= limit,
        period_start: iso(window?.start),
        period_end: iso(window?.end),
      });
      if (!window || value < limit) continue;
      const id = `${budget}:${new Date(window.start).toISOString()}`;
      if (this.#raised.has(id)) continue;
      this.#raised.add(id);
      raised.push({
        id,
        budget,
        period,
        unit,
        limit,
        value,
        period_start: new Date(window.start).toISOString(),
        period_end: new Date(window.end).toISOString(),
        triggered_at: new Date(now).toISOString(),
      });
    }
    this.#standing = standing;
    for (const alert of raised) {
      this.#alerts.unshift(alert);
      if (this.#alerts.length > ALERTS_KEPT) this.#alerts.pop();
      for (const listener of this.#listeners) listener(alert);
    }
    return raised;
  }

  /** Raises an alert decided elsewhere (a plan limit's threshold, see limit-alerts.ts), once per id. */
  raise(alert: Alert): boolean {
    if (this.#raised.has(alert.id)) return false;
    this.#raised.add(alert.id);
    this.#alerts.unshift(alert);
    if (this.#alerts.length > ALERTS_KEPT) this.#alerts.pop();
    for (const listener of this.#listeners) listener(alert);
    return true;
  }

  /** Each budget's standing as of the latest tick, and the alerts raised since start, newest first. */
  view(): { budgets: Budgets; standing: BudgetStanding[]; alerts: Alert[] } {
    return { budgets: { ...this.budgets }, standing: [...this.#standing], alerts: [...this.#alerts] };
  }
}
