// The HTTP side's copy of the billing blocks, kept in step with each tick's BlockUpdate, and the /api/blocks view of
// them at a given moment: gaps between blocks, which block is active, its burn rate and projected end (as ccusage).
import { BLOCK_SECONDS } from '../ledger/billing-blocks.ts';
import type { BlockSummary, BlockUpdate } from '../ledger/outputs.ts';

const BLOCK_MS = BLOCK_SECONDS * 1000;
/** `recent`: blocks that started this many days back, plus the active one (as ccusage's --recent). */
export const RECENT_DAYS = 3;

export interface BlockView {
  readonly id: string;
  readonly start: string;
  readonly end: string;
  /** The last entry; null for gaps. */
  readonly actual_end: string | null;
  readonly is_active: boolean;
  readonly is_gap: boolean;
  readonly entries: number;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_tokens: number;
  readonly cache_read_tokens: number;
  readonly total_tokens: number;
  /** USD. */
  readonly cost: number;
  readonly models: string[];
  /** When the plan limit resets, from a `usage limit reached` error in the block; null when none. */
  readonly usage_limit_reset_time: string | null;
  readonly burn_rate: {
    readonly tokens_per_minute: number;
    readonly tokens_per_minute_for_indicator: number;
    readonly cost_per_hour: number;
  } | null;
  readonly projection: {
    readonly total_tokens: number;
    readonly total_cost: number;
    readonly remaining_minutes: number;
  } | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const usd = (v: number): number => Math.round(v * 1e6) / 1e6;

function gap(after: BlockSummary, before: BlockSummary): BlockView | undefined {
  if (before.firstEntry - after.lastEntry <= BLOCK_MS) return undefined;
  const start = after.lastEntry + BLOCK_MS;
  return {
    id: `gap-${iso(start)}`,
    start: iso(start),
    end: iso(before.firstEntry),
    actual_end: null,
    is_active: false,
    is_gap: true,
    entries: 0,
    input_tokens: 0,
    output_tokens: 0,
    cache_creation_tokens: 0,
    cache_read_tokens: 0,
    total_tokens: 0,
    cost: 0,
    models: [],
    usage_limit_reset_time: null,
    burn_rate: null,
    projection: null,
  };
}

/** Whether `now` falls inside the block: started, not ended, last entry under 5 h ago (a future block never is). */
const isActive = (b: BlockSummary, now: number): boolean =>
  b.start <= now && now < b.start + BLOCK_MS && now - b.lastEntry < BLOCK_MS;

function blockView(b: BlockSummary, now: number): BlockView {
  const end = b.start + BLOCK_MS;
  const active = isActive(b, now);
  const total = b.input + b.output + b.cacheCreation + b.cacheRead;
  const minutes = (b.lastEntry - b.firstEntry) / 60_000;
  const rate =
    active && minutes > 0
      ? {
          tokens_per_minute: total / minutes,
          tokens_per_minute_for_indicator: (b.input + b.output) / minutes,
          cost_per_hour: usd((b.cost / minutes) * 60),
        }
      : null;
  // ccusage rounds the minutes left before projecting.
  const remaining = Math.round(Math.max(0, end - now) / 60_000);
  return {
    id: iso(b.start),
    start: iso(b.start),
    end: iso(end),
    actual_end: iso(b.lastEntry),
    is_active: active,
    is_gap: false,
    entries: b.entries,
    input_tokens: b.input,
    output_tokens: b.output,
    cache_creation_tokens: b.cacheCreation,
    cache_read_tokens: b.cacheRead,
    total_tokens: total,
    cost: usd(b.cost),
    models: [...b.models],
    usage_limit_reset_time: b.limitResetAt === undefined ? null : iso(b.limitResetAt),
    burn_rate: rate,
    projection: rate
      ? {
          total_tokens: Math.round(total + rate.tokens_per_minute * remaining),
          total_cost: usd(b.cost + (b.cost / minutes) * remaining),
          remaining_minutes: remaining,
        }
      : null,
  };
}

export class BlockBook {
  #blocks: BlockSummary[] = [];
  #received = false;
  #markReady!: () => void;
  /** Resolves once the first tick's blocks have arrived. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.#markReady = resolve));

  get isReady(): boolean {
    return this.#received;
  }

  apply(update: BlockUpdate | undefined): void {
    if (!update) return;
    this.#blocks.splice(update.from, Number.POSITIVE_INFINITY, ...update.blocks);
    if (!this.#received) {
      this.#received = true;
      this.#markReady();
    }
  }

  /** The block holding `now`, if any: the latest that started by then (blocks dated later are skipped). */
  active(now: number): BlockSummary | undefined {
    for (let i = this.#blocks.length - 1; i >= 0; i--) {
      const b = this.#blocks[i] as BlockSummary;
      if (b.start <= now) return isActive(b, now) ? b : undefined;
    }
    return undefined;
  }

  /** Every block (gaps included), oldest first, as of `now` (epoch ms); `recent` keeps the last 3 days and the active one. */
  view(now: number, options: { recent?: boolean } = {}): { blocks: BlockView[]; active: BlockView | null } {
    const all: BlockView[] = [];
    let previous: BlockSummary | undefined;
    for (const b of this.#blocks) {
      const g = previous && gap(previous, b);
      if (g) all.push(g);
      all.push(blockView(b, now));
      previous = b;
    }
    const cutoff = now - RECENT_DAYS * 86_400_000;
    const blocks = options.recent ? all.filter((b) => b.is_active || Date.parse(b.start) >= cutoff) : all;
    return { blocks, active: all.findLast((b) => b.is_active) ?? null };
  }
}
