// The config file's [statusline] section: which segments `cco statusline` shows and in which order, its time budget
// and its colour thresholds. Every key is optional; flags win over the file.
import { ConfigError } from '../platform/config-error.ts';
import { parseDuration } from '../platform/duration.ts';

export const STATUSLINE_SEGMENTS = [
  'model',
  'session',
  'today',
  'block',
  'burn',
  'five_hour',
  'seven_day',
  'context',
  'cache',
] as const;
export type StatuslineSegment = (typeof STATUSLINE_SEGMENTS)[number];

export interface StatuslineConfig {
  readonly segments?: readonly StatuslineSegment[];
  /** The hard time budget, ms. */
  readonly budgetMs?: number;
  /** %: yellow from here. */
  readonly warnPercent?: number;
  /** %: red from here. */
  readonly criticalPercent?: number;
}

const KEYS = ['segments', 'budget', 'warn_percent', 'critical_percent'] as const;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A comma-separated or listed set of segment names, each known; `where` names the setting in errors. */
export function parseSegments(value: unknown, where: string): StatuslineSegment[] {
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
  if (!Array.isArray(list) || list.length === 0)
    throw new ConfigError(`${where}: expected a list of segments (${STATUSLINE_SEGMENTS.join(', ')})`);
  return list.map((name) => {
    const found = STATUSLINE_SEGMENTS.find((s) => s === name);
    if (!found)
      throw new ConfigError(`${where}: unknown segment '${String(name)}' (expected ${STATUSLINE_SEGMENTS.join(', ')})`);
    return found;
  });
}

const percent = (v: unknown, where: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100)
    throw new ConfigError(`${where}: expected a percentage from 0 to 100`);
  return v;
};

export function statuslineConfigFrom(section: unknown, file: string): StatuslineConfig {
  if (section === undefined) return {};
  if (!isRecord(section)) throw new ConfigError(`${file}: [statusline] must be a table`);
  for (const key of Object.keys(section))
    if (!KEYS.some((k) => k === key))
      throw new ConfigError(`${file}: unknown key statusline.${key} (expected ${KEYS.join(', ')})`);
  const budget = section.budget;
  const budgetMs =
    budget === undefined ? undefined : typeof budget === 'number' ? budget : parseDuration(String(budget));
  if (budgetMs !== undefined && !(budgetMs > 0 && budgetMs <= 10_000))
    throw new ConfigError(`${file}: statusline.budget: expected a duration from 1ms to 10s, such as "200ms"`);
  return {
    ...(section.segments !== undefined
      ? { segments: parseSegments(section.segments, `${file}: statusline.segments`) }
      : {}),
    ...(budgetMs !== undefined ? { budgetMs } : {}),
    ...(section.warn_percent !== undefined
      ? { warnPercent: percent(section.warn_percent, `${file}: statusline.warn_percent`) }
      : {}),
    ...(section.critical_percent !== undefined
      ? { criticalPercent: percent(section.critical_percent, `${file}: statusline.critical_percent`) }
      : {}),
  };
}
