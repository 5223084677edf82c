// What `cco daemon install` writes so the daemon starts with the machine: a systemd user unit (Linux) or a launchd
// agent (macOS), both running `cco serve` with the flags given, restarting it when it fails (not when it was stopped,
// nor on a usage error: serve exits 2 for a bad flag, and a restart cannot fix that).

/** The daemon as the service manager runs it. */
export interface ServiceSpec {
  /** Absolute argv: the cco executable (or bun and cco's entry), `serve`, then the serve flags. */
  readonly argv: readonly string[];
  /** Where relative paths in the flags are resolved. */
  readonly cwd: string;
  /** Variables the daemon needs from the installing shell (a service manager does not pass the shell's). */
  readonly env: Readonly<Record<string, string>>;
  /** Where the daemon's output goes, when the service manager needs a file (launchd). */
  readonly log: string;
}

export const SYSTEMD_UNIT_NAME = 'cco.service';
export const LAUNCHD_LABEL = 'dev.cco';

/** One word of a systemd command line: specifiers (`%`) and variables (`$`) kept literal, quoted when needed. */
function systemdWord(word: string): string {
  const literal = word.replaceAll('%', '%%').replaceAll('$', '$$$$');
  return /^[A-Za-z0-9_/.:=,@+-]+$/.test(literal)
    ? literal
    : `"${literal.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** The text of `~/.config/systemd/user/cco.service`. */
export function systemdUnit(spec: ServiceSpec): string {
  const env = Object.entries(spec.env).map(([k, v]) => `Environment=${systemdWord(`${k}=${v}`)}`);
  return [
    '[Unit]',
    'Description=cco: usage metrics for Claude Code',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${spec.argv.map(systemdWord).join(' ')}`,
    `WorkingDirectory=${systemdWord(spec.cwd)}`,
    ...env,
    'Restart=on-failure',
    'RestartSec=5',
    'RestartPreventExitStatus=2',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

const xml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const key = (name: string, value: string): string => `  <key>${xml(name)}</key>\n  ${value}`;
const str = (text: string): string => `<string>${xml(text)}</string>`;

/** The text of `~/Library/LaunchAgents/dev.cco.plist`. */
export function launchAgentPlist(spec: ServiceSpec): string {
  const env = Object.entries(spec.env);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    key('Label', str(LAUNCHD_LABEL)),
    key('ProgramArguments', `<array>\n${spec.argv.map((a) => `    ${str(a)}`).join('\n')}\n  </array>`),
    key('WorkingDirectory', str(spec.cwd)),
    ...(env.length > 0
      ? [
          key(
            'EnvironmentVariables',
            `<dict>\n${env.map(([k, v]) => `    <key>${xml(k)}</key>\n    ${str(v)}`).join('\n')}\n  </dict>`,
          ),
        ]
      : []),
    key('RunAtLoad', '<true/>'),
    // Restarted when it exits with a failure; a clean stop (SIGTERM: exit 0) stays stopped.
    key('KeepAlive', '<dict>\n    <key>SuccessfulExit</key>\n    <false/>\n  </dict>'),
    key('ThrottleInterval', '<integer>5</integer>'),
    key('ProcessType', str('Background')),
    key('StandardOutPath', str(spec.log)),
    key('StandardErrorPath', str(spec.log)),
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}
