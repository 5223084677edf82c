// Plan-limit samples: what Claude Code reported of its 5-hour and weekly windows (the status line's `rate_limits`,
// `~/.claude.json`'s `cachedUsageUtilization`), validated. The percentages cannot be derived from transcripts, so each
// report is kept as one sample. Never throws: a field that is missing or out of range is left out.
import { LIMIT_SOURCES, LIMIT_WINDOWS, type LimitSource, type LimitWindow } from '../api/values.ts';

export type { LimitSource, LimitWindow };

/** One reading of one window. */
export interface LimitSample {
  readonly window: LimitWindow;
  /** Used share of the window, 0–100 %. */
  readonly usedPercent: number;
  /** Epoch ms the window resets; undefined when not reported. */
  readonly resetsAt: number | undefined;
  /** Epoch ms the figure was true (for claude.json: when Claude Code fetched it, not when cco read it). */
  readonly observedAt: number;
  /** Claude Code session that reported it; undefined for claude.json. */
  readonly session: string | undefined;
  readonly source: LimitSource;
  /** The model a per-model weekly cap applies to (`weekly_scoped`); undefined otherwise. */
  readonly model: string | undefined;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A percentage 0–100; anything else (an epoch seen in `used_percentage`, a string, NaN) is absent. */
export function percentOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100 ? v : undefined;
}

/** A reset time as epoch ms, from unix seconds, epoch ms or an ISO string; undefined when implausible. */
export function resetOf(v: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) ms = v < 1e11 ? v * 1000 : v;
  else if (typeof v === 'string' && v !== '') ms = /^\d+(\.\d+)?$/.test(v) ? resetOf(Number(v)) : Date.parse(v);
  // (before 2020 or after 2100 is not a reset time)
  return ms !== undefined && Number.isFinite(ms) && ms > 1.5e12 && ms < 4.1e12 ? Math.round(ms) : undefined;
}

export const isLimitWindow = (v: unknown): v is LimitWindow => LIMIT_WINDOWS.some((w) => w === v);
export const isLimitSource = (v: unknown): v is LimitSource => LIMIT_SOURCES.some((s) => s === v);

/** The samples in a status-line payload's `rate_limits` (none when absent or garbage). */
export function samplesFromStatusInput(payload: unknown, observedAt: number): LimitSample[] {
  if (!isObject(payload) || !isObject(payload.rate_limits)) return [];
  const session = typeof payload.session_id === 'string' && payload.session_id !== '' ? payload.session_id : undefined;
  const out: LimitSample[] = [];
  for (const window of ['five_hour', 'seven_day'] as const) {
    const entry = payload.rate_limits[window];
    if (!isObject(entry)) continue;
    const usedPercent = percentOf(entry.used_percentage);
    if (usedPercent === undefined) continue;
    const resetsAt = resetOf(entry.resets_at);
    out.push({ window, usedPercent, resetsAt, observedAt, session, source: 'statusline', model: undefined });
  }
  return out;
}

/** The samples in `~/.claude.json`'s `cachedUsageUtilization` (none when absent, without `fetchedAtMs`, or garbage). */
export function samplesFromClaudeJson(doc: unknown): LimitSample[] {
  if (!isObject(doc) || !isObject(doc.cachedUsageUtilization)) return [];
  const cached = doc.cachedUsageUtilization;
  const observedAt = resetOf(cached.fetchedAtMs);
  const body = cached.utilization;
  if (observedAt === undefined || !isObject(body)) return [];
  const out: LimitSample[] = [];
  const add = (window: LimitWindow, percent: unknown, resets: unknown, model?: string) => {
    const usedPercent = percentOf(percent);
    if (usedPercent === undefined) return;
    if (out.some((s) => s.window === window && s.model === model)) return;
    out.push({
      window,
      usedPercent,
      resetsAt: resetOf(resets),
      observedAt,
      session: undefined,
      source: 'claude.json',
      model,
    });
  };
  for (const window of ['five_hour', 'seven_day'] as const) {
    const entry = body[window];
    if (isObject(entry)) add(window, entry.utilization, entry.resets_at);
  }
  if (Array.isArray(body.limits)) {
    for (const limit of body.limits) {
      if (!isObject(limit)) continue;
      if (limit.kind === 'session') add('five_hour', limit.percent, limit.resets_at);
      else if (limit.kind === 'weekly_all') add('seven_day', limit.percent, limit.resets_at);
      else if (limit.kind === 'weekly_scoped') {
        const scope = isObject(limit.scope) && isObject(limit.scope.model) ? limit.scope.model : undefined;
        const name = scope && typeof scope.display_name === 'string' ? scope.display_name : undefined;
        if (name) add('seven_day_model', limit.percent, limit.resets_at, name);
      }
    }
  }
  return out;
}

/** One spool line (what the status line appends): the sample's JSON fields, snake case. */
export function sampleToSpoolLine(s: LimitSample): string {
  return JSON.stringify({
    window: s.window,
    used_percent: s.usedPercent,
    resets_at: s.resetsAt ?? null,
    observed_at: s.observedAt,
    session: s.session ?? null,
    source: s.source,
    model: s.model ?? null,
  });
}

/** A spool line back into a sample; undefined for anything else (a torn or hand-edited line). */
export function sampleFromSpoolLine(line: string): LimitSample | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(v) || !isLimitWindow(v.window) || !isLimitSource(v.source)) return undefined;
  const usedPercent = percentOf(v.used_percent);
  const observedAt = resetOf(v.observed_at);
  if (usedPercent === undefined || observedAt === undefined) return undefined;
  return {
    window: v.window,
    usedPercent,
    resetsAt: resetOf(v.resets_at),
    observedAt,
    session: typeof v.session === 'string' ? v.session : undefined,
    source: v.source,
    model: typeof v.model === 'string' ? v.model : undefined,
  };
}

/** Identity of a sample: the same reading seen twice (claude.json re-read, a spool line replayed) is one. */
export const sampleKey = (s: LimitSample): string =>
  `${s.source}|${s.window}|${s.model ?? ''}|${s.observedAt}|${s.session ?? ''}`;
