// The report book's indexes (cells folded into UTC blocks and per zone into local days, files merged per session,
// sessions kept sorted with block totals) kept in step with random appends, replacements and removals: every report
// equals the same report over a book filled from scratch with the final state, and daily and session figures equal
// a plain fold of that state.
import { describe, expect, it } from 'bun:test';
import { SUM_FIELDS, type ReportUpdate, type SessionRollupWire } from '../../src/ledger/report-wire.ts';
import { ReportBook } from '../../src/reports/report-book.ts';
import { ReportEngine, type ReportBody } from '../../src/reports/report-engine.ts';
import { BUCKET_MS } from '../../src/reports/report-range.ts';
import type { ReportQuery } from '../../src/reports/types.ts';
import { ZoneCalendar } from '../../src/reports/zone-calendar.ts';
import { REPORT_KINDS, type Breakdown, type Order } from '../../src/api/values.ts';

const MODELS = ['claude-sonnet-4-5', 'claude-opus-4-1', '<synthetic>', 'claude-haiku-4-5'];
const PROJECTS = ['-work-alpha', '-work-beta', '-work-gamma', '-work-delta', '-work-eps'];
const ZONES = ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Australia/Adelaide', 'America/St_Johns'];
/** 2026-03-01 UTC, so the 60 days of buckets cross the spring DST changes. */
const START_INDEX = Date.UTC(2026, 2, 1) / BUCKET_MS;
const SPAN = 60 * 96;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Cell {
  readonly index: number;
  readonly model: number;
  readonly project: number;
  readonly sums: number[];
}

/** What the book should hold: the final cells, files and working directories. */
class State {
  readonly cells = new Map<string, Cell>();
  readonly files = new Map<number, SessionRollupWire>();
  readonly paths = new Map<number, string>();

  update(cells: readonly Cell[], files: readonly SessionRollupWire[], reset: boolean, first: boolean): ReportUpdate {
    const packed = cells.flatMap((c) => [c.index, c.model, c.project, ...c.sums]);
    return {
      reset,
      cells: Float64Array.from(packed),
      sessions: files,
      names: first ? { models: MODELS, projects: PROJECTS, sessions: [] } : { models: [], projects: [], sessions: [] },
      namesFrom: first
        ? { models: 0, projects: 0, sessions: 0 }
        : { models: MODELS.length, projects: PROJECTS.length, sessions: 0 },
      projectPaths: [...this.paths],
    };
  }

  /** The whole state as one reset update, as a restart would send it. */
  full(): ReportUpdate {
    return this.update([...this.cells.values()], [...this.files.values()], true, true);
  }
}

function randomSums(random: () => number): number[] {
  const sums = Array.from({ length: SUM_FIELDS }, () => 0);
  for (let i = 0; i < 5; i++) sums[i] = Math.floor(random() * 20_000);
  sums[5] = random() * 3 + 1e-7;
  sums[6] = 1 + Math.floor(random() * 9);
  sums[7] = Math.floor(random() * 2);
  return sums;
}

function randomTick(random: () => number, state: State, tick: number): { cells: Cell[]; files: SessionRollupWire[] } {
  const cells: Cell[] = [];
  // Mostly the newest hours (as a live tick), sometimes anywhere in the span (a late or rewritten file).
  const recent = Math.min(SPAN - 1, tick * 40);
  for (let n = Math.floor(random() * 30); n > 0; n--) {
    const index =
      START_INDEX + (random() < 0.8 ? Math.max(0, recent - Math.floor(random() * 60)) : Math.floor(random() * SPAN));
    const cell: Cell = {
      index,
      model: Math.floor(random() * MODELS.length),
      project: Math.floor(random() * PROJECTS.length),
      sums: random() < 0.12 ? Array.from({ length: SUM_FIELDS }, () => 0) : randomSums(random),
    };
    const key = `${cell.index}/${cell.model}/${cell.project}`;
    if (cell.sums.every((v) => v === 0)) state.cells.delete(key);
    else state.cells.set(key, cell);
    cells.push(cell);
  }
  const files: SessionRollupWire[] = [];
  for (let n = Math.floor(random() * 5); n > 0; n--) {
    const file = Math.floor(random() * 300);
    // Some on a UTC midnight exactly: a session whose last response starts a day belongs to that day.
    const last =
      random() < 0.3
        ? (START_INDEX + Math.floor(random() * 60) * 96) * BUCKET_MS
        : (START_INDEX + Math.floor(random() * SPAN)) * BUCKET_MS + Math.floor(random() * BUCKET_MS);
    const rollup: SessionRollupWire = {
      file,
      session: `session-${file % 150}`,
      projectName: PROJECTS[(file % 150) % 3] as string,
      project: (file % 150) % 3,
      first: last - Math.floor(random() * 5 * 86_400_000),
      last,
      models: MODELS.map((_, m) => [m, ...randomSums(random)]).filter(() => random() < 0.6),
      subagent: randomSums(random).map((v) => v * 0.25),
    };
    state.files.set(file, rollup);
    files.push(rollup);
  }
  if (random() < 0.2) {
    const project = Math.floor(random() * PROJECTS.length);
    state.paths.set(project, `/work/p${project}/v${tick}`);
  }
  return { cells, files };
}

function randomQuery(random: () => number): ReportQuery {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const day0 = START_INDEX / 96;
  const since = random() < 0.4 ? undefined : day0 - 2 + Math.floor(random() * 64);
  const until = random() < 0.4 ? undefined : (since ?? day0) + Math.floor(random() * 40);
  return {
    kind: pick(REPORT_KINDS),
    zone: pick(ZONES),
    since,
    until,
    breakdown: pick<Breakdown>(['none', 'model', 'project']),
    order: pick<Order | undefined>(['asc', 'desc', undefined]),
    limit: random() < 0.2 ? 1 + Math.floor(random() * 5) : undefined,
    startOfWeek: pick(['sunday', 'monday', 'thursday'] as const),
    sessionId: undefined,
  };
}

/** Equal but for cost-like figures, which may differ in the last bits with the order of summing: 1e-9 relative. */
function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && /cost|share/i.test(path)) {
    const scale = Math.max(Math.abs(expected), 1e-300);
    expect({ path, close: Math.abs(Number(actual) - expected) / scale < 1e-9 }).toEqual({ path, close: true });
  } else if (expected !== null && typeof expected === 'object') {
    expect({ path, keys: Object.keys(actual as object) }).toEqual({ path, keys: Object.keys(expected) });
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else expect({ path, value: actual }).toEqual({ path, value: expected });
}

const rowsOf = (body: ReportBody): Record<string, unknown>[] =>
  (body.daily ?? body.weekly ?? body.monthly ?? body.sessions ?? body.projects ?? []) as unknown as Record<
    string,
    unknown
  >[];

describe('the report book kept in step with random ticks', () => {
  for (const seed of [1, 2, 3]) {
    it(`answers every report as a book filled from scratch with the final state (seed ${seed})`, () => {
      const random = mulberry32(seed);
      const state = new State();
      const book = new ReportBook();
      const engine = new ReportEngine(book);
      for (let tick = 0; tick < 120; tick++) {
        const { cells, files } = randomTick(random, state, tick);
        book.apply(random() < 0.03 ? state.full() : state.update(cells, files, false, tick === 0));
        if (tick % 6 !== 5) continue;
        const fresh = new ReportBook();
        fresh.apply(state.full());
        const reference = new ReportEngine(fresh);
        for (let q = 0; q < 25; q++) {
          const query = randomQuery(random);
          expectClose(engine.build(query), reference.build(query), `tick ${tick} ${JSON.stringify(query)}`);
        }
      }
    });
  }

  it('gives each local day the plain sum of the cells whose bucket starts on it, in every zone', () => {
    const random = mulberry32(9);
    const state = new State();
    const book = new ReportBook();
    const engine = new ReportEngine(book);
    for (let tick = 0; tick < 150; tick++) {
      const { cells, files } = randomTick(random, state, tick);
      book.apply(state.update(cells, files, false, tick === 0));
    }
    for (const zone of ZONES) {
      const calendar = new ZoneCalendar(zone);
      const tokens = new Map<number, number>();
      const cost = new Map<number, number>();
      for (const c of state.cells.values()) {
        const day = calendar.dayOf(c.index * BUCKET_MS);
        tokens.set(day, (tokens.get(day) ?? 0) + c.sums.slice(0, 5).reduce((a, b) => a + b, 0));
        cost.set(day, (cost.get(day) ?? 0) + (c.sums[5] ?? 0));
      }
      const query = randomQuery(() => 0);
      const body = engine.build({
        ...query,
        kind: 'daily',
        zone,
        since: undefined,
        until: undefined,
        limit: undefined,
      });
      const days = [...tokens.keys()].sort((a, b) => a - b);
      const rows = rowsOf(body);
      expect(rows.map((r) => r.totalTokens)).toEqual(days.map((d) => tokens.get(d)));
      rows.forEach((r, i) => expectClose(r.totalCost, cost.get(days[i] as number), `${zone} day ${i} totalCost`));
    }
  });

  it('gives each session the plain sum of its files after their rollups were replaced, selected by last activity and counted per project', () => {
    const random = mulberry32(11);
    const state = new State();
    const book = new ReportBook();
    const engine = new ReportEngine(book);
    for (let tick = 0; tick < 150; tick++) {
      const { cells, files } = randomTick(random, state, tick);
      book.apply(state.update(cells, files, false, tick === 0));
    }
    // A session whose last response is at a UTC midnight exactly belongs to the day that starts there.
    const midnight = (START_INDEX + 20 * 96) * BUCKET_MS;
    const edge: SessionRollupWire = {
      file: 1000,
      session: 'session-midnight',
      projectName: PROJECTS[0] as string,
      project: 0,
      first: midnight - 3_600_000,
      last: midnight,
      models: [[0, ...randomSums(random)]],
      subagent: Array.from({ length: SUM_FIELDS }, () => 0),
    };
    state.files.set(edge.file, edge);
    book.apply(state.update([], [edge], false, false));
    const expected = new Map<string, { tokens: number; cost: number; last: number }>();
    for (const f of state.files.values()) {
      const key = `${f.projectName} ${f.session}`;
      const s = expected.get(key) ?? { tokens: 0, cost: 0, last: 0 };
      for (const [, ...sums] of f.models) {
        s.tokens += sums.slice(0, 5).reduce((a, b) => a + b, 0);
        s.cost += sums[5] ?? 0;
      }
      expected.set(key, { ...s, last: Math.max(s.last, f.last) });
    }
    const query = {
      ...randomQuery(() => 0),
      kind: 'session' as const,
      zone: 'UTC',
      since: undefined,
      until: undefined,
    };
    const rows = rowsOf(engine.build({ ...query, limit: undefined, order: undefined }));
    expect(rows.map((r) => `${r.projectPath} ${r.sessionId}`).sort()).toEqual([...expected.keys()].sort());
    for (const r of rows) {
      const e = expected.get(`${r.projectPath} ${r.sessionId}`);
      expect({ id: r.sessionId, tokens: r.totalTokens, last: r.lastActivity }).toEqual({
        id: r.sessionId,
        tokens: e?.tokens,
        last: new Date(e?.last ?? 0).toISOString(),
      });
      expectClose(r.totalCost, e?.cost, `${r.sessionId} totalCost`);
    }
    const costs = rows.map((r) => Number(r.totalCost));
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    const day0 = START_INDEX / 96;
    for (const zone of ZONES) {
      const calendar = new ZoneCalendar(zone);
      for (const [since, until] of [
        [day0 + 10, day0 + 20],
        [day0 + 20, day0 + 20],
        [day0 + 21, day0 + 30],
        [day0 + 31, undefined],
        [undefined, day0 + 5],
      ] as const) {
        const inRange = [...expected].filter(([, e]) => {
          const day = calendar.dayOf(e.last);
          return (since === undefined || day >= since) && (until === undefined || day <= until);
        });
        for (const order of ['asc', 'desc', undefined] as const) {
          const body = engine.build({ ...query, zone, since, until, order, limit: 3 });
          const label = `${zone} ${since}..${until} ${order}`;
          expect({ label, tokens: body.totals.totalTokens }).toEqual({
            label,
            tokens: inRange.reduce((a, [, e]) => a + e.tokens, 0),
          });
          expectClose(
            body.totals.totalCost,
            inRange.reduce((a, [, e]) => a + e.cost, 0),
            `${label} totalCost`,
          );
          const lasts = rowsOf(body).map((r) => Date.parse(String(r.lastActivity)));
          const wanted = inRange.map(([, e]) => e.last).sort((a, b) => (order === 'desc' ? b - a : a - b));
          const projects = rowsOf(engine.build({ ...query, kind: 'project', zone, since, until, limit: undefined }));
          expect({ label, counts: projects.map((p) => [p.project, p.sessionCount]) }).toEqual({
            label,
            counts: projects.map((p) => [p.project, inRange.filter(([key]) => key.startsWith(`${p.project} `)).length]),
          });
          if (order !== undefined) expect({ label, lasts }).toEqual({ label, lasts: wanted.slice(0, 3) });
          else expect({ label, rows: lasts.length }).toEqual({ label, rows: Math.min(3, inRange.length) });
        }
      }
    }
  });
});
