// A store that cannot be opened at start (read-only folder, full disk): the daemon serves from memory, /api/health's
// store_error says why, and it tries the store again every retry interval (of the injected clock). Once it opens, the
// store holds everything counted, so a restart serves the same totals and reads only the bytes appended since.
// Tests run as root in CI, where chmod makes nothing read-only, so the faults are things in SQLite's way:
// - a folder where the store file should be: SQLite cannot create the file (SQLITE_CANTOPEN), as in a read-only folder;
// - a folder where its write-ahead log should be: an existing store cannot be opened for writing (SQLITE_CANTOPEN), as
//   in a folder that takes no new files.
// Taking the folder away is the folder becoming writable.
import { describe, expect, it } from 'bun:test';
import { appendFile, copyFile, mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock } from '../../src/platform/clock.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { inProcessIngest } from '../../src/daemon/ingest-client.ts';
import { withDropped } from '../../src/daemon/store-retry.ts';
import type { TickResult } from '../../src/ledger/outputs.ts';
import { startDaemon } from '../../src/daemon/daemon.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { ccusage } from '../helpers/ccusage.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';
import { health, idleTick, totals, waitFor } from '../helpers/wait.ts';

const RETRY_MS = 60_000;
const PROJECT = '-home-ada-src-edge';

/** `n` assistant lines with ids unique to `tag`. */
const lines = (tag: string, n: number, sessionId = `session-${tag}`) =>
  Array.from(
    { length: n },
    (_, i) =>
      `${assistant({
        id: `msg_${tag}_${i}`,
        requestId: `req_${tag}_${i}`,
        sessionId,
        input: 100 + i,
        output: 20 + i,
        timestamp: new Date(NOW - 3_600_000 + i * 1000).toISOString(),
      })}\n`,
  ).join('');

/** Where the folder in SQLite's way goes (after the store's path), and the error SQLite reports. */
const FAULTS: Record<string, { readonly suffix: string; readonly code: string }> = {
  'a folder where the store should be': { suffix: '', code: 'SQLITE_CANTOPEN' },
  'a folder where its write-ahead log should be': { suffix: '-wal', code: 'SQLITE_IOERR' },
};

async function fixture() {
  const dir = await tempDir('cco-store-retry-');
  const root = join(dir.path, 'root');
  const project = join(root, 'projects', PROJECT);
  await mkdir(project, { recursive: true });
  await writeFile(join(project, 'a.jsonl'), lines('a0', 20));
  await writeFile(join(project, 'b.jsonl'), lines('b0', 20));
  const dbPath = join(dir.path, 'db', 'cco.db');
  await mkdir(join(dir.path, 'db'));
  const warnings: string[] = [];
  /** A stack persisting to `db` at `now` (ticks on demand), its ingest's warnings in `warnings`. */
  const stack = (db: string, now: number) =>
    metricsStack(root, {
      now,
      ingest: inProcessIngest({
        roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/nonexistent' }),
        costMode: 'calculate',
        backfillMs: 3_600_000,
        dbPath: db,
        storeRetryMs: RETRY_MS,
        onWarning: (w) => warnings.push(w),
      }),
    });
  return { dir, root, project, dbPath, warnings, stack };
}

type Stack = ReturnType<typeof metricsStack>;
interface Totals {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cost: number;
  readonly messages: number;
}
const totalsOf = async (s: Stack): Promise<Totals> =>
  ((await (await s.get('/api/stats?time_range=all')).json()) as { totals: Totals }).totals;
const healthOf = async (s: Stack) =>
  (await (await s.get('/api/health')).json()) as {
    store_error: string | null;
    last_tick: { bytes_read: number } | null;
  };
/** Advances every stack's clock by `ms` and runs one tick on each. */
async function tick(ms: number, ...stacks: Stack[]): Promise<void> {
  for (const s of stacks) {
    s.clock.advance(ms);
    await s.aggregator.tickNow();
  }
}

describe('a store that cannot be opened at start', () => {
  for (const [name, { suffix, code }] of Object.entries(FAULTS)) {
    it(`with ${name}: serves from memory, says why, and once the store opens it holds everything counted`, async () => {
      const f = await fixture();
      await using _ = f.dir;
      const blocker = f.dbPath + suffix;
      await mkdir(blocker);
      const live = f.stack(f.dbPath, NOW);
      // Everything in memory only: what the live daemon must serve at every step.
      const control = metricsStack(f.root, { now: NOW });
      expect(await live.ingest.opened).toBeUndefined();
      expect(f.warnings).toEqual([expect.stringContaining(`cannot write the store ${f.dbPath} (${code}`)]);
      expect(f.warnings[0]).toContain('serving from memory and trying again every 1m');
      await tick(0, live, control);
      expect(await totalsOf(live)).toEqual(await totalsOf(control));
      expect((await healthOf(live)).store_error).toStartWith(`cannot write the store ${f.dbPath} (${code}`);

      // While it is missing: appends, and a transcript deleted (its usage now lives only in memory).
      await appendFile(join(f.project, 'a.jsonl'), lines('a1', 30));
      await rm(join(f.project, 'b.jsonl'));
      await tick(2000, live, control);
      // The folder is writable again, but the next attempt waits for the retry interval.
      await rmdir(blocker);
      await tick(2000, live, control);
      expect((await healthOf(live)).store_error).not.toBeNull();
      expect(f.warnings).toHaveLength(1);

      await appendFile(join(f.project, 'a.jsonl'), lines('a2', 5));
      await tick(RETRY_MS, live, control);
      expect((await healthOf(live)).store_error).toBeNull();
      expect(await Bun.file(f.dbPath).exists()).toBe(true);
      expect(f.warnings).toHaveLength(2);
      expect(f.warnings[1]).toBe(
        `store ${f.dbPath}: opened at last; everything counted since the start is saved with this tick`,
      );
      const served = await totalsOf(live);
      expect(served).toEqual(await totalsOf(control));
      await live.ingest.close();

      // A restart resumes from the store alone: the deleted transcript's usage is there, and only appended bytes are read.
      const extra = lines('a3', 2);
      await appendFile(join(f.project, 'a.jsonl'), extra);
      const restarted = f.stack(f.dbPath, live.clock.now());
      expect(await restarted.ingest.opened).toBeDefined();
      await tick(2000, restarted, control);
      await restarted.ingest.close();
      expect((await healthOf(restarted)).last_tick?.bytes_read).toBe(Buffer.byteLength(extra));
      expect(await totalsOf(restarted)).toEqual(await totalsOf(control));
      expect(f.warnings).toHaveLength(2);
    });
  }

  it("carries on from a store that holds an earlier run's usage: none of it lost, nothing counted twice", async () => {
    const f = await fixture();
    await using _ = f.dir;
    // An earlier run counted b.jsonl, which Claude Code has deleted since: its usage lives only in the store.
    const earlier = f.stack(f.dbPath, NOW - 86_400_000);
    await tick(0, earlier);
    await earlier.ingest.close();
    await rm(join(f.project, 'b.jsonl'));
    await appendFile(join(f.project, 'a.jsonl'), lines('a1', 10));
    // The oracle: the same store, restarted normally once everything below is written.
    const controlDb = join(f.dir.path, 'control.db');
    await copyFile(f.dbPath, controlDb);

    await mkdir(`${f.dbPath}-wal`);
    const live = f.stack(f.dbPath, NOW);
    expect(await live.ingest.opened).toBeUndefined();
    await tick(0, live);
    const fromMemory = await totalsOf(live);
    expect((await healthOf(live)).store_error).toStartWith(`cannot write the store ${f.dbPath} (SQLITE_CANTOPEN`);
    await appendFile(join(f.project, 'a.jsonl'), lines('a2', 10));
    await writeFile(join(f.project, 'c.jsonl'), lines('c0', 10));
    await tick(2000, live);

    await rmdir(`${f.dbPath}-wal`);
    // Two responses arrive in the tick that opens the store: they are announced as calls (not taken for backlog).
    await appendFile(join(f.project, 'a.jsonl'), lines('a3', 2));
    const landed: TickResult[] = [];
    live.cache.onTick((result) => landed.push(result));
    await tick(RETRY_MS, live);
    expect(landed.map((r) => r.newCalls.length)).toEqual([2]);
    expect((await healthOf(live)).store_error).toBeNull();
    expect(f.warnings.at(-1)).toBe(
      `store ${f.dbPath}: opened at last; it holds an earlier run's usage, so ingest carries on from it (reading only what it lacks)`,
    );
    expect(f.warnings).toHaveLength(2);

    const oracle = f.stack(controlDb, live.clock.now());
    await tick(0, oracle);
    await oracle.ingest.close();
    const served = await totalsOf(live);
    expect(served).toEqual(await totalsOf(oracle));
    expect(served.messages).toBe(fromMemory.messages + 20 + 10 + 10 + 2);
    // The HTTP side's copies (minute series, billing blocks) match the oracle's, not only the totals.
    for (const path of ['/api/metrics/history?range=30d&step=1h', '/api/blocks']) {
      expect(await (await live.get(path)).json()).toEqual(await (await oracle.get(path)).json());
    }
    await live.ingest.close();

    const restarted = f.stack(f.dbPath, live.clock.now());
    await tick(2000, restarted);
    await restarted.ingest.close();
    expect((await healthOf(restarted)).last_tick?.bytes_read).toBe(0);
    expect(await totalsOf(restarted)).toEqual(served);
  });
});

describe('the ingest worker with a store that cannot be opened at start', () => {
  it('opens the store once the folder is writable again, and a restart reads nothing again and equals ccusage', async () => {
    const f = await fixture();
    await using _ = f.dir;
    await mkdir(f.dbPath);
    const warnings: string[] = [];
    const config = {
      clock: systemClock,
      version: 'test',
      roots: resolveDataRoots({ dataDirs: [f.root], env: {}, home: '/nonexistent' }),
      port: 0,
      hostname: '127.0.0.1',
      intervalMs: 100,
      costMode: 'calculate',
      dbPath: f.dbPath,
      storeRetryMs: 0,
      parseThreads: 0,
      warn: (w: string) => warnings.push(w),
    } as const;
    let bytesRead = 0;
    {
      const daemon = await startDaemon(config);
      try {
        const missing = await waitFor(
          async () => (await health(daemon.url)).store_error ?? undefined,
          'store_error while the store is missing',
        );
        expect(missing).toStartWith(`cannot write the store ${f.dbPath} (SQLITE_CANTOPEN`);
        await appendFile(join(f.project, 'a.jsonl'), lines('a1', 30));
        await rm(join(f.project, 'b.jsonl'));
        await waitFor(
          async () => ((await totals(daemon.url)).messages === 70 ? true : undefined),
          'the appended usage, from memory',
        );
        await rmdir(f.dbPath);
        await waitFor(
          async () => ((await health(daemon.url)).store_error === null ? true : undefined),
          'the store to open',
        );
        bytesRead = (await idleTick(daemon.url)).bytes_read;
        expect(warnings.filter((w) => w.includes('opened at last'))).toHaveLength(1);
      } finally {
        await daemon.stop();
      }
    }
    await writeFile(join(f.project, 'b.jsonl'), lines('b0', 20));
    const restarted = await startDaemon(config);
    try {
      // b.jsonl is back as it was: read again, and dedup keeps its usage from counting twice.
      const resumed = await idleTick(restarted.url);
      expect(resumed.bytes_read).toBe(bytesRead + Buffer.byteLength(lines('b0', 20)));
      expect(resumed.store_error).toBeNull();
      const t = await totals(restarted.url);
      const oracle = await ccusage(f.root);
      expect(t).toMatchObject({
        input_tokens: oracle.totals.inputTokens,
        output_tokens: oracle.totals.outputTokens,
        messages: 70,
      });
      expect(t.cost).toBeCloseTo(oracle.totals.totalCost, 6);
    } finally {
      await restarted.stop();
    }
  }, 60_000);
});

describe('withDropped', () => {
  it('keeps every bucket of the complete series and zeroes the stale ones it lacks', () => {
    expect(
      withDropped(
        [
          [0, 1, 10, 1],
          [60_000, 2, 20, 2],
        ],
        [
          [0, 5, 50, 5],
          [120_000, 3, 30, 3],
          [120_000, 4, 40, 4],
        ],
      ),
    ).toEqual([
      [0, 1, 10, 1],
      [60_000, 2, 20, 2],
      [120_000, 0, 0, 0],
    ]);
  });
});
