// Background threads (ingest, parsing) yield the CPU to the HTTP thread: on Linux, nice values are per thread, so the
// calling thread alone is lowered (`setpriority(PRIO_PROCESS, tid)`, which os.setPriority does). Elsewhere, or when
// the thread cannot be named, nothing changes.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Nice value of cco's background threads: they still get ~10% of a core the HTTP thread wants, and all of an idle one. */
export const BACKGROUND_NICE = 10;

/** The calling thread's kernel id, from /proc/thread-self (Linux ≥ 3.17); undefined elsewhere. */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Lowers the calling thread (only) to `nice`; returns whether it did. */
export function lowerThreadPriority(nice = BACKGROUND_NICE): boolean {
  const tid = currentThreadId();
  if (tid === undefined) return false;
  try {
    setPriority(tid, nice);
    return true;
  } catch {
    return false; // not permitted (e.g. a seccomp profile): run at the normal priority
  }
}
