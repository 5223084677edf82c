// The parse pool reads files in worker threads (each file's first block read ahead while the one before is parsed):
// every task must come back in order with exactly what the reader gives in this thread, a missing file as an error
// of its own that leaves the files after it intact.
import { afterAll, describe, expect, it } from 'bun:test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { ParsePool } from '../../src/ingest/parse-pool.ts';
import { readUsage, type FileReadResult, type ReadTask } from '../../src/ingest/usage-reader.ts';
import { assistant, user } from '../fixtures/log-lines.ts';
import { ingestOnce } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/temp.ts';
import type { ParsedResponse } from '../../src/ledger/types.ts';

const LIMITS = { blockBytes: 700, maxLineBytes: 1 << 20 };

describe('ParsePool', () => {
  const pool = new ParsePool(2, LIMITS);
  afterAll(() => pool.close());

  it('answers each task in order as readUsage does in this thread, and a missing file as an error of its own', async () => {
    await using dir = await tempDir('cco-pool-');
    const tasks: ReadTask[] = [];
    for (let f = 0; f < 12; f++) {
      const path = join(dir.path, `s${f}.jsonl`);
      const lines = Array.from({ length: f + 1 }, (_, i) => [
        user(`question ${i}`, `p${f}-${i}`),
        assistant({ id: `m${f}-${i}`, requestId: `r${f}-${i}`, parentUuid: `p${f}-${i}`, output: f * 100 + i }),
      ]).flat();
      const text = `${lines.join('\n')}\n`;
      if (f !== 5) await writeFile(path, text); // s5 is never written: its read fails
      // s7 is read from the middle (an append), s9 is an empty range (nothing appended).
      const offset = f === 7 ? Buffer.byteLength(`${lines.slice(0, 4).join('\n')}\n`) : 0;
      tasks.push({ path, offset, end: f === 9 ? 0 : Buffer.byteLength(text), skippingLongLine: false });
    }
    const viaPool: { index: number; result: FileReadResult | Error; responses: readonly ParsedResponse[] }[] = [];
    await pool.read(tasks, (index, result, responses) => viaPool.push({ index, result, responses }));
    expect(viaPool.map((x) => x.index)).toEqual(tasks.map((_, i) => i));
    for (const [i, task] of tasks.entries()) {
      const got = viaPool[i];
      if (i === 5) {
        expect(got?.result).toBeInstanceOf(Error);
        continue;
      }
      const responses: ParsedResponse[] = [];
      const result = await readUsage(task, (r) => responses.push(r), LIMITS);
      expect(got?.result).toEqual(result);
      expect(got?.responses).toEqual(responses);
    }
    expect(viaPool[11]?.responses.map((r) => r.tokens.output)).toEqual(Array.from({ length: 12 }, (_, i) => 1100 + i));
    expect(viaPool[7]?.responses).toHaveLength(6);
    expect(viaPool[9]?.responses).toHaveLength(0);
  });

  it('answers a path Bun refuses outright (too long) as an error of that task only', async () => {
    await using dir = await tempDir('cco-pool-bad-');
    const good = join(dir.path, 'good.jsonl');
    const text = `${assistant({ id: 'm1', requestId: 'r1', output: 7 })}\n`;
    await writeFile(good, text);
    const ok: ReadTask = { path: good, offset: 0, end: Buffer.byteLength(text), skippingLongLine: false };
    const tasks: ReadTask[] = [ok, { ...ok, path: join(dir.path, `${'x'.repeat(5000)}.jsonl`) }, ok];
    const results: (FileReadResult | Error)[] = [];
    const outputs: number[][] = [];
    await pool.read(tasks, (_, result, responses) => {
      results.push(result);
      outputs.push(responses.map((r) => r.tokens.output));
    });
    expect(results[1]).toBeInstanceOf(Error);
    expect(results[0]).not.toBeInstanceOf(Error);
    expect(results[2]).not.toBeInstanceOf(Error);
    expect(outputs).toEqual([[7], [], [7]]);
  });

  it('takes a first tick of hundreds of files while the walk goes on (pausing for replies): the same as one thread', async () => {
    await using dir = await tempDir('cco-pool-walk-');
    await generateDemoRoot(dir.path, { now: Date.UTC(2026, 10, 28, 12), sessions: 300, seed: 11 });
    const single = await ingestOnce(dir.path);
    // Threshold 0: every file goes to the pool as the walk finds it, and the walk yields every 256 files. (Default
    // block size, as the engine's own reads: response times are sampled only where a line's parent is in its block.)
    const wholeBlocks = new ParsePool(2);
    const pooled = await ingestOnce(dir.path, { bulkReader: wholeBlocks, bulkThresholdBytes: 0 }).finally(() =>
      wholeBlocks.close(),
    );
    expect(pooled.filesTracked).toBeGreaterThan(256);
    expect(pooled.ledger.responses).toBe(single.ledger.responses);
    expect({ ...pooled.ledger.totals }).toEqual({ ...single.ledger.totals });
    expect(pooled.counters).toEqual(single.counters);
    expect(pooled.responseTime).toEqual(single.responseTime);
    // Every file's read state was kept: nothing is read again (the next tick reads in this thread).
    expect((await pooled.tick()).bytesRead).toBe(0);
  });
});
