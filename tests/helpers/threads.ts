// The threads of a running process as Linux shows them: nice value by thread id (field 19 of /proc/PID/task/TID/stat).
import { readdirSync, readFileSync } from 'node:fs';

export function threadNice(pid: number): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nice;
}

/** The most threads seen at each nice value, sampling every `everyMs` until `done` resolves true. */
export async function mostThreadsByNice(
  pid: number,
  done: () => Promise<boolean>,
  everyMs = 5,
): Promise<Map<number, number>> {
  const most = new Map<number, number>();
  for (;;) {
    const counts = new Map<number, number>();
    try {
      for (const n of threadNice(pid).values()) counts.set(n, (counts.get(n) ?? 0) + 1);
    } catch {
      // (a thread that ended between listing and reading)
    }
    for (const [n, c] of counts) most.set(n, Math.max(most.get(n) ?? 0, c));
    if (await done()) return most;
    await Bun.sleep(everyMs);
  }
}
