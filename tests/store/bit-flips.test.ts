// A store damaged in ways SQLite does not see (`PRAGMA integrity_check` checks structure, not content): random bytes
// flipped while the daemon was stopped never turn into a wrong total. Each row carries a checksum, so a changed row is
// found when the state is loaded, the store is set aside with a warning and rebuilt from the logs.
import { describe, expect, it } from 'bun:test';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inProcessIngest } from '../../src/daemon/ingest-client.ts';
import { generateDemoRoot, seededRandom } from '../../src/demo/index.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = Date.UTC(2026, 10, 28, 12);
const TRIALS = 80;

const client = (root: string, dbPath: string, warnings: string[]) =>
  inProcessIngest({
    roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/x' }),
    costMode: 'calculate',
    backfillMs: 3_600_000,
    dbPath,
    onWarning: (w) => warnings.push(w),
  });

const totalsOf = (body: string) => (JSON.parse(`${body}}`) as { totals: unknown }).totals;

describe('a store with flipped bytes', () => {
  it(`gives the right totals after each of ${TRIALS} random 4-byte flips: warned and rebuilt, or unharmed`, async () => {
    await using dir = await tempDir('cco-flips-');
    const root = join(dir.path, 'root');
    await generateDemoRoot(root, { now: NOW, sessions: 12 });
    const db = join(dir.path, 'cco.db');
    const first = client(root, db, []);
    const expected = totalsOf((await first.tick(NOW)).statsBodies.all);
    await first.close();
    const pristine = await Bun.file(db).bytes();

    const rng = seededRandom(20);
    const wrong: string[] = [];
    let warned = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const bytes = Uint8Array.from(pristine);
      // Past the 100-byte file header (damage there is seen by SQLite itself).
      const at = rng.int(100, bytes.byteLength - 4);
      for (let i = 0; i < 4; i++) bytes[at + i] = rng.int(0, 255);
      for (const suffix of ['', '-wal', '-shm']) await rm(db + suffix, { force: true });
      await writeFile(db, bytes);
      const warnings: string[] = [];
      const ingest = client(root, db, warnings);
      await ingest.opened;
      const totals = totalsOf((await ingest.tick(NOW)).statsBodies.all);
      await ingest.close();
      if (warnings.length > 0) warned++;
      if (JSON.stringify(totals) !== JSON.stringify(expected))
        wrong.push(`flip at byte ${at}: ${warnings.length} warnings`);
    }
    expect(wrong).toEqual([]);
    expect(warned).toBeGreaterThan(0);
  });
});
