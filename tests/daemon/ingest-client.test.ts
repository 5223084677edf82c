// The in-process ingest client as one-shot commands use it: with parse workers for a backlog past the bulk
// threshold, the same figures as on one thread, and the workers stop on close.
import { describe, expect, it } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { BULK_THRESHOLD_BYTES } from '../../src/ingest/engine.ts';
import { inProcessIngest } from '../../src/daemon/ingest-client.ts';
import { withStaleness } from '../../src/cache/stale-bodies.ts';
import { NOW } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';
import { waitFor } from '../helpers/wait.ts';

/** Threads of this process that are JS workers (Linux names them "Worker"). */
const workerThreads = (): number =>
  readdirSync('/proc/self/task').filter((tid) => {
    try {
      return readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === 'Worker';
    } catch {
      return false; // (ended while listed)
    }
  }).length;

/** Everything in a stats body but when it was made. */
const figures = (body: string): unknown =>
  JSON.parse(withStaleness(body, 0), (key, value: unknown) => (key === 'last_updated' ? undefined : value));

describe('inProcessIngest with parse workers', () => {
  it('gives the same stats as one thread for a backlog the workers parse, and stops them once it is read', async () => {
    await using dir = await tempDir('cco-client-');
    const summary = await generateDemoRoot(dir.path, {
      now: NOW,
      targetBytes: BULK_THRESHOLD_BYTES + (4 << 20),
      projects: 3,
    });
    expect(summary.bytes).toBeGreaterThan(BULK_THRESHOLD_BYTES);
    const roots = resolveDataRoots({ dataDirs: [dir.path], env: {}, home: '/nonexistent' });
    const before = workerThreads();
    const bodies: string[] = [];
    for (const threads of [2, 0]) {
      const ingest = inProcessIngest({ roots, costMode: 'auto', backfillMs: 0, parseThreads: threads });
      try {
        let most = 0;
        let ticked = false;
        const tick = ingest.tick(NOW).finally(() => (ticked = true));
        while (!ticked) {
          most = Math.max(most, workerThreads());
          await Bun.sleep(2);
        }
        bodies.push((await tick).statsBodies.all);
        expect(most).toBe(before + threads);
        // (the workers stop as the read ends, before the engine is closed)
        await waitFor(() => (workerThreads() === before ? true : undefined), 'the parse workers to stop', 5_000);
      } finally {
        await ingest.close();
      }
    }
    const [pooled, single] = bodies;
    expect(figures(pooled ?? '')).toEqual(figures(single ?? ''));
    expect((figures(pooled ?? '') as { totals: { messages: number } }).totals.messages).toBeGreaterThan(1000);
  }, 60_000);
});
