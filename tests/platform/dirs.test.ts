// Where cco keeps its files and looks for Claude Code's, on each OS: the rules of every OS are checked here, and the
// commands that use them are checked on this machine.
import { describe, expect, it } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultDbPath } from '../../src/cli/serve.ts';
import { stateDir } from '../../src/cli/daemon/state.ts';
import { defaultConfigPaths } from '../../src/config/config-file.ts';
import { resolveDataRoots } from '../../src/ingest/data-roots.ts';
import { ccoDirs, defaultClaudeRoots, hostFacts } from '../../src/platform/dirs.ts';
import { tempDir } from '../helpers/temp.ts';

describe('cco folders', () => {
  it('follows the XDG defaults on Linux', () => {
    expect(ccoDirs({ platform: 'linux', env: {}, home: '/home/ada' })).toEqual({
      data: '/home/ada/.local/share/cco',
      state: '/home/ada/.local/state/cco',
      config: '/home/ada/.config/cco',
    });
  });

  it('uses ~/Library on macOS: Application Support for the store, Logs for the log and state; config in ~/.config', () => {
    expect(ccoDirs({ platform: 'darwin', env: {}, home: '/Users/ada' })).toEqual({
      data: '/Users/ada/Library/Application Support/cco',
      state: '/Users/ada/Library/Logs/cco',
      config: '/Users/ada/.config/cco',
    });
  });

  it('uses %LOCALAPPDATA%\\cco on Windows, else AppData\\Local under the profile', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local', USERPROFILE: 'C:\\Users\\ada' };
    expect(ccoDirs({ platform: 'win32', env, home: 'C:\\Users\\ada' })).toEqual({
      data: 'C:\\Users\\ada\\AppData\\Local\\cco',
      state: 'C:\\Users\\ada\\AppData\\Local\\cco\\state',
      config: 'C:\\Users\\ada\\AppData\\Local\\cco',
    });
    expect(ccoDirs({ platform: 'win32', env: { USERPROFILE: 'D:\\ada' }, home: 'C:\\x' }).data).toBe(
      'D:\\ada\\AppData\\Local\\cco',
    );
  });

  it('lets XDG variables win on every OS', () => {
    const env = { XDG_DATA_HOME: '/x/data', XDG_STATE_HOME: '/x/state', XDG_CONFIG_HOME: '/x/config' };
    for (const platform of ['linux', 'darwin', 'freebsd'] as const) {
      expect(ccoDirs({ platform, env, home: '/h' })).toEqual({
        data: '/x/data/cco',
        state: '/x/state/cco',
        config: '/x/config/cco',
      });
    }
    expect(ccoDirs({ platform: 'win32', env: { XDG_STATE_HOME: 'C:\\xdg' }, home: 'C:\\h' }).state).toBe(
      'C:\\xdg\\cco',
    );
  });

  it('ignores an empty XDG variable', () => {
    expect(ccoDirs({ platform: 'linux', env: { XDG_DATA_HOME: '' }, home: '/h' }).data).toBe('/h/.local/share/cco');
  });
});

describe('Claude Code data roots', () => {
  it('are ~/.config/claude and ~/.claude on Linux and macOS, and under %USERPROFILE% on Windows', () => {
    expect(defaultClaudeRoots({ platform: 'linux', env: {}, home: '/home/ada' })).toEqual([
      '/home/ada/.config/claude',
      '/home/ada/.claude',
    ]);
    expect(defaultClaudeRoots({ platform: 'darwin', env: {}, home: '/Users/ada' })).toEqual([
      '/Users/ada/.config/claude',
      '/Users/ada/.claude',
    ]);
    expect(defaultClaudeRoots({ platform: 'win32', env: { USERPROFILE: 'C:\\Users\\ada' }, home: 'C:\\x' })).toEqual([
      'C:\\Users\\ada\\.config\\claude',
      'C:\\Users\\ada\\.claude',
    ]);
  });
});

describe('on this machine', () => {
  const here = (env: Record<string, string>, home: string) => ccoDirs(hostFacts(env, home));

  it('puts the store, the state and the config file where platform/dirs.ts says', () => {
    const env = { XDG_DATA_HOME: '/x/d' };
    expect(defaultDbPath(env, '/h')).toBe(join(here(env, '/h').data, 'cco.db'));
    expect(defaultDbPath({}, '/h')).toBe(join(here({}, '/h').data, 'cco.db'));
    expect(stateDir(undefined, {}, '/h')).toBe(here({}, '/h').state);
    expect(stateDir(undefined, { CCO_STATE_DIR: '/s' }, '/h')).toBe('/s');
    expect(defaultConfigPaths({}, '/h')).toEqual([
      join(here({}, '/h').config, 'config.toml'),
      join(here({}, '/h').config, 'config.json'),
    ]);
  });

  it('finds Claude Code data in the default roots of this OS', async () => {
    await using home = await tempDir();
    const [first, second] = defaultClaudeRoots(hostFacts({}, home.path));
    if (!first || !second) throw new Error('two default roots');
    await mkdir(join(second, 'projects'), { recursive: true });
    expect(resolveDataRoots({ env: {}, home: home.path }).map((r) => r.root)).toEqual([second]);
    await mkdir(join(first, 'projects'), { recursive: true });
    expect(resolveDataRoots({ env: {}, home: home.path }).map((r) => r.root)).toEqual([first, second]);
  });
});
