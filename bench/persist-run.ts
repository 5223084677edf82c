// Child process for the persistence bench: ticks of one IngestSession on a copy of a root, with or without the
// SQLite store: the cold tick, then ticks after 1 MiB appends to the most recently active sessions. Prints one JSON line.
import { appendFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { resolveDataRoots } from '../src/ingest/data-roots.ts';
import { ParsePool } from '../src/ingest/parse-pool.ts';
import { IngestSession } from '../src/daemon/ingest-session.ts';
import { openUsageStore } from '../src/store/open-usage-store.ts';
import { activeSessions } from './lib/active-sessions.ts';
import { assistantLines } from './lib/append-lines.ts';
import { median, timed } from './lib/timing.ts';

export interface PersistRunResult {
  readonly coldMs: number;
  readonly appendMs: readonly number[];
  readonly appendMedianMs: number;
  readonly dbBytes: number;
}

const [root, dbPath, nowArg] = process.argv.slice(2);
const now = Number(nowArg);
if (!root || !dbPath || !Number.isFinite(now)) {
  console.error('usage: bun bench/persist-run.ts <root copy> <db path | none> <now epoch ms>');
  process.exit(2);
}
const usable = dbPath === 'none' ? undefined : openUsageStore(dbPath, now);
const pool = new ParsePool(2);
const projects = join(root, 'projects');
const recent = activeSessions(projects, 5);
const session = new IngestSession({
  roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/nonexistent' }),
  costMode: 'calculate',
  backfillMs: 3600 * 2000,
  bulkReader: pool,
  store: usable?.store,
});
const cold = await timed(() => session.tick(now));
const appendMs: number[] = [];
for (const [k, path] of recent.entries()) {
  const appended = assistantLines(1 << 20, {
    seed: 500 + k,
    sessionId: basename(path, '.jsonl'),
    cwd: '/home/ada/src/cco',
    now,
  });
  appendFileSync(path, appended.text);
  const tick = await timed(() => session.tick(now + (k + 1) * 2000));
  // A tick that missed the append would time nothing but a stat walk.
  if (tick.result.bytesRead !== appended.bytes)
    throw new Error(`append tick ${k + 1} read ${tick.result.bytesRead} bytes, not the ${appended.bytes} appended`);
  appendMs.push(tick.ms);
}
const dbBytes = usable ? usable.store.byteLength : 0;
usable?.store.close();
pool.close();
const result: PersistRunResult = { coldMs: cold.ms, appendMs, appendMedianMs: median(appendMs), dbBytes };
console.log(JSON.stringify(result));
