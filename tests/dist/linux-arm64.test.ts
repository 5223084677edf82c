// The linux-arm64 binary of a release runs (under qemu-user on an x64 machine) and counts exactly what the x64 binary
// counts: `stats --json` and a serving daemon's /api/stats over one generated data root.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { existsSync } from 'node:fs';
import { DIST_TARGETS } from '../../scripts/build.ts';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { isolatedEnv, spawnDaemon } from '../helpers/binary.ts';
import { NOW } from '../helpers/metrics.ts';
import { skipBecause, withoutTool } from '../helpers/skip.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';
import { waitFor } from '../helpers/wait.ts';
import { noRelease, run, unpack } from './release.ts';

const QEMU = 'qemu-aarch64-static';

/** Why the arm64 binary cannot run here, or undefined. */
function cannotRunArm64(): string | undefined {
  if (noRelease) return noRelease;
  if (process.platform !== 'linux') return `needs Linux (this is ${process.platform})`;
  if (process.arch === 'arm64') return undefined;
  const qemu = withoutTool(QEMU, 'Debian: apt-get install qemu-user-static');
  if (qemu) return qemu;
  return existsSync('/lib/ld-linux-aarch64.so.1')
    ? undefined
    : 'no arm64 C library (Debian: dpkg --add-architecture arm64 && apt-get install libc6:arm64)';
}

const target = (arch: 'x64' | 'arm64') => {
  const found = DIST_TARGETS.find((t) => t.os === 'linux' && t.arch === arch);
  if (!found) throw new Error(`no linux-${arch} target`);
  return found;
};

/** Until the daemon's first tick is in (ready). */
const ready = (url: string) =>
  waitFor(
    async () => ((await (await fetch(`${url}/api/health`)).json()) as { ready: boolean }).ready || undefined,
    'the daemon to be ready',
    30_000,
  );

/** What changes from one run to the next (when it was made), left out of the comparison. */
const figures = (json: string): unknown => {
  const { last_updated: _, stale_s: __, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
};

describe.skipIf(skipBecause('the linux-arm64 binary', cannotRunArm64()))('the linux-arm64 binary', () => {
  let dir: TempDir;
  let root: TempDir;
  let arm64: string[] = [];
  let x64: string[] = [];
  beforeAll(async () => {
    dir = await tempDir('cco-arm64-');
    root = await tempDir('cco-arm64-root-');
    await generateDemoRoot(root.path, { now: NOW, sessions: 8 });
    const arm = await unpack(target('arm64'), dir.path);
    arm64 = process.arch === 'arm64' ? [arm] : [QEMU, arm];
    x64 = [await unpack(target('x64'), dir.path)];
  }, 60_000);
  afterAll(async () => {
    await root?.[Symbol.asyncDispose]();
    await dir?.[Symbol.asyncDispose]();
  });

  it('prints the same stats --json --data-dir as the x64 binary', async () => {
    const args = ['stats', '--json', '--data-dir', root.path];
    const [a, b] = [await run([...arm64, ...args], isolatedEnv()), await run([...x64, ...args], isolatedEnv())];
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(figures(a.out)).toEqual(figures(b.out));
    expect((figures(a.out) as { totals: { messages: number } }).totals.messages).toBeGreaterThan(0);
  }, 60_000);

  it('serves the same /api/stats totals as the x64 binary over the same root', async () => {
    const totals = async (binary: string[]) => {
      await using daemon = await spawnDaemon(binary, ['--no-persist', '--data-dir', root.path]);
      await ready(daemon.url);
      const body = (await (await fetch(`${daemon.url}/api/stats`)).json()) as { totals: unknown; models: unknown };
      return { totals: body.totals, models: body.models };
    };
    const onArm64 = await totals(arm64);
    expect(onArm64).toEqual(await totals(x64));
  }, 90_000);

  it('serves generated data with serve --demo', async () => {
    await using daemon = await spawnDaemon(arm64, ['--demo']);
    await ready(daemon.url);
    const stats = (await (await fetch(`${daemon.url}/api/stats`)).json()) as { totals: { messages: number } };
    expect(stats.totals.messages).toBeGreaterThan(0);
  }, 60_000);
});
