// The reports bench, on a year of demo history with about a million responses: every report kind in six zones over
// four date ranges (120 distinct queries, more than the engine's memo keeps, so each is computed) asked of the compiled
// daemon, p99 against a raw Bun.serve sending the largest of those bodies; and `cco daily --json` without a daemon
// against `ccusage claude daily --json --offline` on the same root, whole processes, taking turns.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CCO_BINARY, startCco, startRawServer, waitReady } from './http-servers.ts';
import type { Bench, BenchContext, BenchResult } from './lib/bench.ts';
import { runCcusage } from './lib/ccusage.ts';
import { runChild } from './lib/child.ts';
import { cachedDemoRoot } from './lib/dataset.ts';
import { figureRow, ratioAtLeast, valueBelow, type Row } from './lib/report.ts';
import { best, nowMs } from './lib/timing.ts';

/** Fixed, so the cached root stays valid from run to run. */
const NOW = Date.UTC(2026, 10, 28, 12);
/** ~2.7 kB of log per counted response with 100-byte tool results: about a million responses. */
const OPTIONS = { now: NOW, targetBytes: 2.75e9, spanDays: 365, toolResultBytes: 100, projects: 12 };
const KINDS = ['daily', 'weekly', 'monthly', 'session', 'project'] as const;
const ZONES = ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Europe/Berlin', 'Australia/Adelaide', 'America/St_Johns'];
/** Sessions are listed a page at a time (the year holds tens of thousands). */
const SESSION_PAGE = 100;
const ROUNDS = 5;
const P99_GOAL_MS = 5;
const ONE_SHOT_GOAL = 3;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const RANGES: readonly Record<string, string>[] = [
  {},
  { since: day(NOW - 29 * 86_400_000) },
  { since: day(NOW - 89 * 86_400_000), until: day(NOW - 30 * 86_400_000) },
  { since: day(NOW - 364 * 86_400_000), until: day(NOW) },
];

function queries(): string[] {
  const out: string[] = [];
  for (const kind of KINDS)
    for (const tz of ZONES)
      for (const range of RANGES) {
        const q = new URLSearchParams({ tz, ...range, ...(kind === 'session' ? { limit: String(SESSION_PAGE) } : {}) });
        out.push(`/api/reports/${kind}?${q}`);
      }
  return out;
}

const p99 = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
};

/** Latency of each request, ms, one at a time over a kept-alive connection; `paths` cycled `rounds` times. */
async function latencies(base: string, paths: readonly string[], rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const path of paths) {
      const t0 = nowMs();
      const res = await fetch(`${base}${path}`);
      await res.arrayBuffer();
      samples.push(nowMs() - t0);
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    }
  return samples;
}

async function daemonRows(root: string, context: BenchContext, scratch: string) {
  await using cco = await startCco('cco', ['--data-dir', root, '--no-persist', '--interval', '5s'], scratch);
  await waitReady(cco, 600_000, 200);
  const paths = queries();
  const all = (await (await fetch(`${cco.url}/api/reports/daily?tz=UTC`)).json()) as {
    totals: { messageCount: number };
  };
  // The largest body of the set, for the baseline server to send.
  let largest = '';
  for (const path of paths) {
    const text = await (await fetch(`${cco.url}${path}`)).text();
    if (text.length > largest.length) largest = text;
  }
  context.log(`  ${all.totals.messageCount} responses; largest report ${(largest.length / 1e3).toFixed(0)} kB`);
  const samples = await latencies(cco.url, paths, ROUNDS);
  const bodyFile = join(scratch, 'largest.json');
  await writeFile(bodyFile, largest);
  await using raw = await startRawServer(bodyFile, 'application/json');
  const baseline = await latencies(raw.url, paths, ROUNDS);
  return { responses: all.totals.messageCount, samples, baseline, largestBytes: largest.length };
}

async function oneShotRows(root: string, context: BenchContext) {
  const cco: number[] = [];
  const ccusage: number[] = [];
  const env = { PATH: process.env.PATH, HOME: tmpdir(), TZ: 'UTC', NO_COLOR: '1', CCO_URL: 'http://127.0.0.1:9' };
  for (let round = 0; round < context.runs; round++) {
    const steps = [
      async () => {
        const run = await runChild([CCO_BINARY, 'daily', '--json', '-z', 'UTC', '--data-dir', root], { env });
        cco.push(run.wallMs);
      },
      async () => ccusage.push((await runCcusage(root)).wallMs),
    ];
    for (let i = 0; i < steps.length; i++) await steps[(i + round) % steps.length]?.();
    context.log(
      `  round ${round + 1}/${context.runs}: cco ${cco.at(-1)?.toFixed(0)} ms, ccusage ${ccusage.at(-1)?.toFixed(0)} ms`,
    );
  }
  return { cco, ccusage };
}

async function run(context: BenchContext): Promise<BenchResult> {
  const data = await cachedDemoRoot('reports-year', OPTIONS, context.log);
  const scratch = await mkdtemp(join(tmpdir(), 'cco-bench-reports-'));
  try {
    const daemon = await daemonRows(data.root, context, scratch);
    const oneShot = await oneShotRows(data.root, context);
    const million = `${(daemon.responses / 1e6).toFixed(2)}M responses, 365 days`;
    const rows: Row[] = [
      figureRow(
        `report p99 on the daemon (${KINDS.length} kinds × ${ZONES.length} zones × ${RANGES.length} ranges; ${million})`,
        { value: p99(daemon.samples), unit: 'ms', note: `${daemon.samples.length} requests` },
        { label: 'raw Bun.serve, largest body', value: p99(daemon.baseline), unit: 'ms' },
        valueBelow(P99_GOAL_MS),
      ),
      figureRow(
        `one-shot cco daily --json (no daemon) vs ccusage daily, ${million}`,
        { value: best(oneShot.cco), unit: 'ms' },
        { label: 'ccusage 20.0.24', value: best(oneShot.ccusage), unit: 'ms' },
        ratioAtLeast(ONE_SHOT_GOAL),
      ),
    ];
    const warnings = daemon.responses < 1e6 ? [`the root holds ${daemon.responses} responses, under a million`] : [];
    return {
      rows,
      warnings,
      details: { dataset: data, responses: daemon.responses, largestBytes: daemon.largestBytes, ...oneShot },
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const bench: Bench = {
  summary: 'reports over a year (~1M responses): daemon p99 per query, one-shot daily vs ccusage',
  run,
};
export default bench;
