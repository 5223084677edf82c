// Smoke tests of the real compiled binary: copied alone to a temp dir, started on a free port.
import { beforeAll, describe, expect, it } from 'bun:test';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { assistant } from '../fixtures/log-lines.ts';
import { join } from 'node:path';
import { gitCommit } from '../../scripts/build.ts';
import { VERSION } from '../../src/platform/version.ts';
import { compiledBinary, isolatedEnv, spawnDaemon } from '../helpers/binary.ts';
import { tempDir } from '../helpers/temp.ts';
import { mostThreadsByNice } from '../helpers/threads.ts';
import { health } from '../helpers/wait.ts';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { BULK_THRESHOLD_BYTES } from '../../src/ingest/engine.ts';
import { BACKGROUND_NICE, PARSE_NICE } from '../../src/platform/thread-priority.ts';

let binary = '';
beforeAll(async () => {
  binary = await compiledBinary();
}, 120_000);

const run = async (bin: string, args: string[], cwd?: string) => {
  const proc = Bun.spawn([bin, ...args], {
    cwd,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { ...process.env, ...isolatedEnv() },
  });
  const [code, out, err] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  return { code, out, err };
};

describe('compiled cco binary', () => {
  it('runs alone from another directory and names its version and the commit it was built from', async () => {
    await using dir = await tempDir();
    const lone = join(dir.path, 'cco');
    await copyFile(binary, lone);
    const r = await run(lone, ['--version'], dir.path);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(`${VERSION} (commit ${gitCommit()})`);
    expect(gitCommit()).toMatch(/^[0-9a-f]{12}(-dirty)?$/);
  });

  it('says commit unknown when built outside a git work tree', async () => {
    await using dir = await tempDir();
    expect(gitCommit(dir.path)).toBe('unknown');
  });

  it('serves from a directory outside the repo, built as shipped, with the front, ingest and both parse workers started', async () => {
    await using dir = await tempDir();
    const lone = join(dir.path, 'cco');
    await copyFile(binary, lone);
    const root = join(dir.path, 'root');
    await generateDemoRoot(root, { now: Date.now(), targetBytes: BULK_THRESHOLD_BYTES * 2, projects: 3 });
    // (a daemon whose front worker cannot start never prints its URL: spawnDaemon would throw)
    await using daemon = await spawnDaemon(lone, ['--data-dir', root, '--no-persist'], {}, dir.path);
    const ready = async () => (await health(daemon.url).catch(() => undefined))?.ready ?? false;
    const most = await mostThreadsByNice(daemon.proc.pid, ready);
    const stats = (await (await fetch(`${daemon.url}/api/stats`)).json()) as { totals: { messages: number } };
    expect(stats.totals.messages).toBeGreaterThan(0);
    // (threads the ingest worker starts inherit its nice value: at least one)
    expect(most.get(BACKGROUND_NICE) ?? 0).toBeGreaterThanOrEqual(1);
    expect(most.get(PARSE_NICE) ?? 0).toBeGreaterThanOrEqual(2); // (threads a worker starts inherit its nice value)
    expect(daemon.stderr()).not.toContain('failed');
  });

  it('serves demo data with --demo-if-empty when the data root holds no transcript, and the logs once it holds one', async () => {
    await using dir = await tempDir();
    await mkdir(join(dir.path, 'projects', '-p'), { recursive: true });
    {
      await using daemon = await spawnDaemon(binary, ['--demo-if-empty', '--data-dir', dir.path, '--no-persist']);
      expect(daemon.stderr()).toContain('serving demo data');
    }
    await writeFile(join(dir.path, 'projects', '-p', 's.jsonl'), `${assistant({ id: 'm1', requestId: 'r1' })}\n`);
    await using daemon = await spawnDaemon(binary, ['--demo-if-empty', '--data-dir', dir.path, '--no-persist']);
    expect(daemon.stderr()).not.toContain('demo');
    expect(daemon.stderr()).toContain(`data: ${dir.path}`);
  });

  it('exits 2 with one line for a bad port', async () => {
    const r = await run(binary, ['serve', '--port', '70000']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual(["cco: invalid port '70000': expected a whole number from 0 to 65535"]);
  });

  it('exits 1 with one line when the port is already in use', async () => {
    const blocker = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('busy') });
    try {
      await using dir = await tempDir();
      const r = await run(binary, ['serve', '--port', String(blocker.port), '--data-dir', dir.path]);
      expect(r.code).toBe(1);
      const lines = r.err.trim().split('\n');
      expect(lines.at(-1)).toBe(`cco: port ${blocker.port} on 127.0.0.1 is already in use (pick another with --port)`);
      expect(r.err).not.toContain('    at ');
    } finally {
      blocker.stop(true);
    }
  });

  it('serves health, the docs UI with local assets and the OpenAPI JSON on demo data', async () => {
    await using daemon = await spawnDaemon(binary, ['--demo']);
    const health = await fetch(`${daemon.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const page = await (await fetch(`${daemon.url}/swagger`)).text();
    for (const ref of page.matchAll(/(?:src|href)="([^"]+)"/g)) {
      expect((await fetch(new URL(ref[1] ?? '', daemon.url))).status).toBe(200);
    }
    const spec = (await (await fetch(`${daemon.url}/swagger/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/api/health');
  });

  it('ingests in its worker thread and serves /api/stats and history from the binary', async () => {
    await using daemon = await spawnDaemon(binary, ['--demo', '--interval', '500ms']);
    let ready = false;
    for (let i = 0; i < 200 && !ready; i++) {
      ready = ((await (await fetch(`${daemon.url}/api/health`)).json()) as { ready: boolean }).ready;
      if (!ready) await Bun.sleep(50);
    }
    expect(ready).toBe(true);
    const stats = (await (await fetch(`${daemon.url}/api/stats`)).json()) as {
      totals: { total_tokens: number; messages: number };
    };
    expect(stats.totals.total_tokens).toBeGreaterThan(0);
    expect(stats.totals.messages).toBeGreaterThan(0);
    const history = (await (await fetch(`${daemon.url}/api/metrics/history?range=1h`)).json()) as { points: unknown[] };
    expect(history.points.length).toBe(60);
  });

  it('stops cleanly on SIGTERM', async () => {
    const daemon = await spawnDaemon(binary, ['--demo']);
    daemon.proc.kill('SIGTERM');
    expect(await daemon.proc.exited).toBe(0);
  });
});
