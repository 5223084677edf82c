// The persistence bench: tick cost with the SQLite store against the same ticks in memory only (goal ≤ 1.2×), store
// size per GB of logs, and restart-to-first-answer of the compiled daemon after a 1 GB ingest (goal < 100 ms).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCco } from './http-servers.ts';
import type { Bench, BenchContext, BenchResult } from './lib/bench.ts';
import { copyTree } from './lib/copy-tree.ts';
import { runBunScript } from './lib/child.ts';
import { cachedDemoRoot } from './lib/dataset.ts';
import { figureRow, ratioAtLeast, valueBelow, type Row } from './lib/report.ts';
import { best, median, nowMs } from './lib/timing.ts';
import type { PersistRunResult } from './persist-run.ts';

const NOW = Date.UTC(2026, 10, 28, 12);
const ROOT_1G = { now: NOW, targetBytes: Number(process.env.CCO_BENCH_BYTES ?? 1e9), projects: 12 };
const TICK_ROOT = { now: NOW, sessions: 4_000, projects: 20, maxTurns: 6 };

async function tickRun(root: string, persist: boolean): Promise<PersistRunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'cco-bench-persist-'));
  try {
    await copyTree(root, join(dir, 'root'));
    return await runBunScript<PersistRunResult>(resolve(import.meta.dir, 'persist-run.ts'), [
      join(dir, 'root'),
      persist ? join(dir, 'cco.db') : 'none',
      String(NOW),
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Health {
  ready: boolean;
  last_tick: { bytes_read: number } | null;
}

const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

/** Ingests the root with the daemon, stops it, restarts it and times spawn → first /api/stats with the same totals. */
async function restartRun(
  root: string,
  log: (l: string) => void,
): Promise<{ firstAnswerMs: number; sameTotals: boolean; dbBytes: number; coldMs: number }> {
  const home = await mkdtemp(join(tmpdir(), 'cco-bench-restart-'));
  const db = join(home, 'cco.db');
  const args = ['--data-dir', root, '--db', db, '--interval', '1s'];
  try {
    let before: unknown;
    const started = nowMs();
    {
      await using first = await startCco('cco (cold)', args, home);
      for (;;) {
        const h = await getJson<Health>(`${first.url}/api/health`).catch(() => undefined);
        if (h?.ready && h.last_tick?.bytes_read === 0) break;
        await Bun.sleep(50);
      }
      before = (await getJson<{ totals: unknown }>(`${first.url}/api/stats`)).totals;
    }
    const coldMs = nowMs() - started;
    const dbBytes = Bun.file(db).size + Bun.file(`${db}-wal`).size;
    log(`  restart: cold ingest ${(coldMs / 1000).toFixed(1)} s, store ${(dbBytes / 1e6).toFixed(1)} MB`);
    const spawnedAt = nowMs();
    await using second = await startCco('cco (restart)', args, home);
    let firstAnswerMs = Number.NaN;
    let after: unknown;
    while (Number.isNaN(firstAnswerMs)) {
      const res = await fetch(`${second.url}/api/stats`).catch(() => undefined);
      if (res?.status === 200) {
        firstAnswerMs = nowMs() - spawnedAt;
        after = ((await res.json()) as { totals: unknown }).totals;
      }
    }
    return { firstAnswerMs, sameTotals: JSON.stringify(after) === JSON.stringify(before), dbBytes, coldMs };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

async function run(context: BenchContext): Promise<BenchResult> {
  const big = await cachedDemoRoot(
    `root-${ROOT_1G.targetBytes === 1e9 ? '1g' : `${Math.round(ROOT_1G.targetBytes / 1e6)}m`}`,
    ROOT_1G,
    context.log,
  );
  const ticks = await cachedDemoRoot('root-5k-files', TICK_ROOT, context.log);
  const warnings: string[] = [];
  const withStore: PersistRunResult[] = [];
  const memory: PersistRunResult[] = [];
  for (let i = 0; i < context.runs; i++) {
    memory.push(await tickRun(ticks.root, false));
    withStore.push(await tickRun(ticks.root, true));
    context.log(
      `  ticks ${i + 1}/${context.runs}: append ${median(memory.map((r) => r.appendMedianMs)).toFixed(1)} ms in memory, ${median(withStore.map((r) => r.appendMedianMs)).toFixed(1)} ms with the store`,
    );
  }
  const restarts = [];
  for (let i = 0; i < Math.min(context.runs, 2); i++) restarts.push(await restartRun(big.root, context.log));
  if (restarts.some((r) => !r.sameTotals))
    warnings.push('WARNING: the restarted daemon answered other totals than before the restart');
  const gb = big.bytes / 1e9;
  const rows: Row[] = [
    figureRow(
      'restart → first /api/stats (1 GB ingested)',
      {
        value: best(restarts.map((r) => r.firstAnswerMs)),
        unit: 'ms',
        note: restarts.every((r) => r.sameTotals) ? 'same totals' : 'TOTALS DIFFER',
      },
      undefined,
      valueBelow(100),
    ),
    figureRow('store size per GB of logs', { value: median(restarts.map((r) => r.dbBytes)) / 1e6 / gb, unit: 'MB' }),
    // Goal: the store costs at most 1.2× the in-memory tick: ratio (memory ÷ store) ≥ 1/1.2.
    figureRow(
      '1 MiB-append tick with the store',
      { value: best(withStore.map((r) => r.appendMedianMs)), unit: 'ms' },
      { label: 'in memory only', value: best(memory.map((r) => r.appendMedianMs)), unit: 'ms' },
      ratioAtLeast(1 / 1.2),
    ),
    figureRow(
      'cold tick (5,481 files) with the store',
      { value: best(withStore.map((r) => r.coldMs)), unit: 'ms' },
      { label: 'in memory only', value: best(memory.map((r) => r.coldMs)), unit: 'ms' },
    ),
  ];
  return { rows, warnings, details: { withStore, memory, restarts, data: { big: big.bytes, tickFiles: ticks.files } } };
}

const bench: Bench = {
  summary: 'store: restart → first answer after 1 GB, store size per GB, tick cost with vs without the store',
  run,
};
export default bench;
