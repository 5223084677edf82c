// Telling one process apart from every other that may later get its pid: its start time (and, on Linux, its
// executable), read from /proc where there is one and from `ps` elsewhere; and waiting for it to exit.
import { readFileSync, readlinkSync } from 'node:fs';

/** What `cco daemon start` records about the daemon it spawned, and what a later command compares. */
export interface ProcessIdentity {
  /** When it started, as its source tells it: `proc:<clock ticks since boot>` or `ps:<lstart text>` (1 s resolution). */
  readonly started: string;
  /** Its executable (Linux), when readable. */
  readonly exe?: string;
}

/** What runs under a pid: nothing (or a zombie), or a process; `identity` is undefined when no source could tell. */
export type ProcessLook =
  | { readonly state: 'gone' }
  | { readonly state: 'running'; readonly identity?: ProcessIdentity };

export interface ProcessInspector {
  look(pid: number): ProcessLook;
}

const GONE: ProcessLook = { state: 'gone' };

/** kill(pid, 0): false when no such process; EPERM means it runs (as another user). */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Linux: field 22 of /proc/<pid>/stat (start time after boot, clock ticks) and the /proc/<pid>/exe link. */
export function procfsInspector(root = '/proc'): ProcessInspector {
  return {
    look(pid) {
      if (!exists(pid)) return GONE;
      let stat: string;
      try {
        stat = readFileSync(`${root}/${pid}/stat`, 'utf8');
      } catch {
        return exists(pid) ? { state: 'running' } : GONE;
      }
      // The fields after the parenthesised command name (which may itself hold spaces or parentheses): state is the
      // first of them (field 3), the start time the twentieth (field 22).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0];
      if (state === 'Z' || state === 'X') return GONE;
      const ticks = fields[19];
      if (ticks === undefined || !/^\d+$/.test(ticks)) return { state: 'running' };
      let exe: string | undefined;
      try {
        exe = readlinkSync(`${root}/${pid}/exe`).replace(/ \(deleted\)$/, '');
      } catch {
        // another user's process, or a kernel thread: the start time alone
      }
      return { state: 'running', identity: { started: `proc:${ticks}`, ...(exe === undefined ? {} : { exe }) } };
    },
  };
}

/** Anywhere with POSIX `ps`: the state and start time (`lstart`, in the C locale so it reads the same every time). */
export function psInspector(): ProcessInspector {
  return {
    look(pid) {
      if (!exists(pid)) return GONE;
      let out = '';
      try {
        const proc = Bun.spawnSync(['ps', '-o', 'stat=', '-o', 'lstart=', '-p', String(pid)], {
          stdin: 'ignore',
          stdout: 'pipe',
          stderr: 'ignore',
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' },
        });
        if (!proc.success) return exists(pid) ? { state: 'running' } : GONE;
        out = proc.stdout.toString().trim();
      } catch {
        return { state: 'running' };
      }
      const [state = '', ...started] = out.split(/\s+/);
      if (state.startsWith('Z')) return GONE;
      return started.length > 0
        ? { state: 'running', identity: { started: `ps:${started.join(' ')}` } }
        : { state: 'running' };
    },
  };
}

/** /proc where the system has it, else `ps`. */
export function systemInspector(procRoot = '/proc'): ProcessInspector {
  let hasProc = false;
  try {
    hasProc = readFileSync(`${procRoot}/self/stat`, 'utf8').length > 0;
  } catch {
    // no procfs (macOS, BSD)
  }
  return hasProc ? procfsInspector(procRoot) : psInspector();
}

/** Whether what runs now is the process recorded: same start time (same source), same executable when both known. */
export function sameProcess(recorded: ProcessIdentity, seen: ProcessIdentity | undefined): boolean {
  if (seen === undefined || seen.started !== recorded.started) return false;
  return recorded.exe === undefined || seen.exe === undefined || recorded.exe === seen.exe;
}

/** Polls until that process is gone (its pid free, or another process's); false if it still runs after `timeoutMs`. */
export async function waitForExit(
  pid: number,
  identity: ProcessIdentity,
  inspector: ProcessInspector,
  timeoutMs: number,
  pollMs = 50,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const now = inspector.look(pid);
    if (now.state === 'gone' || !sameProcess(identity, now.identity)) return true;
    if (performance.now() >= deadline) return false;
    await Bun.sleep(pollMs);
  }
}
