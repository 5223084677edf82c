import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { inProcessIngest, type IngestClient } from '../../src/daemon/ingest-client.ts';
import type { TickResult } from '../../src/ledger/outputs.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { metricsStack, NOW } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';

async function smallRoot() {
  const dir = await tempDir('cco-agg-');
  await mkdir(join(dir.path, 'projects', '-p'), { recursive: true });
  await writeFile(
    join(dir.path, 'projects', '-p', 's.jsonl'),
    `${assistant({ id: 'a', requestId: 'r', input: 3, timestamp: new Date(NOW - 60_000).toISOString() })}\n`,
  );
  return dir;
}

/** Real ingest behind a switch that can make the next ticks fail (a disk error, say). */
function flakyIngest(root: string, failures: number): IngestClient & { calls: number } {
  const real = inProcessIngest({
    roots: resolveDataRoots({ dataDirs: [root], env: {}, home: '/x' }),
    costMode: 'calculate',
    backfillMs: 60_000,
  });
  let left = failures;
  const client = {
    opened: real.opened,
    calls: 0,
    async tick(now: number): Promise<TickResult> {
      client.calls++;
      if (left-- > 0) throw new Error('EIO: disk went away');
      return real.tick(now);
    },
    reprice: (pricing: Parameters<IngestClient['reprice']>[0]) => real.reprice(pricing),
    sessionCalls: (session: string) => real.sessionCalls(session),
    close: () => real.close(),
  };
  return client;
}

describe('aggregator', () => {
  it('logs one warning for repeated failing ticks and goes on', async () => {
    await using dir = await smallRoot();
    const ingest = flakyIngest(dir.path, 3);
    const stack = metricsStack(dir.path, { ingest });
    for (let i = 0; i < 4; i++) await stack.aggregator.tickNow();
    expect(stack.warnings).toEqual(['ingest tick failed: EIO: disk went away']);
    expect(stack.cache.failedTicks).toBe(3);
    expect(stack.cache.isReady).toBe(true);
  });

  it('shares one tick between concurrent callers (ticks never overlap)', async () => {
    await using dir = await smallRoot();
    const ingest = flakyIngest(dir.path, 0);
    const stack = metricsStack(dir.path, { ingest });
    await Promise.all([stack.aggregator.tickNow(), stack.aggregator.tickNow(), stack.aggregator.tickNow()]);
    expect(ingest.calls).toBe(1);
  });

  it('keeps history ordered when the clock jumps backwards', async () => {
    await using dir = await smallRoot();
    const stack = metricsStack(dir.path, { capacity: 10 });
    await stack.aggregator.tickNow();
    stack.clock.set(NOW - 3_600_000);
    await stack.aggregator.tickNow();
    const times = stack.cache.snapshots.all().map((s) => s.timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(10);
  });

  it('runs ticks on its own timer every interval until stopped', async () => {
    await using dir = await smallRoot();
    const ingest = flakyIngest(dir.path, 0);
    const stack = metricsStack(dir.path, { ingest, intervalMs: 20 });
    stack.aggregator.start();
    // Waits on the loop's own progress, not on a fixed time.
    while (ingest.calls < 3) await Bun.sleep(5);
    await stack.aggregator.stop();
    const calls = ingest.calls;
    expect(calls).toBeGreaterThanOrEqual(3);
    await Bun.sleep(50);
    expect(ingest.calls).toBe(calls);
  });
});

describe('snapshot memory', () => {
  it('keeps a full ring buffer of 3600 snapshots small', async () => {
    await using dir = await smallRoot();
    const stack = metricsStack(dir.path);
    for (let i = 0; i < 3600; i++) {
      await stack.aggregator.tickNow();
      stack.clock.advance(2000);
    }
    expect(stack.cache.snapshots.size).toBe(3600);
    const bytes = Buffer.byteLength(JSON.stringify(stack.cache.snapshots.all()));
    // ~300 bytes per snapshot with one model in the breakdown: about 1 MB for the whole buffer.
    expect(bytes / 3600).toBeLessThan(500);
  });
});
