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
