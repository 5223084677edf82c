// make bench: runs the registered benches (all but the opt-in ones, or those named on the command line), prints one
// table and writes bench/results/latest.json. Exit 0 when every bench ran (goals missed included), 1 when one failed,
// 2 on bad usage.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bench, BenchResult } from './lib/bench.ts';
import { describeHost } from './lib/host.ts';
import type { Row } from './lib/report.ts';
import { renderTable } from './lib/table.ts';
import { nowMs } from './lib/timing.ts';

/** Every bench, by name, loaded only when it runs. Add one line per bench. */
const BENCHES: Record<string, () => Promise<Bench>> = {
  ingest: () => import('./ingest.ts').then((m) => m.default),
  incremental: () => import('./incremental.ts').then((m) => m.default),
  http: () => import('./http.ts').then((m) => m.default),
  persist: () => import('./persist.ts').then((m) => m.default),
  reports: () => import('./reports.ts').then((m) => m.default),
  statusline: () => import('./statusline.ts').then((m) => m.default),
  soak: () => import('./soak.ts').then((m) => m.default),
};

/** Benches too long for every run: they run only when named (`make bench ARGS=soak`). */
const OPT_IN: ReadonlySet<string> = new Set(['soak']);

const RESULTS = join(import.meta.dir, 'results', 'latest.json');
const log = (line: string) => console.error(line);

function runsFromEnv(): number {
  const raw = process.env.CCO_BENCH_RUNS ?? '3';
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1)
    throw new UsageError(`CCO_BENCH_RUNS must be a whole number ≥ 1, got ${raw}`);
  return runs;
}

class UsageError extends Error {}

async function usage(): Promise<string> {
  const lines = await Promise.all(
    Object.entries(BENCHES).map(
      async ([name, load]) =>
        `  ${name.padEnd(12)} ${(await load()).summary}${OPT_IN.has(name) ? ' (only when named)' : ''}`,
    ),
  );
  return [
    'usage: bun run bench/index.ts [name…]   (make bench ARGS="name…")',
    '',
    'benches:',
    ...lines,
    '',
    'env: CCO_BENCH_RUNS (processes per measurement, default 3), CCO_BENCH_BYTES (ingest root size, default 1e9),',
    '     CCO_SOAK_SECONDS (soak length, default 600)',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(await usage());
    return 0;
  }
  const unknown = argv.filter((name) => !(name in BENCHES));
  if (unknown.length > 0)
    throw new UsageError(`unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  const names = argv.length > 0 ? [...new Set(argv)] : Object.keys(BENCHES).filter((name) => !OPT_IN.has(name));
  const runs = runsFromEnv();
  const host = describeHost();
  const startedAt = new Date().toISOString();

  const results = new Map<
    string,
    (BenchResult & { readonly ms: number }) | { readonly error: string; readonly ms: number }
  >();
  for (const name of names) {
    const load = BENCHES[name] as () => Promise<Bench>;
    log(`bench ${name} …`);
    const t0 = nowMs();
    try {
      const result = await (await load()).run({ runs, log });
      results.set(name, { ...result, ms: nowMs() - t0 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`bench ${name} failed: ${message}`);
      results.set(name, { error: message, ms: nowMs() - t0 });
    }
  }

  const sections = new Map<string, readonly Row[]>();
  for (const [name, result] of results) {
    sections.set(name, 'error' in result ? [{ metric: `FAILED: ${result.error}`, value: '', ok: false }] : result.rows);
  }
  console.log(renderTable(sections));
  console.log('');
  console.log(
    `ratio = baseline ÷ cco for time and memory (above 1: cco is faster or smaller). Times: best of ${runs} fresh processes;`,
  );
  console.log(
    `peak RSS: median of ${runs}. MB = 10⁶ bytes. ${host.cpus} × ${host.cpu}, load ${host.loadAverage.toFixed(2)} at start, Bun ${host.bun}.`,
  );
  for (const result of results.values())
    for (const warning of 'error' in result ? [] : result.warnings) console.log(warning);

  await mkdir(join(import.meta.dir, 'results'), { recursive: true });
  const benches = Object.fromEntries(results);
  await writeFile(RESULTS, `${JSON.stringify({ startedAt, runs, host, benches }, null, 2)}\n`);
  log(`results: ${RESULTS}`);
  return [...results.values()].some((r) => 'error' in r) ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message} (see: bun run bench/index.ts --help)`);
  process.exitCode = 2;
}
