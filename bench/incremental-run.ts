// Child process of the incremental bench: over a root of ≥ 5,000 files, after a cold tick, times idle ticks (nothing
// changed) and ticks after a 1 MiB append, each next to its baseline (stat walk; stat walk + read+JSON.parse of the
// appended bytes). Appends to the root it is given: pass a copy. Prints one JSON line.
import { appendFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { resolveDataRoots } from '../src/ingest/data-roots.ts';
import { IngestEngine } from '../src/ingest/engine.ts';
import { ParsePool } from '../src/ingest/parse-pool.ts';
import { createCostFn, createPriceBook } from '../src/pricing/index.ts';
import { assistantLines } from './lib/append-lines.ts';
import { activeSessions } from './lib/active-sessions.ts';
import { emptyCount, rawParseFile } from './lib/raw-parse.ts';
import { startRssProbe } from './lib/rss.ts';
import { statWalk } from './lib/stat-walk.ts';
import { median, timed } from './lib/timing.ts';

const IDLE_TICKS = 15;
const APPENDS = 5;
const APPEND_BYTES = 1 << 20;

export interface TickSample {
  readonly ms: number;
  readonly bytesRead: number;
  readonly filesRead: number;
  readonly newResponses: number;
  /** The baseline's time for the same step, ms. */
  readonly baselineMs: number;
}

export interface AppendSample extends TickSample {
  readonly appendedBytes: number;
  /** Responses the appended lines carry (distinct message ids). */
  readonly expectedResponses: number;
}

export interface IncrementalRunResult {
  readonly files: number;
  readonly cold: { readonly ms: number; readonly bytesRead: number };
  readonly idle: readonly TickSample[];
  readonly appends: readonly AppendSample[];
  readonly idleMedianMs: number;
  readonly idleBaselineMedianMs: number;
  readonly appendMedianMs: number;
  readonly appendBaselineMedianMs: number;
  readonly peakRssBytes: number;
}

const [root, nowArg] = process.argv.slice(2);
const now = Number(nowArg);
if (!root || !Number.isFinite(now)) {
  console.error('usage: bun bench/incremental-run.ts <data-root copy> <now epoch ms>');
  process.exit(2);
}
const projectsDir = join(root, 'projects');

const sessions = activeSessions(projectsDir, APPENDS);

const probe = startRssProbe();
const pool = new ParsePool(2);
const engine = new IngestEngine({
  roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/nonexistent' }),
  costOf: createCostFn('calculate', createPriceBook()),
  bulkReader: pool,
});
const cold = await timed(() => engine.tick());

const idle: TickSample[] = [];
for (let i = 0; i < IDLE_TICKS; i++) {
  const baseline = await timed(() => statWalk(projectsDir));
  const tick = await timed(() => engine.tick());
  idle.push({
    ms: tick.ms,
    bytesRead: tick.result.bytesRead,
    filesRead: tick.result.filesRead,
    newResponses: tick.result.newResponses,
    baselineMs: baseline.ms,
  });
}

const buffer = Buffer.allocUnsafe(1 << 20);
const appends: AppendSample[] = [];
for (let k = 0; k < APPENDS; k++) {
  const path = sessions[k % sessions.length] as string;
  const batch = assistantLines(APPEND_BYTES, {
    seed: 1_000 + k,
    sessionId: basename(path, '.jsonl'),
    cwd: '/home/ada/src/cco',
    now,
  });
  const before = statSync(path).size;
  appendFileSync(path, batch.text);
  const tick = await timed(() => engine.tick());
  const baseline = await timed(() => {
    statWalk(projectsDir);
    rawParseFile(path, buffer, emptyCount(), before, before + batch.bytes);
  });
  appends.push({
    ms: tick.ms,
    bytesRead: tick.result.bytesRead,
    filesRead: tick.result.filesRead,
    newResponses: tick.result.newResponses,
    baselineMs: baseline.ms,
    appendedBytes: batch.bytes,
    expectedResponses: batch.responses,
  });
}
pool.close();

const result: IncrementalRunResult = {
  files: engine.filesTracked,
  cold: { ms: cold.ms, bytesRead: cold.result.bytesRead },
  idle,
  appends,
  idleMedianMs: median(idle.map((s) => s.ms)),
  idleBaselineMedianMs: median(idle.map((s) => s.baselineMs)),
  appendMedianMs: median(appends.map((s) => s.ms)),
  appendBaselineMedianMs: median(appends.map((s) => s.baselineMs)),
  peakRssBytes: probe.peakBytes(),
};
probe.stop();
console.log(JSON.stringify(result));
