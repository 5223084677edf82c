// /api/metrics/history: cumulative totals and increments over a range; the last hour from the snapshot ring buffer,
// longer ranges bucketed from the entries' own timestamps (per-minute series).
import { formatDuration, parseDuration } from '../platform/duration.ts';
import type { CumulativeSeries, Totals } from './cumulative-series.ts';
import type { StatsSnapshot } from '../ledger/outputs.ts';
import type { RingBuffer } from './ring-buffer.ts';
import { HISTORY_RANGES, MAX_POINTS, type HistoryRange } from '../api/values.ts';

/** Longest step accepted, ms: a year is one point for any range, and keeps `now - step` far from float trouble. */
/** What a history answer reads: the snapshot ring (short ranges) and the per-minute series (long ones). */
export interface HistorySource {
  /** The tick interval, ms: the ring's resolution. */
  readonly intervalMs: number;
  readonly snapshots: RingBuffer<StatsSnapshot>;
  readonly minutes: CumulativeSeries;
}

export const MAX_STEP_MS = 366 * 86_400_000;
const RING_RANGES: ReadonlySet<string> = new Set(['5m', '15m', '1h']);
const DEFAULT_STEPS: Record<HistoryRange, number> = {
  '5m': 5_000,
  '15m': 15_000,
  '1h': 60_000,
  '6h': 5 * 60_000,
  '24h': 15 * 60_000,
  '7d': 3_600_000,
  '30d': 6 * 3_600_000,
  all: 86_400_000,
};

export interface HistoryPoint {
  /** Epoch ms: the end of the step this point closes. */
  readonly timestamp: number;
  readonly total_cost: number;
  readonly total_tokens: number;
  readonly messages_count: number;
  /** Increments since the previous point. */
  readonly cost: number;
  readonly tokens: number;
  readonly messages: number;
}

export interface History {
  readonly range: HistoryRange;
  readonly step: string;
  readonly source: 'snapshots' | 'entries';
  readonly points: HistoryPoint[];
}

export class HistoryError extends Error {}

export const isHistoryRange = (r: string): r is HistoryRange => Object.hasOwn(HISTORY_RANGES, r);

function toPoints(stepEnds: number[], totals: Totals[], before: Totals): HistoryPoint[] {
  let previous = before;
  return stepEnds.map((timestamp, i) => {
    const t = totals[i] ?? previous;
    const point = {
      timestamp,
      total_cost: round(t.cost),
      total_tokens: t.tokens,
      messages_count: t.messages,
      cost: round(t.cost - previous.cost),
      tokens: t.tokens - previous.tokens,
      messages: t.messages - previous.messages,
    };
    previous = t;
    return point;
  });
}

const round = (usd: number): number => Math.round(usd * 1e6) / 1e6;

/**
 * Builds the series as of `now` (epoch ms; the range ends there, so buckets dated later are left out); throws
 * HistoryError for a step that is malformed, finer than the data or too many points. Its work is bounded by the
 * points (at most MAX_POINTS) and the snapshot ring, not by how many minutes the data spans.
 */
export function buildHistory(
  cache: HistorySource,
  range: HistoryRange,
  stepText: string | undefined,
  now: number,
): History {
  const fromRing = RING_RANGES.has(range);
  const resolution = fromRing ? cache.intervalMs : cache.minutes.resolutionMs;
  const span = HISTORY_RANGES[range];
  let start = now - span;
  if (!Number.isFinite(start)) start = Math.min(now, cache.minutes.oldest ?? now);
  const requested = stepText === undefined ? undefined : parseDuration(stepText);
  if (stepText !== undefined && requested === undefined)
    throw new HistoryError(`invalid step '${stepText.slice(0, 40)}': use a duration like 30s, 5m, 1h or 1d`);
  if (requested !== undefined && requested > MAX_STEP_MS)
    throw new HistoryError(`step ${stepText?.slice(0, 40)} is longer than ${formatDuration(MAX_STEP_MS)}`);
  let step = Math.max(requested ?? DEFAULT_STEPS[range], resolution);
  if (requested === undefined) step = Math.max(step, Math.ceil((now - start) / MAX_POINTS / resolution) * resolution);
  if (requested !== undefined && requested < resolution)
    throw new HistoryError(`step ${stepText} is finer than this range's data (${formatDuration(resolution)})`);
  const count = Math.max(1, Math.ceil((now - start) / step));
  if (count > MAX_POINTS)
    throw new HistoryError(
      `step ${stepText} gives ${count} points for range ${range}; at most ${MAX_POINTS} (use a step of at least ${formatDuration(Math.ceil((now - start) / MAX_POINTS))})`,
    );
  const first = now - count * step;
  const stepEnds = Array.from({ length: count }, (_, i) => first + (i + 1) * step);

  if (fromRing) {
    const snaps = cache.snapshots.range(first - cache.intervalMs * 2, now);
    const at = (s: { total_cost: number; total_tokens: number; messages_count: number }): Totals => ({
      cost: s.total_cost,
      tokens: s.total_tokens,
      messages: s.messages_count,
    });
    const beforeSnap = [...snaps].reverse().find((s) => s.timestamp <= first);
    const totals: Totals[] = [];
    let j = 0;
    // Before the oldest snapshot nothing is known: the totals hold at the oldest value (no negative first step).
    let last = beforeSnap ? at(beforeSnap) : snaps[0] ? at(snaps[0]) : { cost: 0, tokens: 0, messages: 0 };
    const base = last;
    for (const end of stepEnds) {
      while (j < snaps.length && (snaps[j]?.timestamp ?? Infinity) <= end)
        last = at(snaps[j++] as (typeof snaps)[number]);
      totals.push(last);
    }
    return { range, step: formatDuration(step), source: 'snapshots', points: toPoints(stepEnds, totals, base) };
  }

  // Entries: a minute counts in the step it starts in; the last step takes the minute holding `now` too.
  const before = cache.minutes.before(first);
  const totals = stepEnds.map((end, i) => cache.minutes.before(i === count - 1 ? now + 1 : end));
  return { range, step: formatDuration(step), source: 'entries', points: toPoints(stepEnds, totals, before) };
}
