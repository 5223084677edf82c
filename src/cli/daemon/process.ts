// Is a pid a live cco daemon? Signals, zombies and pid reuse (Linux: /proc), and waiting for an exit.
import { readFileSync } from 'node:fs';

const procText = (pid: number, file: string): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
};

/** `ours`: runs and looks like `cco serve`; `gone`: no such process (or a zombie); `other`: the pid now belongs to something else. */
export type PidState = 'ours' | 'gone' | 'other';

/**
 * What runs under `pid`. A pid another user owns (EPERM) or (where /proc exists) a process whose command line has no
 * `serve` argument is not ours: the pid was reused.
 */
export function pidState(pid: number): PidState {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM' ? 'other' : 'gone';
  }
  const stat = procText(pid, 'stat');
  if (stat !== undefined) {
    // Field 3, after the parenthesised command name (which may itself hold spaces or parentheses).
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return 'gone';
    const cmdline = procText(pid, 'cmdline');
    if (cmdline !== undefined && !cmdline.split('\0').includes('serve')) return 'other';
  }
  return 'ours';
}

export const isDaemonProcess = (pid: number): boolean => pidState(pid) === 'ours';

/** Polls until the process is gone; false if it still runs after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number, pollMs = 50): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (isDaemonProcess(pid)) {
    if (performance.now() >= deadline) return false;
    await Bun.sleep(pollMs);
  }
  return true;
}

/** Sends a signal; false when the process was already gone. */
export function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}
