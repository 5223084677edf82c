// `cco blocks` in-process: against a daemon on a real socket, from the logs (checked against ccusage), and errors.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import type { BlocksBody } from '../../src/client/types.ts';
import { ccusage } from '../helpers/ccusage.ts';
import { cliWith } from '../helpers/cli.ts';
import { startDemoDaemon, type DemoDaemon } from '../helpers/demo-daemon.ts';
import { tempDir } from '../helpers/temp.ts';
import { write2026Root } from '../fixtures/root-2026.ts';

let daemon: DemoDaemon;
/** On the hour, from the real clock: `--data-dir` and ccusage both judge activity by it. */
const NOW = Math.floor(Date.now() / 3_600_000) * 3_600_000;

beforeAll(async () => {
  daemon = await startDemoDaemon('cco-blocks-cli-', { now: NOW, sessions: 30, seed: 7 }, { now: Date.now() });
});

afterAll(() => daemon[Symbol.asyncDispose]());

const env = (extra: Record<string, string> = {}) => daemon.env(extra);

describe('cco blocks', () => {
  it('prints the JSON of /api/blocks with --json, and --recent narrows it', async () => {
    const all = await cliWith(env(), 'blocks', '--json', '--url', daemon.base);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.out)).toEqual(await (await fetch(`${daemon.base}/api/blocks`)).json());
    const recent = await cliWith(env(), 'blocks', '--json', '--recent', '--url', daemon.base);
    expect(JSON.parse(recent.out)).toEqual(await (await fetch(`${daemon.base}/api/blocks?recent=true`)).json());
  });

  it("prints a table of blocks and the active block's burn rate and projection", async () => {
    const r = await cliWith(env(), 'blocks', '--url', daemon.base);
    expect(r.code).toBe(0);
    const body = (await (await fetch(`${daemon.base}/api/blocks`)).json()) as BlocksBody;
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`Claude Code 5-hour blocks · daemon at ${daemon.base} · local time`);
    expect(lines[2]).toMatch(/^Block start +Status +Entries +Tokens +Cost +Models$/);
    expect(lines.filter((l) => / (done|ACTIVE|gap) /.test(l))).toHaveLength(body.blocks.length);
    expect(r.out).toContain('ACTIVE');
    expect(r.out).toMatch(/burn rate +[\d,]+ tokens\/min · \$[\d,.]+\/h/);
    expect(r.out).toMatch(/projected +[\d,]+ tokens · \$[\d,.]+ at the end of the block/);
  });

  it('computes the blocks from the logs with --data-dir, the same as ccusage', async () => {
    const r = await cliWith(env(), 'blocks', '--json', '--data-dir', daemon.root);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as BlocksBody;
    const oracle = (
      await ccusage<{ blocks: { id: string; isGap: boolean; entries: number; totalTokens: number }[] }>(
        daemon.root,
        'blocks',
      )
    ).blocks;
    expect(body.blocks.filter((b) => !b.is_gap).map((b) => [b.id, b.entries, b.total_tokens])).toEqual(
      oracle.filter((o) => !o.isGap).map((o) => [o.id, o.entries, o.totalTokens]),
    );
  });

  it('marks a block where the usage limit was reached, with its reset time from the logs', async () => {
    await using dir = await tempDir('cco-blocks-limit-');
    await write2026Root(dir.path, { shapes: ['usage-limit'], perShape: 1 });
    const json = JSON.parse((await cliWith(env(), 'blocks', '--json', '--data-dir', dir.path)).out) as BlocksBody;
    expect(json.blocks.map((b) => b.usage_limit_reset_time)).toEqual(['2026-11-20T15:00:00.000Z']);
    const r = await cliWith(env(), 'blocks', '--data-dir', dir.path);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/done · limit/);
  });

  it('exits 1 with one line when the daemon named by --url does not answer', async () => {
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('') });
    const port = server.port;
    server.stop(true);
    const r = await cliWith(env(), 'blocks', '--url', `http://127.0.0.1:${port}`);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toContain(`no daemon answering at http://127.0.0.1:${port}`);
  });
});
