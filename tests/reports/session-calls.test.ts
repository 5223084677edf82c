// `GET /api/reports/session/{id}` (`cco session --id`) against ccusage 20.0.24's `session --id --json`: the same
// calls in the same order, to the millisecond, tokens exact, totals to 1e-9, in any zone and day range; through the
// ingest worker as through in-process ingest, and after a restart from the store.
import { describe, expect, it } from 'bun:test';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { workerIngest } from '../../src/daemon/ingest-client.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { writeEdgeRoot } from '../fixtures/edge-root.ts';
import { relativeError } from '../helpers/ccusage.ts';
import { metricsStack } from '../helpers/metrics.ts';
import { ccusageReport } from '../helpers/report-compare.ts';
import { tempDir } from '../helpers/temp.ts';
import { rootForFile } from '../helpers/ticked-root.ts';

interface Entry {
  timestamp: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  costUSD: number;
}
interface CallsBody {
  sessionId: string;
  totalCost: number;
  totalTokens: number;
  entries: Entry[];
}

type Stack = ReturnType<typeof metricsStack>;

async function callsOf(stack: Stack, id: string, query: Record<string, string>): Promise<CallsBody | null> {
  const res = await stack.get(`/api/reports/session/${encodeURIComponent(id)}?${new URLSearchParams(query)}`);
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return (await res.json()) as CallsBody;
}

async function oracleCalls(root: string, id: string, zone: string, extra: string[] = []): Promise<CallsBody | null> {
  return (await ccusageReport(root, 'session', zone, ['--id', id, ...extra])) as unknown as CallsBody | null;
}

/** ccusage's keys but costUSD (cco adds isSidechain). */
const withoutCost = (e: Entry) => ({
  timestamp: e.timestamp,
  model: e.model,
  inputTokens: e.inputTokens,
  outputTokens: e.outputTokens,
  cacheCreationTokens: e.cacheCreationTokens,
  cacheReadTokens: e.cacheReadTokens,
});

/**
 * Every call as ccusage lists it. Named difference: ccusage writes each entry's `costUSD` from the line's own
 * `costUSD` field (0 when the line has none, even with --mode calculate), so its entries do not add up to its
 * `totalCost`; cco writes the cost it counts for the call, and the entries add up to `totalCost`.
 */
function expectSameCalls(cco: CallsBody | null, oracle: CallsBody | null): void {
  expect(cco === null).toBe(oracle === null);
  if (!cco || !oracle) return;
  expect(cco.sessionId).toBe(oracle.sessionId);
  expect(cco.entries.map(withoutCost)).toEqual(oracle.entries.map(withoutCost));
  expect(cco.totalTokens).toBe(oracle.totalTokens);
  expect(relativeError(cco.totalCost, oracle.totalCost)).toBeLessThan(1e-9);
  const sum = cco.entries.reduce((n, e) => n + e.costUSD, 0);
  expect(relativeError(sum, cco.totalCost)).toBeLessThan(1e-9);
}

async function sessionIds(stack: Stack): Promise<string[]> {
  const res = await stack.get('/api/reports/session?tz=UTC');
  return ((await res.json()) as { sessions: { sessionId: string }[] }).sessions.map((s) => s.sessionId);
}

describe('session calls equal ccusage session --id', () => {
  const demo = rootForFile('cco-calls-demo-', (d) =>
    generateDemoRoot(d, { now: Date.UTC(2026, 2, 20, 12), sessions: 16, seed: 5 }),
  );
  const edge = rootForFile('cco-calls-edge-', (d) => writeEdgeRoot(d, { quirks: false }));

  it('lists every call of each demo session, subagents included, to the millisecond', async () => {
    const ids = await sessionIds(demo.stack);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids.slice(0, 6))
      expectSameCalls(await callsOf(demo.stack, id, { tz: 'UTC' }), await oracleCalls(demo.path, id, 'UTC'));
  }, 60_000);

  it('keeps only the calls whose local day is in --since/--until, in the zone asked for', async () => {
    let partial = 0;
    for (const id of (await sessionIds(demo.stack)).slice(0, 10)) {
      const whole = await callsOf(demo.stack, id, { tz: 'UTC' });
      const first = Date.parse(whole?.entries[0]?.timestamp ?? '');
      // A whole-hour zone in which the session starts at 23:xx local time, so a longer one runs into the next day.
      const ahead = (23 - new Date(first).getUTCHours() + 24) % 24;
      const hours = ahead > 14 ? ahead - 24 : ahead;
      const zone = hours === 0 ? 'UTC' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
      const nextDay = new Date(first + hours * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
      for (const range of [{ since: nextDay }, { until: nextDay }] as Record<string, string>[]) {
        const flags = Object.entries(range).flatMap(([k, v]) => [`--${k}`, v.replace(/-/g, '')]);
        const [cco, oracle] = await Promise.all([
          callsOf(demo.stack, id, { tz: zone, ...range }),
          oracleCalls(demo.path, id, zone, flags),
        ]);
        expectSameCalls(cco, oracle);
        if (cco && whole && cco.entries.length < whole.entries.length) partial++;
      }
    }
    expect(partial).toBeGreaterThan(1);
  }, 60_000);

  it('matches on the edge-case root, session by session', async () => {
    for (const id of await sessionIds(edge.stack))
      expectSameCalls(
        await callsOf(edge.stack, id, { tz: 'Asia/Kathmandu' }),
        await oracleCalls(edge.path, id, 'Asia/Kathmandu'),
      );
  }, 60_000);

  it('answers 404 for a session no log has (ccusage prints null)', async () => {
    expect(await oracleCalls(demo.path, 'no-such-session', 'UTC')).toBeNull();
    const res = await demo.stack.get('/api/reports/session/no-such-session');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('not_found');
  }, 60_000);

  it('answers the same through the ingest worker, and after a restart from the store, as in-process', async () => {
    await using dir = await tempDir('cco-calls-worker-');
    const root = join(dir.path, 'root');
    await generateDemoRoot(root, { now: Date.UTC(2026, 2, 20, 12), sessions: 6, seed: 9 });
    const reference = metricsStack(root);
    await reference.aggregator.tickNow();
    const [id = ''] = await sessionIds(reference);
    const expected = await callsOf(reference, id, { tz: 'UTC' });
    expect(expected?.entries.length).toBeGreaterThan(0);
    const roots = resolveDataRoots({ dataDirs: [root], env: {}, home: dir.path });
    for (let run = 0; run < 2; run++) {
      const ingest = workerIngest({
        roots,
        costMode: 'calculate',
        backfillMs: 60_000,
        parseThreads: 0,
        dbPath: join(dir.path, 'usage.db'),
      });
      const stack = metricsStack(root, { ingest });
      try {
        await ingest.opened;
        await stack.aggregator.tickNow();
        expect(await callsOf(stack, id, { tz: 'UTC' })).toEqual(expected);
      } finally {
        await ingest.close();
      }
    }
  }, 60_000);
});
