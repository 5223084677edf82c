// The idle baseline: the least work that tells whether anything under a root changed. List every *.jsonl and stat it.
import { statSync } from 'node:fs';
import { listJsonl } from './raw-parse.ts';

/** Files stat-ed. The sizes are summed so the calls cannot be skipped. */
export function statWalk(projectsDir: string): { files: number; bytes: number } {
  let bytes = 0;
  const files = listJsonl(projectsDir);
  for (const path of files) bytes += statSync(path).size;
  return { files: files.length, bytes };
}
