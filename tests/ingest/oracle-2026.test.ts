// cco against ccusage 20.0.24 on 2026-shaped logs: every new record shape alone and all together, read on one thread
// and by the parse workers, to the token and to 1e-9 of the cost.
import { describe, it } from 'bun:test';
import { ParsePool } from '../../src/ingest/parse-pool.ts';
import { SHAPES_2026, write2026Root } from '../fixtures/root-2026.ts';
import { ccusage } from '../helpers/ccusage.ts';
import { ingestOnce } from '../helpers/ingest.ts';
import { compareDaily } from '../helpers/oracle-compare.ts';
import { tempDir } from '../helpers/temp.ts';

describe('totals equal ccusage on 2026-shaped logs', () => {
  it.each(SHAPES_2026)('matches per day, per model and in total on %s alone', async (shape) => {
    await using dir = await tempDir(`cco-oracle-${shape}-`);
    await write2026Root(dir.path, { shapes: [shape] });
    compareDaily(await ingestOnce(dir.path), await ccusage(dir.path));
  });

  it('matches on every shape together, on one thread and across parse workers', async () => {
    await using dir = await tempDir('cco-oracle-2026-');
    await write2026Root(dir.path, { perShape: 40, seed: 7 });
    const report = await ccusage(dir.path);
    compareDaily(await ingestOnce(dir.path), report);
    const pool = new ParsePool(2);
    try {
      compareDaily(await ingestOnce(dir.path, { bulkReader: pool, bulkThresholdBytes: 0 }), report);
    } finally {
      pool.close();
    }
  });
});
