// The store: restart resumes from persisted offsets, usage outlives deleted transcripts, bad files are set aside.
import { describe, expect, it } from 'bun:test';
import { Database } from 'bun:sqlite';
import { appendFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { inProcessIngest } from '../../src/daemon/ingest-client.ts';
import { openStore, SCHEMA_VERSION, StoreLockedError } from '../../src/store/index.ts';
import { migrate } from '../../src/store/schema.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { ccusage, expectTotalsEqualOracle } from '../helpers/ccusage.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = Date.UTC(2026, 10, 28, 12);

function client(root: string, dbPath: string, warnings: string[] = []) {
  return inProcessIngest({
    roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/x' }),
    costMode: 'calculate',
    backfillMs: 3_600_000,
    dbPath,
    onWarning: (w) => warnings.push(w),
  });
}

const totalsOf = (body: string) =>
  (
    JSON.parse(`${body}}`) as {
      totals: {
        input_tokens: number;
        output_tokens: number;
        cache_creation_tokens: number;
        cache_read_tokens: number;
        cost: number;
      };
    }
  ).totals;

async function setup() {
  const dir = await tempDir('cco-store-');
  const root = join(dir.path, 'root');
  await generateDemoRoot(root, { now: NOW, sessions: 25 });
  return { dir, root, db: join(dir.path, 'db', 'cco.db') };
}

describe('persistent store', () => {
  it('resumes after a restart: serves the last figures at once and reads only what was appended meanwhile', async () => {
    const { dir, root, db } = await setup();
    await using _ = dir;
    const first = client(root, db);
    expect(await first.opened).toBeUndefined();
    const cold = await first.tick(NOW);
    first.close();
    const extra = `${assistant({ id: 'late', requestId: 'late-r', input: 1234, timestamp: new Date(NOW).toISOString() })}\n`;
    const files = (await readdir(join(root, 'projects'), { recursive: true })).filter((f) => f.endsWith('.jsonl'));
    await appendFile(join(root, 'projects', files[0] ?? ''), extra);

    const second = client(root, db);
    const view = await second.opened;
    expect(view?.statsBodies.all).toBe(cold.statsBodies.all);
    expect(JSON.parse(view?.snapshotsJson ?? '[]')).toHaveLength(1);
    const warm = await second.tick(NOW + 60_000);
    second.close();
    expect(warm.bytesRead).toBe(Buffer.byteLength(extra));
    const oracle = await ccusage(root);
    expectTotalsEqualOracle(totalsOf(warm.statsBodies.all), oracle, 5);
  });

  it('keeps usage whose transcripts Claude Code has since deleted', async () => {
    const { dir, root, db } = await setup();
    await using _ = dir;
    const first = client(root, db);
    const before = totalsOf((await first.tick(NOW)).statsBodies.all);
    first.close();
    await rm(join(root, 'projects'), { recursive: true });
    const second = client(root, db);
    await second.opened;
    const after = totalsOf((await second.tick(NOW + 1000)).statsBodies.all);
    second.close();
    expect(after).toEqual(before);
  });

  it('refuses a second opener of the same store while the first holds it', async () => {
    const { dir, root, db } = await setup();
    await using _ = dir;
    const first = client(root, db);
    await first.tick(NOW);
    expect(() => client(root, db)).toThrow(StoreLockedError);
    first.close();
    const again = client(root, db);
    again.close();
  });

  it.each([
    ['garbage', async (db: string) => writeFile(db, 'this is not a database'.repeat(100))],
    ['an empty file (truncated to 0 bytes while stopped)', async (db: string) => writeFile(db, '')],
    [
      'a truncated file',
      async (db: string) => {
        const bytes = await Bun.file(db).bytes();
        await writeFile(db, bytes.subarray(0, Math.floor(bytes.byteLength / 3)));
      },
    ],
    [
      'a newer schema',
      async (db: string) => {
        const d = new Database(db);
        d.run('PRAGMA user_version = 99');
        d.close();
      },
    ],
  ])('sets aside %s (never deleting it), warns once and rebuilds from the logs', async (_name, spoil) => {
    const { dir, root, db } = await setup();
    await using _ = dir;
    const first = client(root, db);
    const before = totalsOf((await first.tick(NOW)).statsBodies.all);
    first.close();
    for (const suffix of ['-wal', '-shm']) await rm(db + suffix, { force: true });
    await spoil(db);
    const warnings: string[] = [];
    const second = client(root, db, warnings);
    expect(await second.opened).toBeUndefined();
    const after = totalsOf((await second.tick(NOW)).statsBodies.all);
    second.close();
    expect(after).toEqual(before);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('moved it to');
    const aside = (await readdir(join(dir.path, 'db'))).filter((f) => f.includes('.bad-'));
    expect(aside.length).toBeGreaterThanOrEqual(1);
  });
});

describe('schema', () => {
  it('migrates an empty database to the current version', async () => {
    await using dir = await tempDir('cco-schema-');
    const db = new Database(join(dir.path, 'm.db'));
    migrate(db, 0);
    expect((db.query('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(SCHEMA_VERSION);
    const tables = (
      db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual([
      'dedup_nodes',
      'files',
      'limit_samples',
      'meta',
      'names',
      'push_samples',
      'push_series',
      'responses',
      'snapshots',
    ]);
    db.close();
  });

  it('opens a current database without migrating it again', async () => {
    await using dir = await tempDir('cco-schema-');
    const path = join(dir.path, 's.db');
    openStore(path, NOW).db.close();
    const { db, movedAside } = openStore(path, NOW);
    expect(movedAside).toBeUndefined();
    db.close();
  });

  it('migrates a store from before row checksums and resumes from it, with no warning and no rebuild', async () => {
    const { dir, root, db } = await setup();
    await using _ = dir;
    const first = client(root, db);
    const before = totalsOf((await first.tick(NOW)).statsBodies.all);
    first.close();
    // Back to schema 5 (the one before row checksums): no checksums, no fingerprints, no row counts.
    const old = new Database(db);
    for (const table of ['names', 'files', 'responses', 'dedup_nodes', 'meta'])
      old.run(`ALTER TABLE ${table} DROP COLUMN crc`);
    old.run('ALTER TABLE files DROP COLUMN fingerprint');
    old.run("DELETE FROM meta WHERE key = 'row_counts'");
    old.run('PRAGMA user_version = 5');
    old.close();
    // Only the store can give the totals now.
    await rm(join(root, 'projects'), { recursive: true });
    const warnings: string[] = [];
    const second = client(root, db, warnings);
    await second.opened;
    const after = totalsOf((await second.tick(NOW + 1000)).statsBodies.all);
    second.close();
    expect(warnings).toEqual([]);
    expect(after).toEqual(before);
  });
});
