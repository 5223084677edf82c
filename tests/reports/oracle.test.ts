// /api/reports against ccusage 20.0.24 run offline on the same roots: daily, weekly, monthly and session rows equal
// in UTC, America/New_York across a DST change and Asia/Kathmandu (+05:45), with --since/--until and --breakdown.
import { describe, expect, it } from 'bun:test';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { writeEdgeRoot } from '../fixtures/edge-root.ts';
import { SHAPES_2026, write2026Root } from '../fixtures/root-2026.ts';
import { metricsStack } from '../helpers/metrics.ts';
import { ccusageReport, expectSameReport, type OracleKind, type ReportJson } from '../helpers/report-compare.ts';
import { tempDir } from '../helpers/temp.ts';
import { rootForFile } from '../helpers/ticked-root.ts';

const KINDS: OracleKind[] = ['daily', 'weekly', 'monthly', 'session'];
const ZONES = ['UTC', 'America/New_York', 'Asia/Kathmandu'];

async function reportOf(
  stack: ReturnType<typeof metricsStack>,
  kind: OracleKind,
  query: Record<string, string>,
): Promise<ReportJson> {
  const res = await stack.get(`/api/reports/${kind}?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ReportJson;
}

describe('reports equal ccusage on demo data', () => {
  const root = rootForFile('cco-reports-demo-', (d) =>
    generateDemoRoot(d, { now: Date.UTC(2026, 10, 28, 12), sessions: 40, seed: 7 }),
  );
  for (const zone of ZONES) {
    it.each(KINDS)(`matches %s row by row in ${zone}`, async (kind) => {
      expectSameReport(
        await reportOf(root.stack, kind, { tz: zone }),
        await ccusageReport(root.path, kind, zone),
        kind,
      );
    });
  }

  it.each(KINDS)('matches %s between --since and --until (inclusive) in Asia/Kathmandu', async (kind) => {
    const [cco, oracle] = await Promise.all([
      reportOf(root.stack, kind, { tz: 'Asia/Kathmandu', since: '2026-11-10', until: '20261121' }),
      ccusageReport(root.path, kind, 'Asia/Kathmandu', ['--since', '20261110', '--until', '20261121']),
    ]);
    if (kind === 'session') return expectSessionsInRange(cco, oracle);
    expectSameReport(cco, oracle, kind);
  });

  it('matches weekly rows with weeks starting on Monday, newest first, with --breakdown', async () => {
    const [cco, oracle] = await Promise.all([
      reportOf(root.stack, 'weekly', {
        tz: 'America/New_York',
        start_of_week: 'monday',
        order: 'desc',
        breakdown: 'model',
      }),
      ccusageReport(root.path, 'weekly', 'America/New_York', [
        '--start-of-week',
        'monday',
        '--order',
        'desc',
        '--breakdown',
      ]),
    ]);
    expectSameReport(cco, oracle, 'weekly');
  });
});

/**
 * Deliberate difference: ccusage's session report with --since/--until keeps only the entries inside the range, so a
 * session that straddles it shows part of its usage; cco lists whole sessions whose last activity is in the range.
 * Sessions that lie inside the range are equal.
 */
function expectSessionsInRange(cco: ReportJson, oracle: ReportJson): void {
  type S = { sessionId: string; firstActivity: string; lastActivity: string };
  const ours = new Map((cco.sessions as S[]).map((s) => [s.sessionId, s]));
  const inside = (oracle.sessions as S[]).filter((s) => ours.get(s.sessionId)?.firstActivity === s.firstActivity);
  expect(inside.length).toBeGreaterThan(0);
  const pick = (body: ReportJson, ids: Set<string>) => ({
    sessions: (body.sessions as S[]).filter((s) => ids.has(s.sessionId)),
    totals: body.totals,
  });
  const ids = new Set(inside.map((s) => s.sessionId));
  const a = pick(cco, ids);
  const b = pick(oracle, ids);
  expectSameReport({ ...a, totals: b.totals }, b, 'session');
}

describe('reports equal ccusage across a DST change', () => {
  // America/New_York moves its clocks on 2026-03-08: that local day has 23 hours.
  const root = rootForFile('cco-reports-dst-', (d) =>
    generateDemoRoot(d, { now: Date.UTC(2026, 2, 20, 12), sessions: 40, seed: 11 }),
  );
  it.each(KINDS)('matches %s row by row in America/New_York', async (kind) => {
    expectSameReport(
      await reportOf(root.stack, kind, { tz: 'America/New_York' }),
      await ccusageReport(root.path, kind, 'America/New_York'),
      kind,
    );
  });

  it('has a row for the 23-hour day and the days around it', async () => {
    const daily = (
      await reportOf(root.stack, 'daily', { tz: 'America/New_York', since: '20260307', until: '20260309' })
    ).daily as { date: string }[];
    expect(daily.every((d) => d.date >= '2026-03-07' && d.date <= '2026-03-09')).toBe(true);
  });
});

describe('reports equal ccusage on the edge-case root', () => {
  const root = rootForFile('cco-reports-edge-', (d) => writeEdgeRoot(d, { quirks: false }));
  for (const zone of ['UTC', 'Asia/Kathmandu']) {
    it.each(KINDS)(`matches %s in ${zone}`, async (kind) => {
      expectSameReport(
        await reportOf(root.stack, kind, { tz: zone }),
        await ccusageReport(root.path, kind, zone),
        kind,
      );
    });
  }
});

describe('reports equal ccusage on 2026-shaped logs', () => {
  // Agent-progress lines are counted by ccusage daily, left out by its weekly, monthly and session (docs/counting.md).
  // Its session report also keeps the first copy in path order where daily keeps the costlier (fast-mode) one: the
  // fast-tie shape files a response under another session there (named below).
  const noProgress = SHAPES_2026.filter((s) => s !== 'agent-progress' && s !== 'progress-only' && s !== 'fast-tie');
  const all = rootForFile('cco-reports-2026-', (d) => write2026Root(d, { perShape: 20, seed: 7 }));
  const without = rootForFile('cco-reports-2026np-', (d) =>
    write2026Root(d, { shapes: noProgress, perShape: 20, seed: 7 }),
  );
  it.each(['daily'] as const)('matches %s with every shape, agent-progress lines included', async (kind) => {
    expectSameReport(await reportOf(all.stack, kind, { tz: 'UTC' }), await ccusageReport(all.path, kind, 'UTC'), kind);
  });
  it.each(KINDS)('matches %s on every shape but agent-progress', async (kind) => {
    expectSameReport(
      await reportOf(without.stack, kind, { tz: 'America/New_York' }),
      await ccusageReport(without.path, kind, 'America/New_York'),
      kind,
    );
  });
  it("files a fast/standard tie under the costlier copy's session, where ccusage session keeps the first in path order", async () => {
    await using dir = await tempDir('cco-reports-fasttie-');
    await write2026Root(dir.path, { shapes: ['fast-tie'] });
    const stack = metricsStack(dir.path);
    await stack.aggregator.tickNow();
    const [cco, oracle, daily] = await Promise.all([
      reportOf(stack, 'session', { tz: 'UTC' }),
      ccusageReport(dir.path, 'session', 'UTC'),
      ccusageReport(dir.path, 'daily', 'UTC'),
    ]);
    const ids = (body: ReportJson) => (body.sessions as { sessionId: string }[]).map((s) => s.sessionId).sort();
    expect(ids(oracle)).toEqual(['b']);
    expect(ids(cco)).toEqual(['a', 'b']);
    expect(cco.totals.totalCost).toBeCloseTo(daily.totals.totalCost as number, 9);
  });

  it.each(['weekly', 'monthly', 'session'] as const)(
    'counts agent-progress usage in %s, where ccusage leaves it out',
    async (kind) => {
      const [cco, oracle] = await Promise.all([
        reportOf(all.stack, kind, { tz: 'UTC' }),
        ccusageReport(all.path, kind, 'UTC'),
      ]);
      const daily = await ccusageReport(all.path, 'daily', 'UTC');
      expect(cco.totals.inputTokens).toBe(daily.totals.inputTokens as number);
      expect(cco.totals.inputTokens).toBeGreaterThan(oracle.totals.inputTokens as number);
    },
  );
});
