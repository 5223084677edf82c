// Where this OS's service manager wants cco's service file and which commands enable and disable it: systemd (user
// unit) on Linux, launchd (user agent) on macOS; elsewhere a one-line "not supported yet" with what to do instead.
import { join } from 'node:path';
import { ccoDirs, type HostFacts } from '../../platform/dirs.ts';
import { LAUNCHD_LABEL, launchAgentPlist, SYSTEMD_UNIT_NAME, systemdUnit, type ServiceSpec } from './service-files.ts';

export type Command = readonly string[];

export interface ServicePlan {
  readonly kind: 'systemd' | 'launchd';
  readonly path: string;
  readonly text: string;
  /** 0600 when the text holds a token, else 0644. */
  readonly mode: number;
  /** Run after writing the file: enable it at login and start it now. */
  readonly enable: readonly Command[];
  /** Run before removing the file: stop it and disable it. */
  readonly disable: readonly Command[];
  /** Run after removing it. */
  readonly afterRemove: readonly Command[];
  /** Folders install may have made for the file, deepest first: uninstall removes those left empty. */
  readonly madeDirs: readonly string[];
  /** Where the daemon's output can be read. */
  readonly logs: string;
}

export interface Unsupported {
  readonly kind: 'unsupported';
  readonly message: string;
  readonly hint: string;
}

/** Variables of the installing shell that the daemon reads; a service manager would not pass them on. */
export const CARRIED_ENV = [
  'CLAUDE_CONFIG_DIR',
  'CCO_TOKEN',
  'CCO_INTERVAL',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'XDG_STATE_HOME',
] as const;

/** The service for `spec` on this host; `uid` names the macOS login session (`gui/<uid>`). */
export function servicePlan(host: HostFacts, spec: ServiceSpec, uid: number): ServicePlan | Unsupported {
  const mode = spec.env.CCO_TOKEN === undefined ? 0o644 : 0o600;
  if (host.platform === 'linux') {
    const config = host.env.XDG_CONFIG_HOME || join(host.home, '.config');
    const dir = join(config, 'systemd', 'user');
    const user = (...args: string[]): Command => ['systemctl', '--user', ...args];
    return {
      kind: 'systemd',
      path: join(dir, SYSTEMD_UNIT_NAME),
      text: systemdUnit(spec),
      mode,
      enable: [user('daemon-reload'), user('enable', '--now', SYSTEMD_UNIT_NAME)],
      disable: [user('disable', '--now', SYSTEMD_UNIT_NAME)],
      afterRemove: [user('daemon-reload')],
      madeDirs: [dir, join(config, 'systemd'), ...(host.env.XDG_CONFIG_HOME ? [] : [config])],
      logs: `journalctl --user -u ${SYSTEMD_UNIT_NAME}`,
    };
  }
  if (host.platform === 'darwin') {
    const path = join(host.home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
    return {
      kind: 'launchd',
      path,
      text: launchAgentPlist(spec),
      mode,
      enable: [['launchctl', 'bootstrap', `gui/${uid}`, path]],
      disable: [['launchctl', 'bootout', `gui/${uid}/${LAUNCHD_LABEL}`]],
      afterRemove: [],
      madeDirs: [],
      logs: spec.log,
    };
  }
  const serve = spec.argv.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
  return {
    kind: 'unsupported',
    message: `starting with the machine is not supported on ${host.platform} yet`,
    hint:
      host.platform === 'win32'
        ? `add a Task Scheduler entry yourself: schtasks /create /tn cco /sc onlogon /tr "${serve.replaceAll('"', '\\"')}"`
        : `have your init system run: ${serve}`,
  };
}

/** Where launchd writes the daemon's output: cco.log in cco's state folder. */
export const launchdLog = (host: HostFacts): string => join(ccoDirs(host).state, 'cco.log');
