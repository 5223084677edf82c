// The statusline bench: `cco statusline` end to end (process start to exit, a real-shaped stdin payload, the compiled
// daemon running over the generated ~1 GB root), p99 and median of 200 runs, against `ccusage statusline` (20.0.24,
// offline, no cache: the work each refresh does once the transcript changed) with the same stdin and data, taking
// turns; and the peak RSS of the statusline process.
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CCO_BINARY, startCco, waitReady } from './http-servers.ts';
import type { Bench, BenchContext, BenchResult } from './lib/bench.ts';
import { CCUSAGE } from './lib/ccusage.ts';
import { runChild } from './lib/child.ts';
import { cachedDemoRoot } from './lib/dataset.ts';
import { warmPageCache } from './lib/page-cache.ts';
import { figureRow, mb, ratioAtLeast, valueBelow, type Row } from './lib/report.ts';
import { median, nowMs } from './lib/timing.ts';

/** The ingest bench's root (same options, so the cached one is shared). */
const NOW = Date.UTC(2026, 10, 28, 12);
const DEFAULT_BYTES = 1e9;
const CCO_RUNS = 200;
/** ccusage re-reads every log on each call: fewer runs keep the bench in minutes; medians are compared. */
const CCUSAGE_RUNS = 10;
const P99_GOAL_MS = 15;
const RATIO_GOAL = 10;
const RSS_GOAL_MB = 40;

const rootName = (bytes: number): string =>
  bytes >= 1e9 ? `root-${+(bytes / 1e9).toFixed(3)}g` : `root-${+(bytes / 1e6).toFixed(3)}m`;

function targetBytes(): number {
  const raw = process.env.CCO_BENCH_BYTES;
  const bytes = raw === undefined || raw === '' ? DEFAULT_BYTES : Number(raw);
  if (!Number.isFinite(bytes) || bytes <= 0) throw new Error(`CCO_BENCH_BYTES must be a positive number, got ${raw}`);
  return bytes;
}

const p99 = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
};

/** The first main transcript of the root (a session file, not a subagent's). */
function firstTranscript(root: string): { path: string; sessionId: string; cwd: string } {
  const projects = join(root, 'projects');
  for (const project of readdirSync(projects).sort()) {
    const file = readdirSync(join(projects, project))
      .sort()
      .find((f) => f.endsWith('.jsonl'));
    if (file) return { path: join(projects, project, file), sessionId: file.slice(0, -6), cwd: `/${project}` };
  }
  throw new Error(`no transcript under ${projects}`);
}

/** A payload shaped like Claude Code 2.1's, with rate limits, for the session in `transcript`. */
function payload(transcript: ReturnType<typeof firstTranscript>): string {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    hook_event_name: 'Status',
    session_id: transcript.sessionId,
    transcript_path: transcript.path,
    cwd: transcript.cwd,
    version: '2.1.90',
    model: { id: 'claude-sonnet-4-5-20250929', display_name: 'Sonnet 4.5' },
    workspace: { current_dir: transcript.cwd, project_dir: transcript.cwd },
    output_style: { name: 'default' },
    cost: { total_cost_usd: 1.23, total_duration_ms: 456000, total_api_duration_ms: 120000 },
    exceeds_200k_tokens: false,
    context_window: { total_input_tokens: 150000, total_output_tokens: 9000, context_window_size: 200000 },
    rate_limits: {
      five_hour: { used_percentage: 42, resets_at: now + 7200 },
      seven_day: { used_percentage: 63, resets_at: now + 3 * 86400 },
    },
    effort: { level: 'high' },
  });
}

/** Spawn to exit with `stdin`, ms (no /usr/bin/time in between, so the figure is the command's own). */
async function timedRun(argv: readonly string[], stdin: string, env: Record<string, string>, cwd: string) {
  const t0 = nowMs();
  const proc = Bun.spawn([...argv], { cwd, env, stdin: new TextEncoder().encode(stdin), stdout: 'pipe' });
  const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  const ms = nowMs() - t0;
  if (code !== 0) throw new Error(`${argv.join(' ')} exited ${code}`);
  return { ms, out };
}

async function run(context: BenchContext): Promise<BenchResult> {
  const bytes = targetBytes();
  const data = await cachedDemoRoot(rootName(bytes), { now: NOW, targetBytes: bytes, projects: 12 }, context.log);
  warmPageCache(data.root);
  const scratch = await mkdtemp(join(tmpdir(), 'cco-bench-statusline-'));
  try {
    await using daemon = await startCco('cco', ['--data-dir', data.root, '--no-persist', '--interval', '2s'], scratch);
    await waitReady(daemon, 600_000, 200);
    const transcript = firstTranscript(data.root);
    const stdin = payload(transcript);
    const base = { PATH: process.env.PATH ?? '', HOME: scratch, TZ: 'UTC', NO_COLOR: '1', COLUMNS: '120' };
    const ccoEnv = { ...base, CCO_URL: daemon.url, CCO_STATE_DIR: join(scratch, 'state') };
    const ccoArgv = [CCO_BINARY, 'statusline'];
    const ccusageEnv = { ...base, CLAUDE_CONFIG_DIR: data.root };
    const ccusageArgv = [CCUSAGE, 'statusline', '--offline', '--no-cache'];

    const first = await timedRun(ccoArgv, stdin, ccoEnv, scratch);
    const reference = await timedRun(ccusageArgv, stdin, ccusageEnv, scratch);
    context.log(`  cco: ${first.out.trim()}`);
    context.log(`  ccusage: ${reference.out.trim()}`);
    if (first.out.includes('no daemon')) throw new Error('cco statusline did not reach the daemon');

    const cco: number[] = [];
    const ccusage: number[] = [];
    // Taking turns: a ccusage run after every CCO_RUNS / CCUSAGE_RUNS cco runs.
    const every = Math.ceil(CCO_RUNS / CCUSAGE_RUNS);
    for (let i = 0; i < CCO_RUNS; i++) {
      cco.push((await timedRun(ccoArgv, stdin, ccoEnv, scratch)).ms);
      if (i % every === every - 1) {
        ccusage.push((await timedRun(ccusageArgv, stdin, ccusageEnv, scratch)).ms);
        context.log(
          `  ${i + 1}/${CCO_RUNS}: cco median ${median(cco).toFixed(1)} ms, ccusage ${ccusage.at(-1)?.toFixed(0)} ms`,
        );
      }
    }
    const rss: number[] = [];
    for (let i = 0; i < context.runs; i++) {
      const r = await runChild(ccoArgv, { env: ccoEnv, cwd: scratch, stdin });
      if (r.maxRssBytes !== undefined) rss.push(r.maxRssBytes);
    }
    const size = `${(data.bytes / 1e9).toFixed(2)} GB, ${data.files.toLocaleString('en-US')} files`;
    const rows: Row[] = [
      figureRow(
        `cco statusline end to end p99 (daemon over ${size})`,
        { value: p99(cco), unit: 'ms', note: `${cco.length} runs` },
        undefined,
        valueBelow(P99_GOAL_MS),
      ),
      figureRow(
        'cco statusline median vs ccusage statusline (offline, no cache), same stdin',
        { value: median(cco), unit: 'ms' },
        { label: `ccusage 20.0.24, median of ${ccusage.length}`, value: median(ccusage), unit: 'ms' },
        ratioAtLeast(RATIO_GOAL),
      ),
      figureRow(
        'cco statusline peak RSS',
        { value: rss.length ? mb(median(rss)) : Number.NaN, unit: 'MB', note: `median of ${rss.length}` },
        undefined,
        valueBelow(RSS_GOAL_MB),
      ),
    ];
    return {
      rows,
      warnings: rss.length === 0 ? ['no /usr/bin/time: peak RSS not measured'] : [],
      details: { dataset: data, cco, ccusage, rss, ccoLine: first.out.trim(), ccusageLine: reference.out.trim() },
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const bench: Bench = {
  summary: 'cco statusline end to end against a daemon over ~1 GB: p99, median vs ccusage statusline, peak RSS',
  run,
};
export default bench;
