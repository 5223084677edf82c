// A store that cannot be written (disk full, a read-only database): ingest keeps serving from memory, says so once,
// and the first write that works again saves every tick held meanwhile, so a restart resumes with nothing lost and
// nothing counted twice. The faults are SQLite's own errors, raised on the live connection: tests run as root in CI,
// where chmod cannot make anything read-only, so
// - disk full: `PRAGMA max_page_count` caps the file at its current size; growing it fails with SQLITE_FULL;
// - read-only: `PRAGMA query_only` makes every write fail with SQLITE_READONLY, as a read-only file or folder does.
import { describe, expect, it } from 'bun:test';
import type { Database } from 'bun:sqlite';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { IngestSession } from '../../src/daemon/ingest-session.ts';
import type { TickResult } from '../../src/ledger/outputs.ts';
import { openStore, UsageStore } from '../../src/store/index.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = Date.UTC(2026, 10, 28, 12);

interface Fault {
  readonly code: string;
  break(db: Database): void;
  mend(db: Database): void;
}

const FAULTS: Record<string, Fault> = {
  'a full disk': {
    code: 'SQLITE_FULL',
    break: (db) =>
      db.run(`PRAGMA max_page_count = ${(db.query('PRAGMA page_count').get() as { page_count: number }).page_count}`),
    mend: (db) => db.run('PRAGMA max_page_count = 1073741823'),
  },
  'a read-only database': {
    code: 'SQLITE_READONLY',
    break: (db) => db.run('PRAGMA query_only = ON'),
    mend: (db) => db.run('PRAGMA query_only = OFF'),
  },
};

/** `n` assistant lines with ids unique to `tag` (a few hundred need new pages in the store). */
function lines(tag: string, n: number, sessionId = 'session-1'): string {
  return Array.from(
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
}

const totals = (r: TickResult) => {
  const { timestamp: _, avg_response_time: __, models: ___, ...rest } = r.snapshot;
  return rest;
};

async function fixture() {
  const dir = await tempDir('cco-store-fault-');
  const root = join(dir.path, 'root');
  const project = join(root, 'projects', '-home-ada-src-edge');
  await mkdir(project, { recursive: true });
  await writeFile(join(project, 'a.jsonl'), lines('a0', 20));
  await writeFile(join(project, 'b.jsonl'), lines('b0', 20, 'session-2'));
  const roots = resolveDataRoots({ dataDirs: [root], env: {}, home: '/nonexistent' });
  const dbPath = join(dir.path, 'cco.db');
  const open = (warnings: string[]) => {
    const { db } = openStore(dbPath, NOW);
    const store = new UsageStore(db, dbPath);
    const session = new IngestSession({
      roots,
      costMode: 'calculate',
      backfillMs: 3_600_000,
      store,
      onWarning: (w) => warnings.push(w),
    });
    return { db, session };
  };
  // The same root in memory only: what every tick should report.
  const control = new IngestSession({ roots, costMode: 'calculate', backfillMs: 3_600_000 });
  return { dir, root, project, dbPath, open, control };
}

describe('store writes that fail', () => {
  for (const [name, fault] of Object.entries(FAULTS)) {
    it(`keeps serving through ${name}, warns once, and saves every held tick once writing works again`, async () => {
      const f = await fixture();
      await using _ = f.dir;
      const warnings: string[] = [];
      const live = f.open(warnings);
      let t = NOW;
      const both = async () => {
        t += 2000;
        const [a, b] = [await live.session.tick(t), await f.control.tick(t)];
        expect(totals(a)).toEqual(totals(b));
        return a;
      };
      await both();
      expect(warnings).toEqual([]);

      fault.break(live.db);
      // Appends, a deleted transcript, a new project, a transcript deleted and written again: all while nothing saves.
      await appendFile(join(f.project, 'a.jsonl'), lines('a1', 300));
      const during = await both();
      expect(during.newResponses).toBe(300);
      await rm(join(f.project, 'b.jsonl'));
      await mkdir(join(f.root, 'projects', '-home-ada-src-other'));
      await writeFile(join(f.root, 'projects', '-home-ada-src-other', 'c.jsonl'), lines('c0', 300, 'session-3'));
      await both();
      await writeFile(join(f.project, 'b.jsonl'), lines('b1', 300, 'session-2'));
      await both();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`store ${f.dbPath}: cannot write (${fault.code}`);
      expect(warnings[0]).toContain('serving from memory and retrying every tick');

      fault.mend(live.db);
      await appendFile(join(f.project, 'a.jsonl'), lines('a2', 5));
      const last = await both();
      expect(warnings).toHaveLength(2);
      expect(warnings[1]).toBe(`store ${f.dbPath}: writing works again; saved the 4 ticks held in memory`);
      live.session.close();

      // A restart resumes from the store alone: same totals, and nothing left to read.
      const restarted = f.open(warnings);
      expect(restarted.session.restore()).toBe(true);
      const resumed = await restarted.session.tick(t + 2000);
      restarted.session.close();
      expect(resumed.bytesRead).toBe(0);
      expect(totals(resumed)).toEqual(totals(last));
      expect(warnings).toHaveLength(2);
    });
  }

  it('loses nothing when it stops while writes still fail: the restart reads again from the last saved offsets', async () => {
    const f = await fixture();
    await using _ = f.dir;
    const warnings: string[] = [];
    const live = f.open(warnings);
    await live.session.tick(NOW);
    await f.control.tick(NOW);
    FAULTS['a full disk']?.break(live.db);
    await appendFile(join(f.project, 'a.jsonl'), lines('a1', 300));
    await rm(join(f.project, 'b.jsonl'));
    await live.session.tick(NOW + 2000);
    live.session.close();

    const restarted = f.open(warnings);
    restarted.session.restore();
    const resumed = await restarted.session.tick(NOW + 4000);
    restarted.session.close();
    expect(totals(resumed)).toEqual(totals(await f.control.tick(NOW + 4000)));
    expect(warnings).toHaveLength(1);
  });
});
