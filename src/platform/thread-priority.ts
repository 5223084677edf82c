// Background threads (ingest, parsing) yield the CPU to the HTTP thread: on Linux, nice values are per thread, so the
// calling thread alone is lowered (`setpriority(PRIO_PROCESS, tid)`, which os.setPriority does). Elsewhere (macOS,
// Windows: no /proc/thread-self) nothing changes: there os.setPriority could only lower the whole process, HTTP
// thread included, which is the opposite of the point.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Nice value of cco's background threads: they still get ~10% of a core the HTTP thread wants, and all of an idle one. */
export const BACKGROUND_NICE = 10;

/**
 * Nice value of the parse workers of a cold start: the lowest. They read with readSync and never wait, so at nice 10
 * they kept both cores busy and `/api/health` p99 during a 1 GB cold ingest under wrk rose from ~4.2 to ~5.4 ms; at
 * 19 it was 3.7–4.0 ms. They still get every core nothing else wants, and the thread merging their output (nice
 * 10) comes first, which is where a cold start's pipeline waits anyway.
 */
export const PARSE_NICE = 19;

/** Where Linux (≥ 3.17) names the calling thread; a parameter so tests can take it away. */
export const THREAD_SELF = '/proc/thread-self';

/** The calling thread's kernel id, from `threadSelf`; undefined where there is no such link. */
export function currentThreadId(threadSelf: string = THREAD_SELF): number | undefined {
  try {
    const tid = Number(readlinkSync(threadSelf).split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Lowers the calling thread (only) to `nice`; returns whether it did (false, and nothing lowered, off Linux). */
export function lowerThreadPriority(nice = BACKGROUND_NICE, threadSelf: string = THREAD_SELF): boolean {
  const tid = currentThreadId(threadSelf);
  if (tid === undefined) return false;
  try {
    setPriority(tid, nice);
    return true;
  } catch {
    return false; // not permitted (e.g. a seccomp profile): run at the normal priority
  }
}
