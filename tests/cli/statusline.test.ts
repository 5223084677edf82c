// `cco statusline`: a line for every payload (real-shaped, old, garbage) within its budget, colours and widths, the
// spool it appends to, and --install/--uninstall on a temp HOME's settings.json.
import { describe, expect, it } from 'bun:test';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.ts';
import { main } from '../../src/cli/main.ts';
import type { Env } from '../../src/cli/io.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { tempDir } from '../helpers/temp.ts';

async function statusline(env: Env, stdin: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['statusline', ...args],
    { out: (t) => out.push(t), err: (t) => err.push(t), stdin: () => Promise.resolve(stdin) },
    main,
    env,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const RESET_S = Math.floor(Date.now() / 1000) + 2 * 3600 + 600;

function payload(home: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    session_id: 'sess-1',
    transcript_path: join(home, '.claude', 'projects', '-p', 'sess-1.jsonl'),
    cwd: '/home/ada/src/cco',
    version: '2.1.240',
    model: { id: 'claude-opus-4-8', display_name: 'Opus 4.8' },
    cost: { total_cost_usd: 1.23, total_duration_ms: 456000 },
    context_window: { total_input_tokens: 150000, context_window_size: 200000, used_percentage: 75 },
    rate_limits: {
      five_hour: { used_percentage: 42, resets_at: RESET_S },
      seven_day: { used_percentage: 63, resets_at: RESET_S + 86_400 },
    },
    effort: { level: 'high' },
    some_future_field: { nested: [1, 2] },
    ...extra,
  });
}

async function home() {
  const dir = await tempDir('cco-sl-');
  const env: Env = {
    HOME: dir.path,
    XDG_STATE_HOME: join(dir.path, 'state'),
    XDG_CONFIG_HOME: join(dir.path, 'config'),
    CCO_URL: 'http://127.0.0.1:9',
    NO_COLOR: '1',
  };
  await mkdir(join(dir.path, '.claude', 'projects', '-p'), { recursive: true });
  return { dir, env };
}

describe('cco statusline', () => {
  it('prints one line from a real-shaped payload with no daemon, computed from the transcript', async () => {
    const { dir, env } = await home();
    await using _ = dir;
    await writeFile(
      join(dir.path, '.claude', 'projects', '-p', 'sess-1.jsonl'),
      `${assistant({ id: 'm1', sessionId: 'sess-1', input: 1000, output: 1000, cacheWrite: 0, cacheRead: 0 })}\n`,
    );
    const r = await statusline(env, payload(dir.path));
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'Opus 4.8 (high) | $0.02 session | 5h 42% ↻2h10m | 7d 63% ↻1d02h | ctx 75% | cache 0% (no daemon)',
    );
    expect(r.out.split('\n')).toHaveLength(1);
  });

  it('appends each reported window to the spool in the state dir', async () => {
    const { dir, env } = await home();
    await using _ = dir;
    await statusline(env, payload(dir.path));
    const lines = (await readFile(join(dir.path, 'state', 'cco', 'limits.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).window)).toEqual(['five_hour', 'seven_day']);
  });

  it('still prints a line for an old payload (no context_window, no rate_limits), an epoch percentage, garbage or nothing', async () => {
    const { dir, env } = await home();
    await using _ = dir;
    const old = JSON.stringify({ session_id: 's', model: { display_name: 'Sonnet 4' }, cost: { total_cost_usd: 0.5 } });
    expect((await statusline(env, old)).out).toBe('Sonnet 4 | $0.50 session (no daemon)');
    const epoch = payload(dir.path, { rate_limits: { five_hour: { used_percentage: RESET_S, resets_at: RESET_S } } });
    expect((await statusline(env, epoch)).out).not.toContain('5h');
    for (const junk of [
      '',
      'not json',
      '[1,2]',
      '{"model":42,"cost":"x","context_window":null}',
      '\uFEFF{"model":{"id":"m"}}',
    ]) {
      const r = await statusline(env, junk);
      expect(r.code).toBe(0);
      expect(r.out.split('\n')).toHaveLength(1);
      expect(r.out.length).toBeGreaterThan(0);
    }
  });

  it('colours percentages by threshold unless NO_COLOR is set', async () => {
    const { dir, env } = await home();
    await using _ = dir;
    const coloured = await statusline(
      { ...env, NO_COLOR: undefined },
      payload(dir.path),
      '--segments',
      'five_hour,seven_day',
      '--warn-percent',
      '40',
      '--critical-percent',
      '60',
    );
    expect(coloured.out).toContain('\x1b[33m42%');
    expect(coloured.out).toContain('\x1b[31m63%');
    expect((await statusline(env, payload(dir.path), '--segments', 'five_hour')).out).not.toContain('\x1b[');
  });

  it('keeps the segments in the order asked for and drops from the end to fit COLUMNS', async () => {
    const { dir, env } = await home();
    await using _ = dir;
    const r = await statusline({ ...env, COLUMNS: '40' }, payload(dir.path), '--segments', 'context,model,seven_day');
    expect(r.out).toBe('ctx 75% | Opus 4.8 (high) (no daemon)');
    expect((await statusline(env, payload(dir.path), '--segments', 'bogus')).code).toBe(2);
  });

  it('reads its segments and thresholds from the config file', async () => {
    const { dir, env } = await home();
    await using _ = dir;
    await mkdir(join(dir.path, 'config', 'cco'), { recursive: true });
    await writeFile(
      join(dir.path, 'config', 'cco', 'config.toml'),
      '[statusline]\nsegments = ["seven_day", "model"]\nbudget = "150ms"\n',
    );
    expect((await statusline(env, payload(dir.path))).out).toBe('7d 63% ↻1d02h | Opus 4.8 (high) (no daemon)');
  });
});

describe('cco statusline --install / --uninstall', () => {
  it('adds the entry keeping other keys and the indentation, backs up, and removes it again', async () => {
    const { dir, env } = await home();
    await using _ = dir;
    const settings = join(dir.path, '.claude', 'settings.json');
    const original = '{\n    "model": "opus",\n    "permissions": {\n        "allow": ["Bash(ls)"]\n    }\n}\n';
    await writeFile(settings, original);
    const installed = await statusline(env, '', '--install');
    expect(installed.code).toBe(0);
    const doc = JSON.parse(await readFile(settings, 'utf8'));
    expect(doc.model).toBe('opus');
    expect(doc.permissions).toEqual({ allow: ['Bash(ls)'] });
    expect(doc.statusLine.type).toBe('command');
    expect(doc.statusLine.command).toEndWith(' statusline');
    expect(await readFile(settings, 'utf8')).toContain('\n    "statusLine": {');
    const backups = (await readdir(join(dir.path, '.claude'))).filter((f) => f.startsWith('settings.json.bak-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(dir.path, '.claude', backups[0] ?? ''), 'utf8')).toBe(original);
    expect((await statusline(env, '', '--uninstall')).code).toBe(0);
    const after = await readFile(settings, 'utf8');
    expect(JSON.parse(after)).toEqual(JSON.parse(original));
    expect(after).toStartWith('{\n    "model"');
  });

  it('refuses a settings file that is not valid JSON and leaves it untouched', async () => {
    const { dir, env } = await home();
    await using _ = dir;
    const settings = join(dir.path, '.claude', 'settings.json');
    await writeFile(settings, '{ "model": "opus", // a comment\n}');
    const r = await statusline(env, '', '--install');
    expect(r.code).toBe(1);
    expect(r.err).toContain('is not valid JSON');
    expect(await readFile(settings, 'utf8')).toBe('{ "model": "opus", // a comment\n}');
  });

  it("does not remove a statusLine that is not cco's", async () => {
    const { dir, env } = await home();
    await using _ = dir;
    const settings = join(dir.path, '.claude', 'settings.json');
    await writeFile(settings, '{"statusLine":{"type":"command","command":"~/bin/my-line"}}');
    expect((await statusline(env, '', '--uninstall')).code).toBe(1);
  });
});
