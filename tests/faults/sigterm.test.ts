// SIGTERM while a tick runs (the cold ingest of a ~100 MB root): the binary finishes the tick or leaves it unsaved,
// closes its store and exits 0 within 2 s; the next start counts everything exactly once (totals equal ccusage).
// The 2 s is a deadline the code enforces (the ingest worker gets 500 ms to finish a tick, 1.5 s in all before it is
// terminated), not a speed figure: a slow machine only moves where in the tick the signal lands.
import { beforeAll, describe, expect, it } from 'bun:test';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { ccusage, expectTotalsEqualOracle } from '../helpers/ccusage.ts';
import { tempDir } from '../helpers/temp.ts';
import { health, idleTick, totals } from '../helpers/wait.ts';

let binary = '';
beforeAll(async () => {
  binary = await compiledBinary();
}, 120_000);

describe('SIGTERM during a tick', () => {
  it('finishes or rolls back the tick, exits 0 within 2 s, and the restart counts everything once', async () => {
    await using dir = await tempDir('cco-sigterm-');
    const root = join(dir.path, 'root');
    await generateDemoRoot(root, { now: Date.UTC(2026, 10, 28, 12), targetBytes: 100_000_000, projects: 8 });
    const db = join(dir.path, 'cco.db');
    const args = ['--data-dir', root, '--db', db, '--interval', '100ms'];
    // A store closed cleanly has folded its write-ahead log into the file and removed it; a killed one leaves it.
    const walBytes = () => (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);
    const stops: { delayMs: number; midIngest: boolean; code: number; ms: number; walBytes: number; stderr: string }[] =
      [];
    // At once (the store just opened, the cold ingest starting), then later into the ingest, then between ticks.
    for (const delayMs of [0, 150, 300, 600]) {
      const daemon = await spawnDaemon(binary, args);
      await Bun.sleep(delayMs);
      const midIngest = !(await health(daemon.url)).ready;
      const t0 = performance.now();
      daemon.proc.kill('SIGTERM');
      const code = await daemon.proc.exited;
      stops.push({
        delayMs,
        midIngest,
        code,
        ms: performance.now() - t0,
        walBytes: walBytes(),
        stderr: daemon.stderr(),
      });
    }
    for (const stop of stops) {
      expect({ delayMs: stop.delayMs, code: stop.code, within2s: stop.ms < 2000, walBytes: stop.walBytes }).toEqual({
        delayMs: stop.delayMs,
        code: 0,
        within2s: true,
        walBytes: 0,
      });
      expect(stop.stderr).not.toContain('warning');
    }
    // At least one signal landed in the middle of the cold ingest (the first start has 100 MB to read).
    expect(stops.some((s) => s.midIngest)).toBe(true);

    await using daemon = await spawnDaemon(binary, args);
    await idleTick(daemon.url);
    const t = await totals(daemon.url);
    const oracle = await ccusage(root);
    expectTotalsEqualOracle(t, oracle, 4);
  }, 180_000);
});
