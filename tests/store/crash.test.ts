// kill -9 at any moment, then restart: totals still equal the oracle. And a second daemon on one store is refused.
import { beforeAll, describe, expect, it } from 'bun:test';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { compiledBinary, isolatedEnv, spawnDaemon } from '../helpers/binary.ts';
import { ccusage, expectTotalsEqualOracle } from '../helpers/ccusage.ts';
import { tempDir } from '../helpers/temp.ts';
import { health, idleTick, totals, waitFor } from '../helpers/wait.ts';

let binary = '';
beforeAll(async () => {
  binary = await compiledBinary();
}, 120_000);

describe('crash safety', () => {
  it('keeps totals equal to ccusage after being killed with SIGKILL mid-ingest again and again', async () => {
    await using dir = await tempDir('cco-crash-');
    const root = join(dir.path, 'root');
    await generateDemoRoot(root, { now: Date.UTC(2026, 10, 28, 12), targetBytes: 40_000_000, projects: 8 });
    const db = join(dir.path, 'cco.db');
    const args = ['--data-dir', root, '--db', db, '--interval', '100ms'];
    // A temp dir of its own: where the daemons put their app sockets.
    const tmp = join(dir.path, 'tmp');
    mkdirSync(tmp);
    const env = { TMPDIR: tmp };
    // Kill at growing delays: before the store opens, during the cold ingest, between ticks.
    for (const delay of [0, 30, 80, 150, 250, 400, 700, 1000]) {
      const daemon = await spawnDaemon(binary, args, env);
      await Bun.sleep(delay);
      daemon.proc.kill('SIGKILL');
      await daemon.proc.exited;
    }
    await using daemon = await spawnDaemon(binary, args, env);
    // The killed daemons' socket folders are swept by the next one: only its own is left.
    expect(readdirSync(tmp)).toEqual([expect.stringMatching(new RegExp(`^cco-app-${daemon.proc.pid}-`))]);
    // A tick after the restart that found nothing new: everything on disk is counted.
    await idleTick(daemon.url);
    const oracle = await ccusage(root);
    expectTotalsEqualOracle(await totals(daemon.url), oracle, 4);
  }, 180_000);

  it('answers from the store right after a restart, and refuses a second daemon on the same store', async () => {
    await using dir = await tempDir('cco-restart-');
    const root = join(dir.path, 'root');
    await generateDemoRoot(root, { now: Date.UTC(2026, 10, 28, 12), sessions: 30 });
    const db = join(dir.path, 'cco.db');
    const args = ['--data-dir', root, '--db', db, '--interval', '200ms'];
    let before: unknown;
    {
      await using first = await spawnDaemon(binary, args);
      before = await waitFor(
        async () =>
          (await health(first.url)).ready
            ? ((await (await fetch(`${first.url}/api/stats`)).json()) as { totals: unknown })
            : undefined,
        'first ingest',
      );
      const second = Bun.spawn([binary, 'serve', '--port', '0', ...args], {
        stdout: 'pipe',
        stderr: 'pipe',
        env: { ...process.env, ...isolatedEnv() },
      });
      expect(await second.exited).toBe(1);
      const err = await new Response(second.stderr).text();
      expect(err).toContain(`cco: another cco daemon is using ${db}`);
      expect(err).not.toContain('    at ');
    }
    await using restarted = await spawnDaemon(binary, args);
    const stats = (await (await fetch(`${restarted.url}/api/stats`)).json()) as { totals: unknown };
    expect(stats.totals).toEqual((before as { totals: unknown }).totals);
  }, 120_000);
});
