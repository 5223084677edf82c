// Where the app listens: a unix socket in a folder of its own under the temp dir, readable by this user only (mkdtemp
// makes it 0700). The folder's name carries the daemon's pid, so folders left by daemons that were killed outright
// (SIGKILL, a crash: no chance to remove them) are recognised and swept by the next daemon of the same user. On
// Windows, where unix sockets are not a given, the app takes a port on the loopback address instead.
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const PREFIX = 'cco-app-';
const NAME = /^cco-app-(\d+)-[A-Za-z0-9]+$/;

/** A unix socket, or a port on 127.0.0.1. */
export type AppListener = 'unix' | 'loopback';

/** The app's listener on this OS: a unix socket everywhere but Windows. */
export const defaultAppListener = (platform: NodeJS.Platform): AppListener =>
  platform === 'win32' ? 'loopback' : 'unix';

export interface AppSocketDir {
  readonly dir: string;
  readonly socket: string;
  remove(): void;
}

export function createAppSocketDir(tmp: string): AppSocketDir {
  const dir = mkdtempSync(join(tmp, `${PREFIX}${process.pid}-`));
  return { dir, socket: join(dir, 'app.sock'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whether a process with this pid exists (EPERM: it does, and belongs to someone else). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * Removes the socket folders in `tmp` that this user's daemons left behind when they died without cleaning up: ours
 * (same uid), named by `createAppSocketDir`, whose pid no longer runs. Never throws; returns how many it removed.
 * (A reused pid only keeps a stale folder a while longer.)
 */
export function sweepStaleSocketDirs(tmp: string): number {
  let removed = 0;
  const uid = process.getuid?.();
  let names: string[];
  try {
    names = readdirSync(tmp);
  } catch {
    return 0;
  }
  for (const name of names) {
    const match = NAME.exec(name);
    const pid = Number(match?.[1]);
    if (!match || pid === process.pid || isRunning(pid)) continue;
    const dir = join(tmp, name);
    try {
      const st = lstatSync(dir);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      rmSync(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // vanished or not ours to remove: leave it
    }
  }
  return removed;
}
