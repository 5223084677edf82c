// The HTTP bench: the compiled daemon's /api/stats under wrk against a raw Bun.serve answering the same bytes,
// ab's 1,000-request check, latency while a ~1 GB cold ingest runs, and RSS as snapshots replace the backfill.
// Loopback only; every process it starts is stopped on every path out. Run alone: `bun bench/http.ts`.
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestRoot } from './http-ingest-root.ts';
import { hasAb, loadGenerator, type LoadResult } from './http-load.ts';
import {
  AB_REQUESTS,
  CONNECTIONS,
  freshDataHome,
  measureCold,
  measureMemory,
  measureSteady,
  RING_CAPACITY,
  THREADS,
  tracked,
  type ColdSample,
  type MeasureContext,
  type MemorySamples,
} from './http-measure.ts';
import { CCO_BINARY, startCco, startRawServer, waitReady, type ServerProcess } from './http-servers.ts';
import type { Bench, BenchContext, BenchResult } from './lib/bench.ts';
import { stopOnSignal } from './lib/stop-on-signal.ts';
import { warmPageCache } from './lib/page-cache.ts';
import { figureRow, mb, ratioAtLeast, valueBelow, type Row } from './lib/report.ts';
import { renderTable } from './lib/table.ts';
import { median } from './lib/timing.ts';

const THROUGHPUT_GOAL = 0.9;
const P99_GOAL_MS = 1;
const P99_UNDER_INGEST_GOAL_MS = 5;
const AB_LONGEST_GOAL_MS = 20;
/** The seed's bound: a full ring buffer costs less than this above an empty daemon. */
const RSS_ABOVE_EMPTY_GOAL_MB = 50;

export interface HttpBenchOptions extends BenchContext {
  /** One steady wrk run, s (default: CCO_BENCH_HTTP_SECONDS, else 10). */
  readonly seconds?: number;
  /** How long the memory run watches a 100 ms-interval daemon, s; 0 skips it (default: CCO_BENCH_HTTP_RSS_SECONDS, else 60). */
  readonly rssSeconds?: number;
  /** Size of the root cold-ingested under load, bytes (default: CCO_BENCH_BYTES, else 1e9). */
  readonly ingestBytes?: number;
}

export type HttpBenchResult = BenchResult;

function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min}, got ${raw}`);
  return n;
}

const ms = (value: number, note?: string) => ({ value, unit: 'ms' as const, ...(note ? { note } : {}) });
const p99s = (runs: readonly LoadResult[]) => runs.map((r) => r.p99Ms);
const worst = (values: readonly number[]) => Math.max(...values);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const formatSize = (bytes: number) =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(0)} MB`;

/** Bytes per second of a least-squares line through [s, bytes] points. */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxy / sxx;
}

function coldRows(
  label: string,
  health: readonly ColdSample[],
  alongside: readonly ColdSample[],
  steady: { health: number; stats: number },
): Row[] {
  const window = (s: readonly ColdSample[]) =>
    `ingest ${seconds(median(s.map((c) => c.ingestMs)))}, worst p99 ${worst(p99s(s.map((c) => c.load))).toFixed(2)} ms`;
  return [
    figureRow(
      `GET /api/health p99 during a ${label} cold ingest (same daemon)`,
      ms(median(p99s(health.map((c) => c.load))), window(health)),
      { label: 'same, no ingest', ...ms(steady.health) },
      valueBelow(P99_UNDER_INGEST_GOAL_MS),
    ),
    figureRow(
      `GET /api/stats p99 while another daemon cold-ingests ${label}`,
      ms(median(p99s(alongside.map((c) => c.load))), window(alongside)),
      { label: 'same, no ingest', ...ms(steady.stats) },
      valueBelow(P99_UNDER_INGEST_GOAL_MS),
    ),
  ];
}

/**
 * RSS falls for a while after ready (the cold ingest's garbage is collected), so growth is fitted only after the
 * first third of the run (at most 10 s), then projected linearly to a buffer of live snapshots only.
 */
function memoryRows(
  m: MemorySamples,
  rawRssBytes: number,
): { rows: Row[]; projectedBytes: number; bytesPerTick: number } {
  const [lastS, last] = m.rss.at(-1) ?? [0, Number.NaN];
  const settleS = Math.min(10, lastS / 3);
  const bytesPerTick = slope(m.rss.filter(([t]) => t >= settleS)) * (m.intervalMs / 1000);
  const projectedBytes = last + Math.max(0, bytesPerTick) * Math.max(0, RING_CAPACITY - 1 - m.ticks);
  const emptyBytes = Math.max(...m.emptyRss);
  const raw = { label: 'raw Bun.serve, idle', value: mb(rawRssBytes), unit: 'MB' as const };
  const fit = `${bytesPerTick >= 0 ? '+' : ''}${(bytesPerTick / 1e3).toFixed(2)} kB/tick after ${settleS.toFixed(0)} s`;
  return {
    projectedBytes,
    bytesPerTick,
    rows: [
      figureRow(
        'RSS, demo daemon at ready (ring buffer full of backfilled points)',
        { value: mb(m.readyRssBytes), unit: 'MB' },
        raw,
      ),
      figureRow(
        `RSS after ~${m.ticks} live snapshots (${m.intervalMs} ms ticks, ${lastS.toFixed(0)} s)`,
        {
          value: mb(last),
          unit: 'MB',
          note: `range ${mb(Math.min(...m.rss.map(([, b]) => b))).toFixed(1)}–${mb(Math.max(...m.rss.map(([, b]) => b))).toFixed(1)} MB`,
        },
        raw,
      ),
      figureRow(
        `RSS at ${RING_CAPACITY.toLocaleString('en-US')} live snapshots, extrapolated`,
        {
          value: mb(projectedBytes),
          unit: 'MB',
          note: `linear fit ${fit}${bytesPerTick <= 0 ? ': no growth seen' : ''}`,
        },
        raw,
      ),
      // The full ring buffer's cost: the larger of the two full states (backfilled at ready, live extrapolated) over
      // the largest RSS of a daemon with an empty root, measured in the same run.
      figureRow(
        'RSS of a full ring buffer above an empty daemon',
        {
          value: mb(Math.max(m.readyRssBytes, projectedBytes) - emptyBytes),
          unit: 'MB',
          note: `${mb(Math.max(m.readyRssBytes, projectedBytes)).toFixed(1)} MB vs an empty daemon's ${mb(emptyBytes).toFixed(1)} MB`,
        },
        undefined,
        valueBelow(RSS_ABOVE_EMPTY_GOAL_MB),
      ),
    ],
  };
}

/** Runs every HTTP measurement; throws when the daemon or a load generator is missing or a server fails. */
export async function runHttpBench(options: HttpBenchOptions): Promise<HttpBenchResult> {
  const { log, runs } = options;
  const steadySeconds = options.seconds ?? envNumber('CCO_BENCH_HTTP_SECONDS', 10, 1);
  const rssSeconds = options.rssSeconds ?? envNumber('CCO_BENCH_HTTP_RSS_SECONDS', 60, 0);
  const ingestBytes = options.ingestBytes ?? envNumber('CCO_BENCH_BYTES', 1e9, 1);
  if (!existsSync(CCO_BINARY)) throw new Error(`${CCO_BINARY} is missing: run make build (make bench builds it first)`);

  const load = await loadGenerator(log);
  const abAvailable = hasAb(log);
  const scratch = await mkdtemp(join(tmpdir(), 'cco-bench-http-'));
  const live = new Set<ServerProcess>();
  const teardown = stopOnSignal(load, live, scratch);
  const ctx: MeasureContext = { load, runs, seconds: steadySeconds, live, scratch, log };
  const warnings: string[] = [];
  const loadAtStart = loadavg()[0] ?? 0;
  try {
    const data = await ingestRoot(ingestBytes, log);
    warmPageCache(data.root);

    const demoHome = await freshDataHome(ctx);
    await using demo = await tracked(ctx, () => startCco('cco demo', ['--demo'], demoHome));
    await waitReady(demo, 60_000);
    const response = await fetch(`${demo.url}/api/stats`);
    const body = await response.text();
    if (!response.ok) throw new Error(`cco demo: GET /api/stats answered ${response.status}: ${body.slice(0, 200)}`);
    const bodyFile = join(scratch, 'stats.json');
    await writeFile(bodyFile, body);
    await using raw = await tracked(ctx, () =>
      startRawServer(bodyFile, response.headers.get('content-type') ?? 'application/json'),
    );
    const rawBytes = (await (await fetch(`${raw.url}/api/stats`)).arrayBuffer()).byteLength;
    if (rawBytes !== Buffer.byteLength(body))
      throw new Error(`raw server answered ${rawBytes} bytes, cco ${Buffer.byteLength(body)}`);
    const rawRssBytes = raw.rssBytes();

    log(
      `http: ${load.tool} -t${THREADS} -c${CONNECTIONS}, ${runs} × ${steadySeconds} s per contender; /api/stats body ${rawBytes} B`,
    );
    const steady = await measureSteady(ctx, demo, raw, abAvailable);
    log(`http: cold ingest of ${formatSize(data.bytes)} (${data.files} files) under load, ${runs} × 2 daemons`);
    const cold = await measureCold(ctx, demo, data.root);
    await demo.stop();
    await raw.stop();
    const memory = rssSeconds > 0 ? await measureMemory(ctx, rssSeconds) : undefined;

    const bestRps = (r: readonly LoadResult[]) => Math.max(...r.map((x) => x.requestsPerS));
    const ccoRps = bestRps(steady.ccoStats);
    const rawRps = bestRps(steady.rawStats);
    const p50 = median(steady.ccoStats.map((r) => r.p50Ms));
    const steadyStatsP99 = median(p99s(steady.ccoStats));
    const steadyHealthP99 = median(p99s(steady.ccoHealth));
    const load10 = `${load.tool} ${THREADS} threads × ${CONNECTIONS} conns`;
    const rows: Row[] = [
      figureRow(
        `GET /api/stats (${rawBytes} B), ${load10}, ${steadySeconds} s`,
        { value: ccoRps, unit: 'req/s' },
        { label: 'raw Bun.serve, same bytes', value: rawRps, unit: 'req/s' },
        ratioAtLeast(THROUGHPUT_GOAL),
      ),
      figureRow(
        'GET /api/stats p99, same runs',
        ms(steadyStatsP99, `p50 ${p50.toFixed(2)} ms, worst p99 ${worst(p99s(steady.ccoStats)).toFixed(2)} ms`),
        { label: 'raw Bun.serve', ...ms(median(p99s(steady.rawStats))) },
        valueBelow(P99_GOAL_MS),
      ),
    ];
    if (abAvailable) {
      rows.push(
        figureRow(
          `GET /api/stats longest of ${AB_REQUESTS.toLocaleString('en-US')} (ab -c ${CONNECTIONS}), worst of ${runs}`,
          ms(worst(steady.ccoAb.map((r) => r.percentiles.get(100) ?? Number.NaN))),
          { label: 'raw Bun.serve', ...ms(worst(steady.rawAb.map((r) => r.percentiles.get(100) ?? Number.NaN))) },
          valueBelow(AB_LONGEST_GOAL_MS),
        ),
      );
    } else {
      warnings.push(
        'ab unavailable (apt-get install apache2-utils): the 1,000-request longest-latency check was skipped',
      );
    }
    rows.push(
      ...coldRows(formatSize(data.bytes), cold.health, cold.statsAlongside, {
        health: steadyHealthP99,
        stats: steadyStatsP99,
      }),
    );
    let memoryFit: { projectedRssBytes: number; bytesPerTick: number } | undefined;
    if (memory) {
      const m = memoryRows(memory, rawRssBytes);
      rows.push(...m.rows);
      memoryFit = { projectedRssBytes: m.projectedBytes, bytesPerTick: m.bytesPerTick };
      if (memory.health.failed_ticks > 0)
        warnings.push(`WARNING: the memory run's daemon had ${memory.health.failed_ticks} failed ticks`);
    } else {
      warnings.push('memory run skipped (CCO_BENCH_HTTP_RSS_SECONDS=0)');
    }

    // Anything that would make a figure mean less than it says.
    const loads = [
      ...steady.ccoStats,
      ...steady.rawStats,
      ...steady.ccoHealth,
      ...cold.health.map((c) => c.load),
      ...cold.statsAlongside.map((c) => c.load),
    ];
    const failed = loads.filter((r) => r.errors > 0);
    if (failed.length > 0)
      warnings.push(
        `WARNING: ${failed.length}/${loads.length} load runs had errors (socket errors, timeouts or status ≥ 400)`,
      );
    const abErrors = [...steady.ccoAb, ...steady.rawAb].filter((r) => r.errors > 0 || r.requests !== AB_REQUESTS);
    if (abErrors.length > 0) warnings.push(`WARNING: ${abErrors.length} ab runs had failed or missing requests`);
    const colds = [...cold.health, ...cold.statsAlongside];
    const short = colds.filter((c) => c.bytesRead !== data.bytes);
    if (short.length > 0)
      warnings.push(
        `WARNING: ${short.length}/${colds.length} cold ingests read ${short[0]?.bytesRead} bytes, not the root's ${data.bytes}`,
      );
    const busiest = Math.max(loadAtStart, loadavg()[0] ?? 0);
    if (busiest > cpus().length) {
      warnings.push(
        `WARNING: load average reached ${busiest.toFixed(2)} on ${cpus().length} CPUs: other work on the machine inflates every latency figure here`,
      );
    }
    const thin = colds.filter((c) => c.load.requests < 1_000);
    if (thin.length > 0)
      warnings.push(
        `WARNING: ${thin.length}/${colds.length} cold-ingest load runs saw fewer than 1,000 requests: their p99 says little`,
      );

    return {
      rows,
      warnings,
      details: {
        method: [
          `loopback only; the compiled dist/cco serve against bench/http-raw-server.ts (a bare Bun.serve answering every request with the bytes cco served), each its own process`,
          `steady: ${load.tool} -t${THREADS} -c${CONNECTIONS}, ${steadySeconds} s per run, contenders take turns, ${runs} rounds after a 2 s warm-up each; req/s: best of runs; p50/p99: median of runs`,
          `ab: ab -n ${AB_REQUESTS} -c ${CONNECTIONS} (no keep-alive), longest request, worst of ${runs}`,
          'cold: a fresh `cco serve --data-dir <root>` per run (page cache warmed first); load from its listening line until /api/health says ready (wrk threads also stop at the first ready answer); /api/health on that daemon, then /api/stats on the warm demo daemon while a second fresh daemon ingests; p99: median of runs',
          `memory: a demo daemon with --interval 100ms, no HTTP load, then a daemon over an empty root (same interval; the baseline: its largest VmRSS of 10 s); VmRSS at ready and once a second for ${rssSeconds} s; at ready the ring buffer already holds ${RING_CAPACITY - 1} backfilled points (no per-model data), each tick replaces one with a full snapshot; projection: last sample + least-squares slope (samples after the first third, at most 10 s, when RSS settles after ingest) × the ticks left to ${RING_CAPACITY - 1}, never below the last sample`,
        ],
        loadGenerator: load.tool,
        bodyBytes: rawBytes,
        dataset: {
          root: data.root,
          options: data.options,
          files: data.files,
          bytes: data.bytes,
          cached: data.cached,
          generatedMs: data.generatedMs,
        },
        steady,
        ab: {
          cco: steady.ccoAb.map((r) => ({ ...r, percentiles: Object.fromEntries(r.percentiles) })),
          raw: steady.rawAb.map((r) => ({ ...r, percentiles: Object.fromEntries(r.percentiles) })),
        },
        cold,
        memory: memory ? { ...memory, ...memoryFit } : undefined,
        rawIdleRssBytes: rawRssBytes,
        /** 1-minute load average: other work on the machine shows up in every latency figure. */
        loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
      },
    };
  } finally {
    await teardown();
  }
}

export default {
  summary: `/api/stats under ${THREADS}×${CONNECTIONS} wrk vs raw Bun.serve (same bytes), ab longest of ${AB_REQUESTS}, p99 during a ~1 GB cold ingest, RSS as snapshots fill`,
  run: (context) => runHttpBench(context),
} satisfies Bench;

if (import.meta.main) {
  const runs = envNumber('CCO_BENCH_RUNS', 3, 1);
  const result = await runHttpBench({ runs, log: (line) => console.error(line) });
  console.log(renderTable(new Map([['http', result.rows]])));
  const load = result.details.loadAverage as { start: number; end: number };
  console.log(`load average ${load.start.toFixed(2)} at start, ${load.end.toFixed(2)} at end`);
  for (const warning of result.warnings) console.log(warning);
}
