// `cco pricing` in-process: from a daemon (its /api/pricing), from the config file and the logs, and its errors.
import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PricingBody } from '../../src/client/types.ts';
import { priceOverridesFrom } from '../../src/pricing/index.ts';
import { assistantLine } from '../pricing/oracle-fixture.ts';
import { cliWith } from '../helpers/cli.ts';
import { startDemoDaemon } from '../helpers/demo-daemon.ts';
import { tempDir } from '../helpers/temp.ts';

const env = {
  PATH: process.env.PATH,
  HOME: '/nonexistent-home',
  TZ: 'UTC',
  NO_COLOR: '1',
  CCO_URL: 'http://127.0.0.1:9',
};
const tokens = { input: 100, output: 10, cacheCreation5m: 0, cacheCreation1h: 0, cacheRead: 0 };

async function fixture(dir: string): Promise<{ root: string; config: string }> {
  const root = join(dir, 'root');
  await mkdir(join(root, 'projects', '-home-x'), { recursive: true });
  const lines = ['claude-sonnet-5-5', 'claude-opus-5-5'].map((modelId, n) =>
    assistantLine({ modelId, tokens, breakdown: true, speed: 'standard' }, n, '2026-11-28T10:00:00.000Z'),
  );
  await writeFile(join(root, 'projects', '-home-x', 's1.jsonl'), `${lines.join('\n')}\n`);
  const config = join(dir, 'config.toml');
  await writeFile(
    config,
    '[[pricing."claude-sonnet-5-5"]]\ninput = 4\noutput = 20\n\n[[pricing."claude-sonnet-5-5"]]\ninput = 2\noutput = 10\nfrom = 2026-01-01\nuntil = 2026-03-31\n',
  );
  return { root, config };
}

describe('cco pricing', () => {
  it('prints the table in force from the config file and the logs, with the origin of each price and the unpriced models', async () => {
    await using dir = await tempDir('cco-pricing-cli-');
    const { root, config } = await fixture(dir.path);
    const r = await cliWith(env, 'pricing', '--data-dir', root, '--config', config);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`Prices in force · USD per million tokens · config file and logs in ${root}`);
    expect(lines[2]).toMatch(/^Model +Period +Input +Output +5m write +1h write +Read +>200k in\/out +Fast +Source$/);
    expect(lines.find((l) => l.startsWith('claude-sonnet-4-5 '))).toMatch(
      /\$3 +\$15 +\$3\.75 +\$6 +\$0\.3 +\$6 \/ \$22\.5 +embedded$/,
    );
    expect(lines.filter((l) => l.startsWith('claude-sonnet-5-5 '))).toEqual([
      expect.stringMatching(/^claude-sonnet-5-5 +\$4 +\$20 +\$5 +\$8 +\$0\.4 +config .*config\.toml$/),
      expect.stringMatching(
        /^claude-sonnet-5-5 +2026-01-01 – 2026-03-31 +\$2 +\$10 +\$2\.5 +\$4 +\$0\.2 +config .*config\.toml$/,
      ),
    ]);
    expect(lines.at(-1)).toBe(
      'Unpriced models (cost counted as 0; price them with [pricing."<model>"] in the config file): claude-opus-5-5',
    );
  });

  it('prints the /api/pricing JSON with --json', async () => {
    await using dir = await tempDir('cco-pricing-cli-');
    const { root, config } = await fixture(dir.path);
    const r = await cliWith(env, 'pricing', '--json', '--data-dir', root, '--config', config);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as PricingBody;
    expect(body.unpriced_models).toEqual(['claude-opus-5-5']);
    expect(body.models.filter((m) => m.model === 'claude-sonnet-5-5').map((m) => m.input)).toEqual([4, 2]);
  });

  it('asks the running daemon when there is one', async () => {
    const pricing = priceOverridesFrom({ pricing: { 'claude-sonnet-5-5': { input: 4, output: 20 } } }, '/srv/cco.toml');
    await using daemon = await startDemoDaemon(
      'cco-pricing-cli-',
      { now: Date.UTC(2026, 10, 28), sessions: 3, seed: 3 },
      { pricing },
    );
    const r = await cliWith(daemon.env(), 'pricing', '--json', '--url', daemon.base);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(await (await fetch(`${daemon.base}/api/pricing`)).json());
    expect((JSON.parse(r.out) as PricingBody).models.find((m) => m.model === 'claude-sonnet-5-5')?.sources.input).toBe(
      'config /srv/cco.toml',
    );
  });

  it('exits 2 with the key named when the config file has a bad price', async () => {
    await using dir = await tempDir('cco-pricing-cli-');
    const { root } = await fixture(dir.path);
    const config = join(dir.path, 'bad.toml');
    await writeFile(config, '[pricing."claude-x"]\ninput = "cheap"\noutput = 1\n');
    const r = await cliWith(env, 'pricing', '--data-dir', root, '--config', config);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${config}: pricing."claude-x".input must be a price in USD per million tokens`);
    expect(r.out).toBe('');
  });
});
