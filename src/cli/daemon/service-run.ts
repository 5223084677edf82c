// Running the service manager's commands (systemctl, launchctl) for install and uninstall, and the shared pieces of
// both: the host, the spec of the service to write.
import { homedir } from 'node:os';
import { hostFacts, type HostFacts } from '../../platform/dirs.ts';
import type { Env } from '../io.ts';
import type { ServiceSpec } from './service-files.ts';
import { CARRIED_ENV, launchdLog, type Command } from './service-plan.ts';
import { selfCommand } from './self-command.ts';

/** This machine, with the home the command's environment names (HOME, else the OS's). */
export const serviceHost = (env: Env): HostFacts => hostFacts(env, env.HOME || homedir());

/** The service that runs `cco serve <serveArgs>`; a --token moves to CCO_TOKEN (command lines are public, the file is 0600). */
export function serviceSpec(host: HostFacts, serveArgs: readonly string[], cwd: string): ServiceSpec {
  const token = serveArgs.find((a) => a.startsWith('--token='))?.slice('--token='.length);
  const env: Record<string, string> = {};
  for (const name of CARRIED_ENV) {
    const value = host.env[name];
    if (value) env[name] = value;
  }
  if (token !== undefined) env.CCO_TOKEN = token;
  return {
    argv: [...selfCommand(), 'serve', ...serveArgs.filter((a) => !a.startsWith('--token='))],
    cwd,
    env,
    log: launchdLog(host),
  };
}

/** A command as a shell would read it. */
export const shown = (command: Command): string =>
  command.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`)).join(' ');

/** Runs one command; undefined when it succeeded, else why not (its first line of stderr, or that it is missing). */
export function runCommand(command: Command, env: Env): string | undefined {
  try {
    const proc = Bun.spawnSync([...command], {
      stdin: 'ignore',
      stdout: 'ignore',
      stderr: 'pipe',
      env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
    });
    if (proc.success) return undefined;
    const said = proc.stderr.toString().trim().split('\n')[0];
    return said || `exit code ${proc.exitCode}`;
  } catch {
    return `${command[0]} is not installed`;
  }
}
