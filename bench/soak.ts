// The soak: the compiled daemon (with its store) for 10 minutes while 200 lines a second are appended across 50
// transcripts and /api/stats is hammered on 10 connections. Checks no error answers, totals equal ccusage at the end,
// flat RSS after warm-up, and p99. Loopback only, bounded, stops everything it started. Not part of a plain
// `make bench`: run it by name (`make bench ARGS=soak`; CCO_SOAK_SECONDS shortens it) or alone (`bun bench/soak.ts`).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGenerator, type LoadResult } from './http-load.ts';
import { CONNECTIONS, THREADS } from './http-measure.ts';
import { CCO_BINARY, fetchHealth, startCco, waitReady, type ServerProcess } from './http-servers.ts';
import type { Bench, BenchContext, BenchResult } from './lib/bench.ts';
import { stopOnSignal } from './lib/stop-on-signal.ts';
import { runCcusage } from './lib/ccusage.ts';
import { checkRow, figureRow, mb, ratioAtLeast, valueBelow, type Row } from './lib/report.ts';
import { renderTable } from './lib/table.ts';
import { median, nowMs } from './lib/timing.ts';
import { describeTotals, sameTotals, type UsageTotals } from './lib/totals.ts';
import { createSoakRoot, startAppender } from './soak-writer.ts';

const FILES = 50;
const PROJECTS = 10;
const LINES_PER_S = 200;
const BACKLOG_LINES = 200;
/** One load run; p99 is reported per window, so a bad minute is not averaged away. */
const WINDOW_S = 60;
const P99_GOAL_MS = 1;
const RSS_GROWTH_GOAL = 0.1;

function soakSeconds(): number {
  const raw = process.env.CCO_SOAK_SECONDS ?? '600';
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 20) throw new Error(`CCO_SOAK_SECONDS must be a number ≥ 20, got ${raw}`);
  return n;
}

interface StatsTotals {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_tokens: number;
  readonly cache_read_tokens: number;
  readonly cost: number;
}

async function ccoTotals(server: ServerProcess): Promise<UsageTotals> {
  const t = ((await (await fetch(`${server.url}/api/stats`)).json()) as { totals: StatsTotals }).totals;
  return {
    input: t.input_tokens,
    output: t.output_tokens,
    cacheCreation: t.cache_creation_tokens,
    cacheRead: t.cache_read_tokens,
    cost: t.cost,
  };
}

/** Waits for a tick that started after `sinceEpochMs` and read nothing: everything appended is counted. */
async function idleTickAfter(server: ServerProcess, sinceEpochMs: number, timeoutMs = 120_000): Promise<void> {
  const deadline = nowMs() + timeoutMs;
  for (;;) {
    const h = await fetchHealth(server);
    const tick = h.last_tick as { at: string; bytes_read?: number } | null;
    if (tick && Date.parse(tick.at) > sinceEpochMs && tick.bytes_read === 0) return;
    if (nowMs() > deadline)
      throw new Error(`${server.name}: no idle tick within ${timeoutMs} ms after the appends stopped`);
    await Bun.sleep(100);
  }
}

const ms = (value: number, note?: string) => ({ value, unit: 'ms' as const, ...(note ? { note } : {}) });

export async function runSoak({ log }: BenchContext): Promise<BenchResult> {
  const seconds = soakSeconds();
  if (!existsSync(CCO_BINARY)) throw new Error(`${CCO_BINARY} is missing: run make build (make bench builds it first)`);
  const load = await loadGenerator(log);
  const scratch = await mkdtemp(join(tmpdir(), 'cco-bench-soak-'));
  const live = new Set<ServerProcess>();
  const teardown = stopOnSignal(load, live, scratch);
  const warmupS = Math.min(60, seconds / 4);
  try {
    log(
      `soak: generating ${FILES} transcripts (${BACKLOG_LINES} lines each, then ${LINES_PER_S} lines/s for ${seconds} s) …`,
    );
    const root = createSoakRoot(join(scratch, 'root'), {
      files: FILES,
      projects: PROJECTS,
      backlogLines: BACKLOG_LINES,
      appendLines: Math.ceil((LINES_PER_S * seconds) / FILES) + 10,
      now: Date.now(),
    });
    const dataHome = join(scratch, 'data');
    await mkdir(dataHome);
    const cco = await startCco('cco soak', ['--data-dir', root.root, '--db', join(scratch, 'cco.db')], dataHome);
    live.add(cco);
    await waitReady(cco, 60_000);
    await idleTickAfter(cco, Date.now());

    // The baseline: the same load on the same daemon with nothing appended.
    const baselineS = Math.min(30, Math.floor(seconds / 4));
    log(`soak: baseline, ${baselineS} s of load without appends …`);
    const baseline = await load.run(`${cco.url}/api/stats`, {
      threads: THREADS,
      connections: CONNECTIONS,
      seconds: baselineS,
    });
    log(
      `  baseline: ${Math.round(baseline.requestsPerS)} req/s, p99 ${baseline.p99Ms.toFixed(2)} ms, ${baseline.errors} errors`,
    );
    log(
      `soak: ${seconds} s of ${LINES_PER_S} appends/s across ${FILES} files, ${load.tool} ${THREADS} threads × ${CONNECTIONS} connections on /api/stats`,
    );
    const t0 = nowMs();
    const rss: [number, number][] = [[0, cco.rssBytes()]];
    const sampler = setInterval(() => rss.push([(nowMs() - t0) / 1000, cco.rssBytes()]), 1000);
    const appender = startAppender(root, LINES_PER_S);
    const windows: LoadResult[] = [];
    /** 1-minute load average after each window: other work on the machine shows in every latency figure. */
    const loads: number[] = [loadavg()[0] ?? 0];
    try {
      for (let left = seconds; left >= 1; left = seconds - (nowMs() - t0) / 1000) {
        const w = await load.run(`${cco.url}/api/stats`, {
          threads: THREADS,
          connections: CONNECTIONS,
          seconds: Math.min(WINDOW_S, Math.floor(left)),
        });
        windows.push(w);
        loads.push(loadavg()[0] ?? 0);
        log(
          `  ${((nowMs() - t0) / 1000).toFixed(0)} s: ${Math.round(w.requestsPerS)} req/s, p99 ${w.p99Ms.toFixed(2)} ms, ${w.errors} errors, RSS ${(cco.rssBytes() / 1e6).toFixed(1)} MB, ${appender.progress().lines} lines appended`,
        );
      }
    } finally {
      clearInterval(sampler);
    }
    const appended = appender.stop();
    const elapsedS = (nowMs() - t0) / 1000;
    const stoppedAt = Date.now();
    await idleTickAfter(cco, stoppedAt);
    const totals = await ccoTotals(cco);
    const health = await fetchHealth(cco);
    const stderr = cco.stderr();
    await cco.stop();
    live.delete(cco);
    log('soak: ccusage over the root …');
    const oracle = (await runCcusage(root.root)).totals;

    const requests = windows.reduce((a, w) => a + w.requests, 0);
    const errors = windows.reduce((a, w) => a + w.errors, 0) + baseline.errors;
    const p99s = windows.map((w) => w.p99Ms);
    const at = (from: number, to: number) => median(rss.filter(([t]) => t >= from && t < to).map(([, b]) => b));
    const startRss = at(warmupS, warmupS + 10);
    const endRss = at(elapsedS - 10, elapsedS + 1);
    const growth = endRss / startRss - 1;
    const warnings = stderr.split('\n').filter((l) => l.includes('warning'));
    const rate = appended.lines / elapsedS;
    const same = sameTotals(totals, oracle);
    const rows: Row[] = [
      checkRow(
        `error responses, ${requests.toLocaleString('en-US')} × GET /api/stats over ${elapsedS.toFixed(0)} s (goal 0)`,
        errors === 0,
        `${errors}`,
      ),
      figureRow(
        `GET /api/stats p99 under appends, median of ${windows.length} windows`,
        ms(
          median(p99s),
          `worst ${Math.max(...p99s).toFixed(2)} ms, p50 ${median(windows.map((w) => w.p50Ms)).toFixed(2)} ms, ${Math.round(requests / elapsedS).toLocaleString('en-US')} req/s`,
        ),
        { label: `same daemon, no appends, ${baselineS} s`, ...ms(baseline.p99Ms) },
        valueBelow(P99_GOAL_MS),
      ),
      figureRow(
        `RSS at the end (growth after ${warmupS.toFixed(0)} s warm-up < 10%)`,
        {
          value: mb(endRss),
          unit: 'MB',
          note: `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%; range ${mb(Math.min(...rss.map(([, b]) => b))).toFixed(1)}–${mb(Math.max(...rss.map(([, b]) => b))).toFixed(1)} MB`,
        },
        { label: 'after warm-up', value: mb(startRss), unit: 'MB' },
        ratioAtLeast(1 / (1 + RSS_GROWTH_GOAL)),
      ),
      checkRow(
        'totals equal ccusage at the end (tokens exact, cost 1e-9)',
        same,
        same ? 'equal' : `cco ${describeTotals(totals)}; ccusage ${describeTotals(oracle)}`,
      ),
      checkRow(
        `appends: ${LINES_PER_S} lines/s across ${FILES} files`,
        rate >= LINES_PER_S * 0.99,
        `${appended.lines.toLocaleString('en-US')} lines, ${mb(appended.bytes).toFixed(1)} MB, ${rate.toFixed(1)}/s`,
      ),
      checkRow(
        'daemon: failed ticks, warnings',
        health.failed_ticks === 0 && warnings.length === 0,
        `${health.failed_ticks} failed ticks, ${warnings.length} warnings`,
      ),
    ];
    const notes: string[] = [];
    if (appended.lateTurns > 0)
      notes.push(
        `note: the appender's timer ran late ${appended.lateTurns} times (it catches up; the rate above is what was written)`,
      );
    if (warnings.length > 0) notes.push(`WARNING: the daemon logged: ${warnings.slice(0, 3).join(' | ')}`);
    const busiest = Math.max(...loads);
    if (busiest > cpus().length) {
      notes.push(
        `WARNING: load average reached ${busiest.toFixed(2)} on ${cpus().length} CPUs: other work on the machine inflates the latency figures`,
      );
    }
    return {
      rows,
      warnings: notes,
      details: {
        method: [
          `compiled dist/cco serve --data-dir <root> --db <temp> (2 s ticks); ${FILES} transcripts in ${PROJECTS} projects, ${BACKLOG_LINES} backlog lines each ingested before the clock starts`,
          `appends: one whole assistant line per append (demo generator, unique message ids), ${LINES_PER_S}/s round-robin, paced by elapsed time`,
          `load: ${load.tool} -t${THREADS} -c${CONNECTIONS} on /api/stats in back-to-back windows of ≤ ${WINDOW_S} s, after a baseline window without appends; errors: socket errors, timeouts, status ≥ 400`,
          `RSS: VmRSS once a second; start = median over [${warmupS.toFixed(0)} s, +10 s), end = median of the last 10 s`,
          'totals: /api/stats after an idle tick that followed the last append, against ccusage claude daily --offline --mode calculate',
        ],
        seconds: elapsedS,
        warmupS,
        backlogBytes: root.backlogBytes,
        appended,
        baseline,
        windows,
        rss,
        totals,
        oracle,
        health,
        loadAverage: loads,
      },
    };
  } finally {
    await teardown();
  }
}

export default {
  summary: `${LINES_PER_S} appends/s over ${FILES} files for 10 min (CCO_SOAK_SECONDS) with /api/stats under ${THREADS}×${CONNECTIONS} load: errors, totals vs ccusage, RSS growth, p99`,
  run: (context) => runSoak(context),
} satisfies Bench;

if (import.meta.main) {
  const result = await runSoak({ runs: 1, log: (line) => console.error(line) });
  console.log(renderTable(new Map([['soak', result.rows]])));
  for (const warning of result.warnings) console.log(warning);
}
