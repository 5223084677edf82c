// The incremental bench: a daemon's steady state over a root of ≥ 5,000 files. Idle ticks (nothing changed) and
// ticks after a 1 MiB append, each next to a baseline measured in the same process; every run on a fresh copy.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IncrementalRunResult } from './incremental-run.ts';
import type { Bench, BenchContext, BenchResult } from './lib/bench.ts';
import { copyTree } from './lib/copy-tree.ts';
import { runBunScript } from './lib/child.ts';
import { cachedDemoRoot } from './lib/dataset.ts';
import { figureRow, valueBelow, valueEquals, type Row } from './lib/report.ts';
import { best, median } from './lib/timing.ts';

const NOW = Date.UTC(2026, 10, 28, 12);
/** 4,000 sessions (a quarter with subagent files) give 5,481 files. */
const OPTIONS = { now: NOW, sessions: 4_000, projects: 20, maxTurns: 6 };
const MIN_FILES = 5_000;
const IDLE_GOAL_MS = 25;
const APPEND_GOAL_MS = 20;

async function runOnCopy(root: string): Promise<IncrementalRunResult> {
  const copy = await mkdtemp(join(tmpdir(), 'cco-bench-incremental-'));
  try {
    await rm(copy, { recursive: true, force: true });
    await copyTree(root, copy);
    return await runBunScript<IncrementalRunResult>(resolve(import.meta.dir, 'incremental-run.ts'), [
      copy,
      String(NOW),
    ]);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

async function run(context: BenchContext): Promise<BenchResult> {
  const data = await cachedDemoRoot('root-5k-files', OPTIONS, context.log);
  const warnings: string[] = [];
  if (data.files < MIN_FILES)
    warnings.push(
      `WARNING: the incremental root has ${data.files} files, fewer than ${MIN_FILES}: raise OPTIONS.sessions`,
    );
  const runs: IncrementalRunResult[] = [];
  for (let i = 0; i < context.runs; i++) {
    const r = await runOnCopy(data.root);
    runs.push(r);
    context.log(
      `  run ${i + 1}/${context.runs}: idle ${r.idleMedianMs.toFixed(1)} ms, 1 MiB append ${r.appendMedianMs.toFixed(1)} ms`,
    );
  }

  const appends = runs.flatMap((r) => r.appends);
  const idleTicks = runs.flatMap((r) => r.idle);
  const idleBytes = Math.max(...idleTicks.map((t) => t.bytesRead));
  const appendBytes = median(appends.map((a) => a.bytesRead));
  const appended = median(appends.map((a) => a.appendedBytes));
  const files = data.files.toLocaleString('en-US');
  const idleCount = runs[0]?.idle.length ?? 0;
  const appendCount = runs[0]?.appends.length ?? 0;
  const rows: Row[] = [
    figureRow(
      `idle tick, ${files} files (median of ${idleCount})`,
      { value: best(runs.map((r) => r.idleMedianMs)), unit: 'ms' },
      { label: 'readdir+stat walk', value: best(runs.map((r) => r.idleBaselineMedianMs)), unit: 'ms' },
      valueBelow(IDLE_GOAL_MS),
    ),
    figureRow('idle tick, bytes read (most in any tick)', { value: idleBytes, unit: 'B' }, undefined, valueEquals(0)),
    figureRow(
      `1 MiB append tick, ${files} files (median of ${appendCount})`,
      { value: best(runs.map((r) => r.appendMedianMs)), unit: 'ms' },
      {
        label: 'walk + read+JSON.parse of the new bytes',
        value: best(runs.map((r) => r.appendBaselineMedianMs)),
        unit: 'ms',
      },
      valueBelow(APPEND_GOAL_MS),
    ),
    figureRow(
      '1 MiB append tick, bytes read (median)',
      { value: appendBytes, unit: 'B' },
      { label: 'appended', value: appended, unit: 'B' },
    ),
  ];

  const miscounted = appends.filter((a) => a.newResponses !== a.expectedResponses || a.bytesRead !== a.appendedBytes);
  if (miscounted.length > 0) {
    warnings.push(
      `WARNING: ${miscounted.length}/${appends.length} append ticks did not read exactly the appended bytes or count exactly its responses`,
    );
  }
  const readOnIdle = idleTicks.filter((t) => t.bytesRead > 0 || t.filesRead > 0).length;
  if (readOnIdle > 0) warnings.push(`WARNING: ${readOnIdle}/${idleTicks.length} idle ticks read files`);

  return {
    rows,
    warnings,
    details: {
      method:
        'per process: idle = median of the idle ticks, append = median of the append ticks, each with its baseline timed right next to it; reported: best of the processes (each on a fresh copy of the root)',
      dataset: {
        root: data.root,
        options: OPTIONS,
        files: data.files,
        bytes: data.bytes,
        lines: data.lines,
        cached: data.cached,
        generatedMs: data.generatedMs,
      },
      runs,
    },
  };
}

export default {
  summary: `idle tick and 1 MiB-append tick over ≥ ${MIN_FILES.toLocaleString('en-US')} files, against a stat walk`,
  run,
} satisfies Bench;
