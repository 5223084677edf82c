// The HTTP bench's three measurements, raw samples only: steady load on /api/stats (cco against the raw Bun.serve
// baseline, alternating), latency while a second daemon cold-ingests a big root, and RSS of a fast-ticking daemon.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { LoadGenerator, LoadResult, AbReport } from './http-load.ts';
import { runAb } from './http-load.ts';
import { fetchHealth, startCco, waitReady, type Health, type ServerProcess } from './http-servers.ts';
import { nowMs } from './lib/timing.ts';

/**
 * wrk threads: half the cores, so the load generator and the server under test each have cores of their own. With as
 * many busy wrk threads as cores, the server's event loop waits on the scheduler and p99 measures that (on 2 cores,
 * wrk -t2 puts cco and the raw Bun.serve alike at 1.4–2 ms p99; -t1 at 0.5–0.9 ms).
 */
export const THREADS = Math.max(1, Math.floor(availableParallelism() / 2));
export const CONNECTIONS = 10;
export const AB_REQUESTS = 1_000;
const WARMUP_S = 2;
/** Upper bound on one cold ingest of the big root, ms. */
const INGEST_TIMEOUT_MS = 10 * 60_000;
/** cco's snapshot ring buffer capacity. */
export const RING_CAPACITY = 3_600;

export interface MeasureContext {
  readonly load: LoadGenerator;
  readonly runs: number;
  /** Length of one steady load run, s. */
  readonly seconds: number;
  /** Every started server goes in here until it is stopped, so a signal can take them all down. */
  readonly live: Set<ServerProcess>;
  /** A temp folder the bench removes at the end. */
  readonly scratch: string;
  log(line: string): void;
}

/** A fresh, empty XDG_DATA_HOME for one daemon: its store starts empty and lives in the bench's scratch folder. */
export const freshDataHome = (ctx: MeasureContext): Promise<string> => mkdtemp(join(ctx.scratch, 'data-home-'));

/** Starts a server through `start`, keeps it in `live` until it stops. */
export async function tracked(ctx: MeasureContext, start: () => Promise<ServerProcess>): Promise<ServerProcess> {
  const server = await start();
  ctx.live.add(server);
  const stop = async () => {
    try {
      await server.stop();
    } finally {
      ctx.live.delete(server);
    }
  };
  return { ...server, stop, [Symbol.asyncDispose]: stop };
}

const describe = (r: LoadResult) =>
  `${Math.round(r.requestsPerS).toLocaleString('en-US')} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms`;

export interface SteadySamples {
  readonly ccoStats: LoadResult[];
  readonly rawStats: LoadResult[];
  readonly ccoHealth: LoadResult[];
  readonly ccoAb: AbReport[];
  readonly rawAb: AbReport[];
}

/** Rounds of `seconds` each on cco /api/stats, the raw server and cco /api/health, taking turns; then ab's check. */
export async function measureSteady(
  ctx: MeasureContext,
  cco: ServerProcess,
  raw: ServerProcess,
  abAvailable: boolean,
): Promise<SteadySamples> {
  const targets = {
    ccoStats: `${cco.url}/api/stats`,
    rawStats: `${raw.url}/api/stats`,
    ccoHealth: `${cco.url}/api/health`,
  };
  const names = Object.keys(targets) as (keyof typeof targets)[];
  for (const name of names)
    await ctx.load.run(targets[name], { threads: THREADS, connections: CONNECTIONS, seconds: WARMUP_S });
  const samples: SteadySamples = { ccoStats: [], rawStats: [], ccoHealth: [], ccoAb: [], rawAb: [] };
  for (let round = 0; round < ctx.runs; round++) {
    // Rotate who goes first, so no contender always runs right after another's load.
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length] as keyof typeof targets;
      const result = await ctx.load.run(targets[name], {
        threads: THREADS,
        connections: CONNECTIONS,
        seconds: ctx.seconds,
      });
      samples[name].push(result);
      ctx.log(`  round ${round + 1}/${ctx.runs} ${name}: ${describe(result)}`);
    }
  }
  if (abAvailable) {
    for (let round = 0; round < ctx.runs; round++) {
      samples.ccoAb.push(await runAb(targets.ccoStats, AB_REQUESTS, CONNECTIONS));
      samples.rawAb.push(await runAb(targets.rawStats, AB_REQUESTS, CONNECTIONS));
    }
  }
  return samples;
}

export interface ColdSample {
  /** The load run, from the big daemon's listening line (give or take wrk's start-up) to its first `ready`. */
  readonly load: LoadResult;
  /** The first tick's own duration as /api/health reports it, ms. */
  readonly ingestMs: number;
  /** From the listening line to `ready` seen by the poller, ms. */
  readonly listenToReadyMs: number;
  readonly bytesRead: number;
  readonly files: number;
}

/**
 * Starts `cco serve --data-dir root` and puts `target(big)` under load from its listening line until it is ready:
 * one load run per cold ingest. The poller asks /api/health every 100 ms; with `stopWhenReady`, wrk's own threads
 * stop at the first ready answer too.
 */
async function underColdIngest(
  ctx: MeasureContext,
  root: string,
  target: (big: ServerProcess) => string,
  stopWhenReady: boolean,
): Promise<ColdSample> {
  const dataHome = await freshDataHome(ctx);
  try {
    await using big = await tracked(ctx, () => startCco('cco big root', ['--data-dir', root], dataHome));
    const ready = waitReady(big, INGEST_TIMEOUT_MS, 100);
    const settled = ready.then(
      () => undefined,
      () => undefined,
    );
    const load = await ctx.load.run(target(big), {
      threads: THREADS,
      connections: CONNECTIONS,
      seconds: INGEST_TIMEOUT_MS / 1000,
      until: settled,
      stopWhenReady,
    });
    const { health, atMs } = await ready;
    return {
      load,
      ingestMs: health.last_tick?.duration_ms ?? Number.NaN,
      listenToReadyMs: atMs - big.listeningAtMs,
      bytesRead: health.bytes_read,
      files: health.files_tracked,
    };
  } finally {
    // Its store holds the whole root: tens of MB per run.
    await rm(dataHome, { recursive: true, force: true });
  }
}

export interface ColdSamples {
  /** GET /api/health on the daemon doing the cold ingest. */
  readonly health: ColdSample[];
  /** GET /api/stats on the (warm) demo daemon while another daemon cold-ingests. */
  readonly statsAlongside: ColdSample[];
}

export async function measureCold(ctx: MeasureContext, demo: ServerProcess, root: string): Promise<ColdSamples> {
  const samples: ColdSamples = { health: [], statsAlongside: [] };
  for (let round = 0; round < ctx.runs; round++) {
    const h = await underColdIngest(ctx, root, (big) => `${big.url}/api/health`, true);
    samples.health.push(h);
    ctx.log(
      `  round ${round + 1}/${ctx.runs} /api/health during cold ingest (${(h.ingestMs / 1000).toFixed(1)} s): ${describe(h.load)}, ${h.load.requests} requests`,
    );
    const s = await underColdIngest(ctx, root, () => `${demo.url}/api/stats`, false);
    samples.statsAlongside.push(s);
    ctx.log(
      `  round ${round + 1}/${ctx.runs} demo /api/stats alongside a cold ingest (${(s.ingestMs / 1000).toFixed(1)} s): ${describe(s.load)}, ${s.load.requests} requests`,
    );
  }
  return samples;
}

export interface MemorySamples {
  readonly intervalMs: number;
  readonly readyRssBytes: number;
  /** [s since ready, VmRSS bytes], one a second. */
  readonly rss: [number, number][];
  /** Ticks after the first, estimated as elapsed ÷ interval (ticks never overlap; a demo tick takes a few ms). */
  readonly ticks: number;
  readonly health: Health;
  /** The baseline: a daemon over an empty data root (no usage, an empty ring buffer), same interval; VmRSS once a second. */
  readonly emptyRss: number[];
}

/** Seconds the empty daemon is watched (its RSS settles within a few). */
const EMPTY_DAEMON_S = 10;

/** VmRSS of a daemon over an empty root, once a second for `seconds` after ready. */
async function emptyDaemonRss(ctx: MeasureContext, seconds: number, intervalMs: number): Promise<number[]> {
  const root = await mkdtemp(join(ctx.scratch, 'empty-root-'));
  await mkdir(join(root, 'projects'));
  const dataHome = await freshDataHome(ctx);
  await using empty = await tracked(ctx, () =>
    startCco('cco empty', ['--data-dir', root, '--interval', `${intervalMs}ms`], dataHome),
  );
  const { atMs } = await waitReady(empty, 60_000, 10);
  return (await rssEverySecond(empty, atMs, seconds)).map(([, bytes]) => bytes);
}

/** [s since `atMs`, VmRSS bytes] of `server`, once a second for `seconds`. */
async function rssEverySecond(server: ServerProcess, atMs: number, seconds: number): Promise<[number, number][]> {
  const rss: [number, number][] = [];
  for (let s = 1; s <= seconds; s++) {
    await Bun.sleep(Math.max(0, atMs + s * 1000 - nowMs()));
    rss.push([(nowMs() - atMs) / 1000, server.rssBytes()]);
  }
  return rss;
}

/** A demo daemon ticking every `intervalMs`: VmRSS at ready and once a second for `seconds`, without HTTP load. */
export async function measureMemory(ctx: MeasureContext, seconds: number, intervalMs = 100): Promise<MemorySamples> {
  const dataHome = await freshDataHome(ctx);
  await using cco = await tracked(ctx, () =>
    startCco('cco demo (fast ticks)', ['--demo', '--interval', `${intervalMs}ms`], dataHome),
  );
  const { atMs } = await waitReady(cco, 60_000, 10);
  const readyRssBytes = cco.rssBytes();
  const rss = await rssEverySecond(cco, atMs, seconds);
  const health = await fetchHealth(cco);
  const ticks = Math.floor((nowMs() - atMs) / intervalMs);
  ctx.log(
    `  memory: ${(readyRssBytes / 1e6).toFixed(1)} MB at ready, ${((rss.at(-1)?.[1] ?? Number.NaN) / 1e6).toFixed(1)} MB after ~${ticks} ticks`,
  );
  await cco.stop();
  const emptyRss = await emptyDaemonRss(ctx, EMPTY_DAEMON_S, intervalMs);
  ctx.log(`  memory: empty daemon ${(Math.max(...emptyRss) / 1e6).toFixed(1)} MB at most over ${EMPTY_DAEMON_S} s`);
  return { intervalMs, readyRssBytes, rss, ticks, health, emptyRss };
}
