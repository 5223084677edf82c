// Where cco keeps its files and where it looks for Claude Code's, per operating system: the one place these paths
// are computed. XDG variables win wherever they are set (users who set them expect it, on any OS); without them
// Linux uses the XDG defaults, macOS ~/Library (Application Support for the store, Logs for the daemon's log and
// state), Windows %LOCALAPPDATA%\cco. The config file stays in ~/.config/cco on macOS: it is edited by hand, like gh's.
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** The facts the paths depend on; passed in, so each OS's rules are testable on any machine. */
export interface HostFacts {
  readonly platform: NodeJS.Platform;
  readonly env: Env;
  /** The user's home (on Windows %USERPROFILE%). */
  readonly home: string;
}

/** cco's own folders. */
export interface CcoDirs {
  /** The store (`cco.db`). */
  readonly data: string;
  /** The daemon's pid file, record and log. */
  readonly state: string;
  /** Where `config.toml` (or `config.json`) is looked for. */
  readonly config: string;
}

/** The facts of the machine this runs on. */
export function hostFacts(env: Env = process.env, home: string = homedir()): HostFacts {
  return { platform: process.platform, env, home };
}

/** Path functions of that OS (backslashes on Windows, even when its rules are tested elsewhere). */
export const pathsOf = (platform: NodeJS.Platform): typeof posix => (platform === 'win32' ? win32 : posix);

const xdg = (host: HostFacts, name: 'XDG_DATA_HOME' | 'XDG_STATE_HOME' | 'XDG_CONFIG_HOME'): string | undefined => {
  const value = host.env[name];
  return value ? pathsOf(host.platform).join(pathsOf(host.platform).resolve(value), 'cco') : undefined;
};

/** %LOCALAPPDATA%, else its usual place under the profile. */
const localAppData = (host: HostFacts): string =>
  host.env.LOCALAPPDATA || win32.join(host.env.USERPROFILE || host.home, 'AppData', 'Local');

function defaults(host: HostFacts): CcoDirs {
  const { join } = pathsOf(host.platform);
  if (host.platform === 'win32') {
    const root = join(localAppData(host), 'cco');
    return { data: root, state: join(root, 'state'), config: root };
  }
  if (host.platform === 'darwin') {
    return {
      data: join(host.home, 'Library', 'Application Support', 'cco'),
      state: join(host.home, 'Library', 'Logs', 'cco'),
      config: join(host.home, '.config', 'cco'),
    };
  }
  return {
    data: join(host.home, '.local', 'share', 'cco'),
    state: join(host.home, '.local', 'state', 'cco'),
    config: join(host.home, '.config', 'cco'),
  };
}

/** cco's folders on this host: XDG_DATA_HOME / XDG_STATE_HOME / XDG_CONFIG_HOME when set, else the OS's defaults. */
export function ccoDirs(host: HostFacts): CcoDirs {
  const base = defaults(host);
  return {
    data: xdg(host, 'XDG_DATA_HOME') ?? base.data,
    state: xdg(host, 'XDG_STATE_HOME') ?? base.state,
    config: xdg(host, 'XDG_CONFIG_HOME') ?? base.config,
  };
}

/** Claude Code's data roots when CLAUDE_CONFIG_DIR names none: ~/.config/claude and ~/.claude on every OS. */
export function defaultClaudeRoots(host: HostFacts): string[] {
  const { join } = pathsOf(host.platform);
  const home = host.platform === 'win32' ? host.env.USERPROFILE || host.home : host.home;
  return [join(home, '.config', 'claude'), join(home, '.claude')];
}

/** How the defaults read in help texts on this OS. */
export function dirsHint(platform: NodeJS.Platform): CcoDirs {
  if (platform === 'win32')
    return { data: '%LOCALAPPDATA%\\cco', state: '%LOCALAPPDATA%\\cco\\state', config: '%LOCALAPPDATA%\\cco' };
  if (platform === 'darwin')
    return { data: '~/Library/Application Support/cco', state: '~/Library/Logs/cco', config: '~/.config/cco' };
  return { data: '~/.local/share/cco', state: '~/.local/state/cco', config: '~/.config/cco' };
}
