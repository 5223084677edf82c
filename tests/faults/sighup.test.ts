// SIGHUP to the compiled daemon: the config file is read again and its budgets and webhook apply at once (flags still
// win over it), one line says what changed; a broken file changes nothing, and the daemon keeps running. Only regular
// files of at most 1 MiB are read: a FIFO or a device at the path is refused at once, never read.
import { beforeAll, describe, expect, it } from 'bun:test';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assistant } from '../fixtures/log-lines.ts';
import { writeUnpricedRoot } from '../fixtures/unpriced-root.ts';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { tempDir } from '../helpers/temp.ts';
import { health, waitFor } from '../helpers/wait.ts';

const mkfifo = (path: string) => {
  const made = Bun.spawnSync(['mkfifo', path]);
  if (!made.success) throw new Error(`mkfifo ${path} failed`);
};

/** The last line the daemon wrote once there are more lines than `count` (each SIGHUP writes one). */
const lineAfter = async (daemon: { stderr(): string }, count: number, what: string) =>
  waitFor(
    async () => {
      const lines = daemon.stderr().trim().split('\n');
      return lines.length > count ? lines.at(-1) : undefined;
    },
    what,
    20_000,
  );

let binary = '';
beforeAll(async () => {
  binary = await compiledBinary();
}, 120_000);

interface Alerts {
  budgets: Record<string, number>;
  alerts: { budget: string }[];
}

const alerts = async (url: string) => (await (await fetch(`${url}/api/alerts`)).json()) as Alerts;

describe('SIGHUP', () => {
  it('reloads budgets and the webhook from the config file, keeps flags, and logs one line', async () => {
    await using dir = await tempDir('cco-sighup-');
    const root = join(dir.path, 'root');
    await mkdir(join(root, 'projects', '-p'), { recursive: true });
    // Spent today, whatever the hour: a daily budget below it alerts.
    await writeFile(
      join(root, 'projects', '-p', 's.jsonl'),
      `${assistant({ id: 'msg_today', requestId: 'req_today', timestamp: new Date().toISOString() })}\n`,
    );
    const config = join(dir.path, 'config.toml');
    await writeFile(config, '[budgets]\ndaily_usd = 1000\n');
    const posts: unknown[] = [];
    using hook = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: async (req) => (posts.push(await req.json()), new Response(null)),
    });

    await using daemon = await spawnDaemon(binary, [
      '--data-dir',
      root,
      '--no-persist',
      '--interval',
      '100ms',
      '--config',
      config,
      '--budget-block',
      '50',
    ]);
    await waitFor(async () => ((await health(daemon.url)).ready ? true : undefined), 'ready');
    expect((await alerts(daemon.url)).budgets).toEqual({ daily_usd: 1000, block_usd: 50 });

    await writeFile(
      config,
      `[budgets]\ndaily_usd = 0.0001\nmonthly_usd = 5000\nblock_usd = 1\n\n[alerts]\nwebhook = "http://127.0.0.1:${hook.port}/hook"\n`,
    );
    daemon.proc.kill('SIGHUP');
    await waitFor(async () => (daemon.stderr().includes('SIGHUP') ? true : undefined), 'the reload line');
    const lines = daemon.stderr().trim().split('\n');
    expect(lines.at(-1)).toBe(
      `cco: SIGHUP: reloaded ${config}: daily_usd 1000 → 0.0001, monthly_usd set to 5000, webhook set (http://127.0.0.1:${hook.port})`,
    );
    // The flag still wins over the file's block_usd; the lowered daily budget alerts at once, and through the new webhook.
    const after = await alerts(daemon.url);
    expect(after.budgets).toEqual({ daily_usd: 0.0001, monthly_usd: 5000, block_usd: 50 });
    expect(after.alerts.map((a) => a.budget)).toEqual(['daily_usd']);
    await waitFor(async () => (posts.length > 0 ? true : undefined), 'the webhook post');
    expect(posts).toEqual([
      expect.objectContaining({ event: 'cco.alert', alert: expect.objectContaining({ budget: 'daily_usd' }) }),
    ]);

    await writeFile(config, '[budgets]\ndaily_usd = "lots"\n');
    daemon.proc.kill('SIGHUP');
    await waitFor(async () => (daemon.stderr().includes('not reloaded') ? true : undefined), 'the refusal');
    expect(daemon.stderr().trim().split('\n').at(-1)).toMatch(
      /^cco: warning: SIGHUP: not reloaded, keeping the current settings: .*budgets\.daily_usd must be a number above 0/,
    );
    expect((await alerts(daemon.url)).budgets).toEqual({ daily_usd: 0.0001, monthly_usd: 5000, block_usd: 50 });
    expect((await health(daemon.url)).ready).toBe(true);
    daemon.proc.kill('SIGTERM');
    expect(await daemon.proc.exited).toBe(0);
  }, 60_000);

  it('refuses a FIFO or a device at the config path on SIGHUP without blocking routes or SIGTERM', async () => {
    await using dir = await tempDir('cco-sighup-');
    const root = join(dir.path, 'root');
    await mkdir(join(root, 'projects'), { recursive: true });
    const config = join(dir.path, 'config.toml');
    await writeFile(config, '[budgets]\ndaily_usd = 1000\n');
    await using daemon = await spawnDaemon(binary, [
      '--data-dir',
      root,
      '--no-persist',
      '--interval',
      '100ms',
      '--config',
      config,
    ]);
    await waitFor(async () => ((await health(daemon.url)).ready ? true : undefined), 'ready');

    // A FIFO with no writer: a blocking read would never return.
    await rm(config);
    mkfifo(config);
    let lines = daemon.stderr().trim().split('\n').length;
    daemon.proc.kill('SIGHUP');
    expect(await lineAfter(daemon, lines, 'the FIFO refusal')).toBe(
      `cco: warning: SIGHUP: not reloaded, keeping the current settings: config file ${config} is a FIFO, not a regular file`,
    );
    expect((await alerts(daemon.url)).budgets).toEqual({ daily_usd: 1000 });

    // A symlink to /dev/zero: an unbounded read would grow without end.
    await rm(config);
    await symlink('/dev/zero', config);
    lines = daemon.stderr().trim().split('\n').length;
    daemon.proc.kill('SIGHUP');
    expect(await lineAfter(daemon, lines, 'the device refusal')).toBe(
      `cco: warning: SIGHUP: not reloaded, keeping the current settings: config file ${config} is a device, not a regular file`,
    );

    // Over 1 MiB, and a symlink to a regular file (which is fine).
    await rm(config);
    await writeFile(join(dir.path, 'big.toml'), `# ${'x'.repeat(1024 * 1024)}\n`);
    await symlink(join(dir.path, 'big.toml'), config);
    lines = daemon.stderr().trim().split('\n').length;
    daemon.proc.kill('SIGHUP');
    expect(await lineAfter(daemon, lines, 'the size refusal')).toStartWith(
      `cco: warning: SIGHUP: not reloaded, keeping the current settings: config file ${config} is larger than 1 MiB`,
    );
    await rm(config);
    await writeFile(join(dir.path, 'real.toml'), '[budgets]\ndaily_usd = 7\n');
    await symlink(join(dir.path, 'real.toml'), config);
    lines = daemon.stderr().trim().split('\n').length;
    daemon.proc.kill('SIGHUP');
    expect(await lineAfter(daemon, lines, 'the reload')).toBe(`cco: SIGHUP: reloaded ${config}: daily_usd 1000 → 7`);

    expect((await health(daemon.url)).ready).toBe(true);
    daemon.proc.kill('SIGTERM');
    expect(await daemon.proc.exited).toBe(0);
  }, 60_000);

  it('refuses a FIFO as the config file at start with one line, exit 2', async () => {
    await using dir = await tempDir('cco-sighup-');
    const config = join(dir.path, 'config.toml');
    mkfifo(config);
    const proc = Bun.spawn([binary, 'serve', '--port', '0', '--no-persist', '--config', config], {
      stdout: 'pipe',
      stderr: 'pipe',
      timeout: 20_000,
    });
    const [code, err] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
    expect(err.trim()).toBe(`cco: config file ${config} is a FIFO, not a regular file`);
    expect(code).toBe(2);
  }, 30_000);

  it("reprices every counted response when the config file's prices change, in the ingest worker", async () => {
    await using dir = await tempDir('cco-sighup-');
    const { root, config } = await writeUnpricedRoot(dir.path, { input: 4, output: 20 });
    const cost = async (url: string) =>
      ((await (await fetch(`${url}/api/stats`)).json()) as { totals: { cost: number } }).totals.cost;

    await using daemon = await spawnDaemon(binary, [
      '--data-dir',
      root,
      '--no-persist',
      '--interval',
      '100ms',
      '--config',
      config,
    ]);
    await waitFor(async () => ((await health(daemon.url)).ready ? true : undefined), 'ready');
    expect(await cost(daemon.url)).toBeCloseTo(4, 9);

    await writeFile(config, '[pricing."claude-sonnet-5-5"]\ninput = 3\noutput = 15\n');
    daemon.proc.kill('SIGHUP');
    await waitFor(async () => (daemon.stderr().includes('SIGHUP') ? true : undefined), 'the reload line');
    expect(daemon.stderr().trim().split('\n').at(-1)).toBe(
      `cco: SIGHUP: reloaded ${config}: prices (1 override; every response repriced)`,
    );
    await waitFor(
      async () => (Math.abs((await cost(daemon.url)) - 3) < 1e-9 ? true : undefined),
      'the new price in /api/stats',
    );
    const pricing = (await (await fetch(`${daemon.url}/api/pricing`)).json()) as {
      models: { model: string; input: number }[];
    };
    expect(pricing.models.find((m) => m.model === 'claude-sonnet-5-5')?.input).toBe(3);
    daemon.proc.kill('SIGTERM');
    expect(await daemon.proc.exited).toBe(0);
  }, 60_000);
});
