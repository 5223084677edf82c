// Dates before 1970 and after 2106 are kept as written, in memory and in the store: nothing wraps into today's figures,
// and a restart gives the same figures as the run before it.
import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inProcessIngest } from '../../src/daemon/ingest-client.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import type { TickResult } from '../../src/ledger/outputs.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = Date.UTC(2026, 10, 28, 12);
const FAR_FUTURE = '9999-12-31T12:00:00.000Z';
const FAR_PAST = '0001-01-01T00:30:00.000Z';
/** A time 2³² s before now: a 32-bit count of seconds would put it at now. */
const WRAPPED = new Date(NOW - 2 ** 32 * 1000).toISOString();

const client = (root: string, dbPath: string) =>
  inProcessIngest({
    roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/x' }),
    costMode: 'calculate',
    backfillMs: 3_600_000,
    dbPath,
    onWarning: () => {},
  });

/** What a tick shows for every range, the blocks and the spend, as plain data. */
function figures(tick: TickResult) {
  const ranges = Object.fromEntries(
    Object.entries(tick.statsBodies).map(([range, body]) => {
      const parsed = JSON.parse(`${body}}`) as { totals: unknown };
      return [range, parsed.totals];
    }),
  );
  return { ranges, blocks: tick.blocks?.blocks, spend: tick.spend };
}

describe('timestamps far from today', () => {
  it('keeps years 0001 and 9999 as written and gives the same figures after a restart', async () => {
    await using dir = await tempDir('cco-far-dates-');
    const root = join(dir.path, 'root');
    const db = join(dir.path, 'db', 'cco.db');
    await mkdir(join(root, 'projects', '-p'), { recursive: true });
    const lines = [
      assistant({ id: 'now', requestId: 'r-now', timestamp: new Date(NOW).toISOString(), output: 1000 }),
      assistant({ id: 'future', requestId: 'r-future', timestamp: FAR_FUTURE, output: 2000 }),
      assistant({ id: 'past', requestId: 'r-past', timestamp: FAR_PAST, output: 3000 }),
      assistant({ id: 'wrapped', requestId: 'r-wrapped', timestamp: WRAPPED, output: 4000 }),
    ];
    await writeFile(join(root, 'projects', '-p', 's.jsonl'), `${lines.join('\n')}\n`);

    const first = client(root, db);
    const before = figures(await first.tick(NOW));
    await first.close();
    const second = client(root, db);
    await second.opened;
    const after = figures(await second.tick(NOW));
    await second.close();

    expect(after).toEqual(before);
    const starts = (before.blocks ?? []).map((b) => new Date(b.start).toISOString());
    expect(starts).toEqual([
      '0001-01-01T00:00:00.000Z',
      new Date(Math.floor((NOW - 2 ** 32 * 1000) / 3_600_000) * 3_600_000).toISOString(),
      new Date(NOW).toISOString(),
      '9999-12-31T12:00:00.000Z',
    ]);
    const today = before.ranges.today as { output_tokens: number };
    expect(today.output_tokens).toBe(1000);
  });
});
