// Budgets from the config file (TOML or JSON) and from serve's flags, which win; bad settings are usage errors.
import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { symlink } from 'node:fs/promises';
import { loadConfigFile } from '../../src/config/config-file.ts';
import { readConfigText, readConfigTextSync } from '../../src/config/config-text.ts';
import { alertConfigFromFlags } from '../../src/cli/budget-flags.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

describe('alert config', () => {
  it('reads [budgets] and [alerts] from ~/.config/cco/config.toml', async () => {
    await using home = await tempDir('cco-home-');
    await mkdir(join(home.path, '.config', 'cco'), { recursive: true });
    await writeFile(
      join(home.path, '.config', 'cco', 'config.toml'),
      [
        '[budgets]',
        'daily_usd = 20',
        'monthly_usd = 300.5',
        'block_tokens = 50_000_000',
        '',
        '[alerts]',
        'webhook = "https://hooks.example/cco"',
      ].join('\n'),
    );
    expect(alertConfigFromFlags({}, {}, home.path)).toEqual({
      budgets: { daily_usd: 20, monthly_usd: 300.5, block_tokens: 50_000_000 },
      webhook: 'https://hooks.example/cco',
    });
  });

  it('reads a JSON file named with --config (or found under XDG_CONFIG_HOME), and lets flags win', async () => {
    await using dir = await tempDir('cco-config-');
    const file = join(dir.path, 'budgets.json');
    await writeFile(file, JSON.stringify({ budgets: { daily_usd: 5, block_usd: 3 } }));
    expect(
      alertConfigFromFlags(
        { config: file, 'budget-daily': '7.5', webhook: 'http://127.0.0.1:9/x' },
        {},
        '/nonexistent',
      ),
    ).toEqual({
      budgets: { daily_usd: 7.5, block_usd: 3 },
      webhook: 'http://127.0.0.1:9/x',
    });
    await mkdir(join(dir.path, 'xdg', 'cco'), { recursive: true });
    await writeFile(join(dir.path, 'xdg', 'cco', 'config.json'), JSON.stringify({ budgets: { monthly_usd: 9 } }));
    expect(alertConfigFromFlags({}, { XDG_CONFIG_HOME: join(dir.path, 'xdg') }, '/nonexistent')).toEqual({
      budgets: { monthly_usd: 9 },
    });
  });

  it('has no budgets when there is no file and no flag', () => {
    expect(alertConfigFromFlags({}, {}, '/nonexistent')).toEqual({ budgets: {} });
  });

  it.each([
    ['[budgets]\ndaily_usd = -1', 'budgets.daily_usd must be a number above 0'],
    ['[budgets]\nweekly_usd = 1', "unknown budget 'weekly_usd'"],
    ['[alerts]\nwebhook = "ftp://x"', 'alerts.webhook must be an http(s) URL'],
    [
      '[budget]\ndaily_usd = 1',
      "unknown section 'budget' (expected budgets, alerts, pricing, allowed_hosts, statusline, remote_write)",
    ],
    ['allowed_hosts = "x.com"', 'allowed_hosts must be a list of host names'],
    ['[budgets\n', 'is not valid TOML'],
  ])('refuses %p', async (text, message) => {
    await using dir = await tempDir('cco-config-');
    const file = join(dir.path, 'config.toml');
    await writeFile(file, text);
    expect(() => alertConfigFromFlags({ config: file }, {}, '/nonexistent')).toThrow(message);
  });

  it.each([
    [['serve', '--budget-daily', 'lots'], '--budget-daily must be a number above 0'],
    [['serve', '--webhook', 'not a url'], '--webhook must be an http(s) URL'],
    [['serve', '--config', '/nonexistent/cco.toml'], 'cannot read config file /nonexistent/cco.toml: ENOENT'],
  ])('cco %p exits 2 with one line', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('reads allowed_hosts beside the alert sections', async () => {
    await using dir = await tempDir('cco-config-');
    const file = join(dir.path, 'config.toml');
    await writeFile(file, 'allowed_hosts = ["my-laptop", ".lan"]\n\n[budgets]\ndaily_usd = 2\n');
    expect(loadConfigFile(file, {}, '/nonexistent')).toEqual({
      alerts: { budgets: { daily_usd: 2 } },
      pricing: [],
      allowedHosts: ['my-laptop', '.lan'],
      statusline: {},
      path: file,
    });
  });

  it('reads a config file through a symlink to a regular file', async () => {
    await using dir = await tempDir('cco-config-');
    await writeFile(join(dir.path, 'real.toml'), '[budgets]\ndaily_usd = 3\n');
    await symlink(join(dir.path, 'real.toml'), join(dir.path, 'config.toml'));
    expect(alertConfigFromFlags({ config: join(dir.path, 'config.toml') }, {}, '/nonexistent')).toEqual({
      budgets: { daily_usd: 3 },
    });
  });

  it('refuses a directory and a file over 1 MiB as the config file', async () => {
    await using dir = await tempDir('cco-config-');
    expect(() => alertConfigFromFlags({ config: dir.path }, {}, '/nonexistent')).toThrow(
      `config file ${dir.path} is a directory, not a regular file`,
    );
    const big = join(dir.path, 'big.toml');
    await writeFile(big, `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(() => alertConfigFromFlags({ config: big }, {}, '/nonexistent')).toThrow(
      `config file ${big} is larger than 1 MiB`,
    );
  });

  it('refuses a FIFO and a device without reading them, synchronously and not', async () => {
    await using dir = await tempDir('cco-config-');
    const fifo = join(dir.path, 'fifo.toml');
    expect(Bun.spawnSync(['mkfifo', fifo]).success).toBe(true);
    const zero = join(dir.path, 'zero.toml');
    await symlink('/dev/zero', zero);
    expect(() => readConfigTextSync(fifo)).toThrow(`config file ${fifo} is a FIFO, not a regular file`);
    await expect(readConfigText(fifo)).rejects.toThrow(`config file ${fifo} is a FIFO, not a regular file`);
    expect(() => readConfigTextSync(zero)).toThrow(`config file ${zero} is a device, not a regular file`);
    await expect(readConfigText(zero)).rejects.toThrow(`config file ${zero} is a device, not a regular file`);
  });
});
