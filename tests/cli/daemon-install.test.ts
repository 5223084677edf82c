// `cco daemon install` / `uninstall`: the service file each OS's manager reads, checked by that manager's own tools
// where they run here (systemd-analyze), parsed where they do not (launchd's plist), and a round trip that leaves
// nothing behind. Enabling is left out (--no-enable): a test must not start services in the user's session.
import { describe, expect, it } from 'bun:test';
import { readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { selfCommand } from '../../src/cli/daemon/self-command.ts';
import { servicePlan } from '../../src/cli/daemon/service-plan.ts';
import { serviceSpec } from '../../src/cli/daemon/service-run.ts';
import { cliWith } from '../helpers/cli.ts';
import { parsePlist } from '../helpers/plist.ts';
import { skipBecause, withoutTool } from '../helpers/skip.ts';
import { tempDir } from '../helpers/temp.ts';

const SYSTEMD_ANALYZE = withoutTool('systemd-analyze', 'Debian: apt-get install systemd');

/** Every path under `dir`, relative. */
const tree = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

/** systemd's own check of a user unit: exit code and everything it said. */
async function verifyUnit(text: string): Promise<{ code: number; said: string }> {
  await using dir = await tempDir('cco-unit-');
  const unit = join(dir.path, 'cco.service');
  await writeFile(unit, text);
  const proc = Bun.spawn(['systemd-analyze', '--user', '--man=no', 'verify', unit], {
    stdout: 'pipe',
    stderr: 'pipe',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', XDG_RUNTIME_DIR: dir.path, HOME: dir.path },
  });
  const [code, out, err] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  return { code, said: `${out}${err}`.trim() };
}

describe.skipIf(process.platform !== 'linux')('cco daemon install on Linux', () => {
  it.skipIf(skipBecause('systemd-analyze verify of the unit', SYSTEMD_ANALYZE))(
    'prints with --dry-run a user unit that systemd-analyze verify accepts, and writes nothing',
    async () => {
      await using home = await tempDir('cco-home-');
      const r = await cliWith(
        { HOME: home.path, PATH: process.env.PATH },
        'daemon',
        'install',
        '--dry-run',
        '--port',
        '3999',
        '--data-dir',
        '/tmp/with space/100% $HOME "quoted"',
      );
      expect(r.code).toBe(0);
      expect(r.err).toContain(`would write ${join(home.path, '.config/systemd/user/cco.service')}`);
      expect(r.err).toContain('then run: systemctl --user enable --now cco.service');
      expect(r.out).toContain('Restart=on-failure');
      expect(r.out).toContain('WantedBy=default.target');
      expect(r.out).toContain(`ExecStart=${selfCommand().join(' ')} serve --port=3999 `);
      expect(r.out).toContain('"--data-dir=/tmp/with space/100%% $$HOME \\"quoted\\""');
      expect(await verifyUnit(r.out)).toEqual({ code: 0, said: '' });
      expect(tree(home.path)).toEqual([]);
    },
  );

  it.skipIf(skipBecause('systemd-analyze verify of a broken unit', SYSTEMD_ANALYZE))(
    'relies on a check that rejects a unit whose command cannot run',
    async () => {
      const verdict = await verifyUnit('[Service]\nExecStart=/nonexistent/cco serve\n');
      expect(verdict.code).not.toBe(0);
      expect(verdict.said).toContain('/nonexistent/cco');
    },
  );

  it('writes the unit, then uninstall removes it and the folders it made: nothing is left', async () => {
    await using home = await tempDir('cco-home-');
    const env = { HOME: home.path, PATH: process.env.PATH };
    const installed = await cliWith(env, 'daemon', 'install', '--no-enable', '--port', '3999');
    expect(installed).toMatchObject({ code: 0, err: '' });
    const unit = join(home.path, '.config/systemd/user/cco.service');
    expect(installed.out).toContain(`cco: wrote ${unit}`);
    expect(installed.out).toContain('to enable it: systemctl --user daemon-reload && systemctl --user enable --now');
    expect(await readFile(unit, 'utf8')).toContain('serve --port=3999');
    expect(statSync(unit).mode & 0o777).toBe(0o644);
    const removed = await cliWith(env, 'daemon', 'uninstall', '--no-disable');
    expect(removed).toEqual({ code: 0, out: `cco: removed ${unit}`, err: '' });
    expect(tree(home.path)).toEqual([]);
    expect(await cliWith(env, 'daemon', 'uninstall', '--no-disable')).toEqual({
      code: 0,
      out: `cco: nothing to remove: no ${unit}`,
      err: '',
    });
  });

  it('keeps a token off the command line: in the environment of a unit only its owner can read', async () => {
    await using home = await tempDir('cco-home-');
    const env = { HOME: home.path, PATH: process.env.PATH, CLAUDE_CONFIG_DIR: '/data/claude' };
    expect((await cliWith(env, 'daemon', 'install', '--no-enable', '--token', 's3cret-token-value')).code).toBe(0);
    const unit = join(home.path, '.config/systemd/user/cco.service');
    const text = await readFile(unit, 'utf8');
    expect(text).toContain('Environment=CCO_TOKEN=s3cret-token-value');
    expect(text).toContain('Environment=CLAUDE_CONFIG_DIR=/data/claude');
    expect(text.split('\n').find((l) => l.startsWith('ExecStart='))).not.toContain('s3cret');
    expect(statSync(unit).mode & 0o777).toBe(0o600);
    expect((await cliWith(env, 'daemon', 'uninstall', '--no-disable')).code).toBe(0);
  });

  it('rejects a bad serve flag as a usage error before writing anything', async () => {
    await using home = await tempDir('cco-home-');
    const r = await cliWith({ HOME: home.path }, 'daemon', 'install', '--no-enable', '--port', '99999');
    expect(r.code).toBe(2);
    expect(tree(home.path)).toEqual([]);
  });
});

describe('the launchd agent (macOS), written on any OS', () => {
  const host = {
    platform: 'darwin' as const,
    env: { CLAUDE_CONFIG_DIR: '/Users/ada/claude & co' },
    home: '/Users/ada',
  };

  it('is ~/Library/LaunchAgents/dev.cco.plist, a property list with the keys launchd needs', () => {
    const spec = serviceSpec(host, ['--port=3999', '--machine-label=<ada & mac>'], '/Users/ada');
    const plan = servicePlan(host, spec, 501);
    if (plan.kind !== 'launchd') throw new Error(`expected a launchd plan, got ${plan.kind}`);
    expect(plan.path).toBe('/Users/ada/Library/LaunchAgents/dev.cco.plist');
    expect(plan.enable).toEqual([['launchctl', 'bootstrap', 'gui/501', plan.path]]);
    expect(plan.disable).toEqual([['launchctl', 'bootout', 'gui/501/dev.cco']]);
    expect(parsePlist(plan.text)).toEqual({
      Label: 'dev.cco',
      ProgramArguments: [...selfCommand(), 'serve', '--port=3999', '--machine-label=<ada & mac>'],
      WorkingDirectory: '/Users/ada',
      EnvironmentVariables: { CLAUDE_CONFIG_DIR: '/Users/ada/claude & co' },
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      ThrottleInterval: 5,
      ProcessType: 'Background',
      StandardOutPath: '/Users/ada/Library/Logs/cco/cco.log',
      StandardErrorPath: '/Users/ada/Library/Logs/cco/cco.log',
    });
  });

  it('carries a token in EnvironmentVariables, not ProgramArguments, in a file only its owner can read', () => {
    const plan = servicePlan(host, serviceSpec(host, ['--token=s3cret'], '/Users/ada'), 501);
    if (plan.kind !== 'launchd') throw new Error('expected a launchd plan');
    const agent = parsePlist(plan.text) as { ProgramArguments: string[]; EnvironmentVariables: object };
    expect(agent.ProgramArguments.join(' ')).not.toContain('s3cret');
    expect(agent.EnvironmentVariables).toMatchObject({ CCO_TOKEN: 's3cret' });
    expect(plan.mode).toBe(0o600);
  });
});

describe('on Windows', () => {
  it('says in one line that it is not supported yet, with the Task Scheduler command to use instead', () => {
    const host = { platform: 'win32' as const, env: {}, home: 'C:\\Users\\ada' };
    const spec = { argv: ['C:\\cco\\cco.exe', 'serve', '--port=3999'], cwd: 'C:\\', env: {}, log: '' };
    expect(servicePlan(host, spec, 0)).toEqual({
      kind: 'unsupported',
      message: 'starting with the machine is not supported on win32 yet',
      hint: 'add a Task Scheduler entry yourself: schtasks /create /tn cco /sc onlogon /tr "C:\\cco\\cco.exe serve --port=3999"',
    });
  });
});
