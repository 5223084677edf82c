// Builds the /api/stats body for one time range from the ledger: totals, per model, top projects, recent calls.
import { NO_MODEL, type UsageLedger } from './ledger.ts';
import { rollup, rollupTotal } from './rollup.ts';
import type { Tally } from './tally.ts';
import { timeRange } from './time-ranges.ts';
import type { TimeRangeName } from '../api/values.ts';

export const TOP_PROJECTS = 20;

export interface StatsInputs {
  readonly ledger: UsageLedger;
  readonly range: TimeRangeName;
  /** Epoch ms of this tick. */
  readonly now: number;
  /** Mean response time, ms (all time). */
  readonly avgResponseTimeMs: number;
}

const round = (usd: number): number => Math.round(usd * 1e6) / 1e6;
const share = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : 0);

function totalsOf(t: Tally, avgResponseTimeMs: number) {
  return {
    input_tokens: t.input,
    output_tokens: t.output,
    cache_creation_tokens: t.cacheCreation,
    cache_read_tokens: t.cacheRead,
    total_tokens: t.tokens,
    cost: round(t.cost),
    messages: t.messages,
    requests_ok: t.messages,
    requests_failed: t.failed,
    avg_response_time: Math.round(avgResponseTimeMs),
  };
}

/** The body as an object (without `stale_s`, added per request). */
export function buildStatsBody({ ledger, range, now, avgResponseTimeMs }: StatsInputs) {
  const window = timeRange(range, now);
  const totals = window ? rollupTotal(ledger.cube, window) : ledger.totals;
  // All time: the cube's running sums; a range: a fold over the cells in it.
  const modelTallies = window ? rollup(ledger.cube, (cell) => cell.model, window) : ledger.cube.byModel;
  const byModel = new Map<string, Tally>();
  for (const [id, tally] of modelTallies) {
    const name = ledger.models.name(id);
    if (name !== NO_MODEL && name !== '<synthetic>') byModel.set(name, tally);
  }
  const byProject = window ? rollup(ledger.cube, (cell) => cell.project, window) : ledger.cube.byProject;
  const shareBase =
    totals.cost > 0 ? (t: Tally) => share(t.cost, totals.cost) : (t: Tally) => share(t.tokens, totals.tokens);

  const models = [...byModel]
    .filter(([, t]) => t.messages > 0 || t.tokens > 0)
    .sort(([, a], [, b]) => b.cost - a.cost || b.tokens - a.tokens)
    .map(([model, t]) => ({
      model,
      cost: round(t.cost),
      tokens: t.tokens,
      messages: t.messages,
      percentage: shareBase(t),
    }));
  const projectName = (id: number) => ledger.projects.name(id);
  const projects = [...byProject]
    .filter(([, t]) => t.messages > 0 || t.tokens > 0)
    .sort(([, a], [, b]) => b.cost - a.cost || b.tokens - a.tokens)
    .slice(0, TOP_PROJECTS)
    .map(([id, t]) => ({
      name: projectName(id),
      path: ledger.projectPaths.get(id) ?? null,
      cost: round(t.cost),
      tokens: t.tokens,
      messages: t.messages,
      percentage: shareBase(t),
    }));

  const recent = ledger.recentCalls.filter((c) => !window || (c.timestamp >= window.from && c.timestamp < window.to));
  // Seed-compatible `project`: the project of the latest call, with its figures in this range.
  const current = recent[0]?.project;
  const currentId = current === undefined ? undefined : ledger.projects.id(current);
  const currentTally = currentId === undefined ? undefined : byProject.get(currentId);
  return {
    project: {
      name: current ?? '',
      cost: round(currentTally?.cost ?? 0),
      tokens: currentTally?.tokens ?? 0,
      calls: currentTally?.messages ?? 0,
    },
    time_range: range,
    totals: totalsOf(totals, avgResponseTimeMs),
    models,
    projects,
    activity: {
      recent_calls: recent.map((c) => ({
        time: new Date(c.timestamp).toISOString(),
        model: c.model,
        project: c.project,
        tokens: c.tokens,
        cost: round(c.cost),
      })),
    },
  };
}

/** Serialized when the figures change, without its closing brace; `stampStatsBody` adds the tick's time. */
export function serializeStatsBody(body: ReturnType<typeof buildStatsBody>): string {
  return JSON.stringify(body).slice(0, -1);
}

/** Adds `last_updated` (the tick that vouches for the figures); `stale_s` is appended per request (stale-bodies.ts). */
export function stampStatsBody(serialized: string, now: number): string {
  return `${serialized},"last_updated":"${new Date(now).toISOString()}"`;
}
