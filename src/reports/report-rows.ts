// The JSON rows reports are made of, in ccusage 20.0.24's shape (cco adds keys, never renames or drops theirs), and
// how packed sums become them.
import { SUM_FIELDS } from '../ledger/report-wire.ts';

export interface TokenFields {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** 5-minute and 1-hour cache writes together. */
  readonly cacheCreationTokens: number;
  readonly cacheReadTokens: number;
}

export interface ModelBreakdown extends TokenFields {
  readonly modelName: string;
  /** USD. */
  readonly cost: number;
}

/** cco's addition to a row: its figures by project (`breakdown=project`). */
export interface ProjectBreakdown extends TokenFields {
  /** The project folder name under `projects/`. */
  readonly project: string;
  /** The working directory last logged for it. */
  readonly cwd: string | null;
  readonly cost: number;
}

export interface UsageFields extends TokenFields {
  readonly totalTokens: number;
  /** USD. */
  readonly totalCost: number;
  readonly modelsUsed: string[];
  /** Costliest first. */
  readonly modelBreakdowns: ModelBreakdown[];
  /** cco: successful responses. */
  readonly messageCount: number;
  readonly projectBreakdowns?: ProjectBreakdown[];
}

export interface Totals extends TokenFields {
  readonly totalTokens: number;
  readonly totalCost: number;
  readonly messageCount: number;
}

/** Sums per name, gathered while folding (SUM_FIELDS numbers each). */
export type SumsBy<K> = Map<K, Float64Array>;

export const newSums = (): Float64Array => new Float64Array(SUM_FIELDS);

export function addSums(into: Float64Array, from: Float64Array, offset = 0): void {
  for (let i = 0; i < SUM_FIELDS; i++) into[i] = (into[i] ?? 0) + (from[offset + i] ?? 0);
}

export function sumsOf<K>(map: SumsBy<K>, key: K): Float64Array {
  let s = map.get(key);
  if (!s) map.set(key, (s = newSums()));
  return s;
}

export function tokenFields(s: Float64Array): TokenFields {
  return {
    inputTokens: s[0] ?? 0,
    outputTokens: s[1] ?? 0,
    cacheCreationTokens: (s[2] ?? 0) + (s[3] ?? 0),
    cacheReadTokens: s[4] ?? 0,
  };
}

export const tokensOf = (s: Float64Array): number =>
  (s[0] ?? 0) + (s[1] ?? 0) + (s[2] ?? 0) + (s[3] ?? 0) + (s[4] ?? 0);
export const costOf = (s: Float64Array): number => s[5] ?? 0;
export const messagesOf = (s: Float64Array): number => s[6] ?? 0;

/** Models without a name or `<synthetic>` count in totals, not per model (as ccusage). */
export const isListedModel = (name: string | undefined): name is string =>
  name !== undefined && name !== '' && name !== '<synthetic>';

/** Sorts costliest first, then by name, so equal costs list the same way every time. */
const byCost =
  <T extends { readonly cost: number }>(name: (t: T) => string) =>
  (a: T, b: T): number =>
    b.cost - a.cost || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);

/** The usage fields of a row: its sums, per model (named by `modelName`) and, when given, per project. */
export function usageFields(
  total: Float64Array,
  models: ReadonlyMap<number, Float64Array>,
  modelName: (id: number) => string | undefined,
  projects?: { sums: SumsBy<number>; name: (id: number) => string; cwd: (id: number) => string | null },
): UsageFields {
  const modelBreakdowns: ModelBreakdown[] = [];
  for (const [id, s] of models) {
    const name = modelName(id);
    if (isListedModel(name)) modelBreakdowns.push({ modelName: name, ...tokenFields(s), cost: costOf(s) });
  }
  modelBreakdowns.sort(byCost((m) => m.modelName));
  const fields: UsageFields = {
    ...tokenFields(total),
    totalTokens: tokensOf(total),
    totalCost: costOf(total),
    modelsUsed: modelBreakdowns.map((m) => m.modelName),
    modelBreakdowns,
    messageCount: messagesOf(total),
  };
  if (!projects) return fields;
  const projectBreakdowns = [...projects.sums].map(([id, s]) => ({
    project: projects.name(id),
    cwd: projects.cwd(id),
    ...tokenFields(s),
    cost: costOf(s),
  }));
  projectBreakdowns.sort(byCost((p) => p.project));
  return { ...fields, projectBreakdowns };
}

export function totalsOf(rows: readonly UsageFields[]): Totals {
  const t = {
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    totalTokens: 0,
    totalCost: 0,
    messageCount: 0,
  };
  for (const r of rows) {
    t.inputTokens += r.inputTokens;
    t.outputTokens += r.outputTokens;
    t.cacheCreationTokens += r.cacheCreationTokens;
    t.cacheReadTokens += r.cacheReadTokens;
    t.totalTokens += r.totalTokens;
    t.totalCost += r.totalCost;
    t.messageCount += r.messageCount;
  }
  return t;
}
