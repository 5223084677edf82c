// The compiled binary's `cco statusline` against a running compiled daemon: one line with the daemon's figures, and
// the payload's plan limits reaching `cco limits` through the spool.
import { beforeAll, describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { health, waitFor } from '../helpers/wait.ts';
import { tempDir } from '../helpers/temp.ts';
import { assistant } from '../fixtures/log-lines.ts';

let binary = '';
beforeAll(async () => {
  binary = await compiledBinary();
}, 120_000);

async function run(args: string[], env: Record<string, string>, stdin = '') {
  const proc = Bun.spawn([binary, ...args], {
    stdin: new TextEncoder().encode(stdin),
    stdout: 'pipe',
    stderr: 'pipe',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  const [code, out, err] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  return { code, out, err };
}

describe('compiled cco statusline', () => {
  it("prints the daemon's session, today and block figures and records the payload's limits", async () => {
    await using dir = await tempDir();
    const project = join(dir.path, 'claude', 'projects', '-home-ada-src-cco');
    await mkdir(project, { recursive: true });
    const now = new Date();
    const transcript = join(project, 'sess-1.jsonl');
    await writeFile(
      transcript,
      `${assistant({ id: 'm1', requestId: 'r1', sessionId: 'sess-1', timestamp: new Date(now.getTime() - 60_000).toISOString(), input: 1000, output: 1000, cacheWrite: 0, cacheRead: 0 })}\n`,
    );
    const env = {
      HOME: dir.path,
      XDG_STATE_HOME: join(dir.path, 'state'),
      XDG_DATA_HOME: join(dir.path, 'data'),
      XDG_CONFIG_HOME: join(dir.path, 'config'),
      NO_COLOR: '1',
    };
    await using daemon = await spawnDaemon(
      binary,
      ['--data-dir', join(dir.path, 'claude'), '--interval', '200ms'],
      env,
    );
    // (the line's today and block come from the daemon's figures: wait for its first ingest)
    await waitFor(async () => ((await health(daemon.url)).ready ? true : undefined), 'the first ingest');
    const ccoEnv = { ...env, CCO_URL: daemon.url };
    const resets = Math.floor(now.getTime() / 1000) + 3600;
    const payload = JSON.stringify({
      session_id: 'sess-1',
      transcript_path: transcript,
      model: { display_name: 'Sonnet 4.5' },
      rate_limits: { five_hour: { used_percentage: 81, resets_at: resets } },
    });
    let line = '';
    for (let i = 0; i < 50 && !line.includes('today'); i++) {
      const r = await run(['statusline', '--budget', '2s'], ccoEnv, payload);
      expect(r.code).toBe(0);
      line = r.out.trim();
      if (!line.includes('today')) await Bun.sleep(100);
    }
    expect(line).toStartWith('Sonnet 4.5 | $0.02 session | $0.02 today | $0.02 block');
    expect(line).toContain('5h 81%');
    expect(line).not.toContain('no daemon');
    let limits = { current: [] as { window: string; used_percent: number }[] };
    for (let i = 0; i < 50 && limits.current.length === 0; i++) {
      limits = JSON.parse((await run(['limits', '--json'], ccoEnv)).out);
      if (limits.current.length === 0) await Bun.sleep(100);
    }
    expect(limits.current.map((c) => [c.window, c.used_percent])).toEqual([['five_hour', 81]]);
    const alerts = (await (await fetch(`${daemon.url}/api/alerts`)).json()) as {
      alerts: { budget: string; limit: number }[];
    };
    expect(alerts.alerts.map((a) => [a.budget, a.limit])).toEqual([['five_hour_percent', 80]]);
  }, 60_000);

  it('says (no daemon) and exits 0 when none answers', async () => {
    await using dir = await tempDir();
    const r = await run(
      ['statusline'],
      { HOME: dir.path, XDG_STATE_HOME: join(dir.path, 's'), CCO_URL: 'http://127.0.0.1:9', NO_COLOR: '1' },
      '{"model":{"display_name":"Opus"}}',
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe('Opus (no daemon)\n');
  }, 30_000);
});
