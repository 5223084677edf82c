// The soak's writer: live transcripts in a data root, appended at a steady rate of whole lines, round-robin over the
// files, the way Claude Code sessions grow. Every line is a realistic assistant line (bench/lib/append-lines.ts) with
// message ids of its own file's seed, so each one counts, stamped with the time it is written, as a live session's.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assistantLines } from './lib/append-lines.ts';
import { nowMs } from './lib/timing.ts';

export interface SoakRootOptions {
  readonly files: number;
  readonly projects: number;
  /** Lines each file starts with (the backlog the daemon ingests before the soak starts). */
  readonly backlogLines: number;
  /** Lines each file will have appended over the soak. */
  readonly appendLines: number;
  /** Epoch ms; every line's timestamp is at most this. */
  readonly now: number;
}

export interface SoakRoot {
  readonly root: string;
  readonly files: readonly string[];
  /** Per file, the lines still to append, each ending in '\n'. */
  readonly pending: readonly (readonly string[])[];
  readonly backlogBytes: number;
}

/** Whole lines of file `index`'s own seeds, at least `count` of them. */
function linesFor(index: number, count: number, now: number): string[] {
  const lines: string[] = [];
  for (let round = 0; lines.length < count; round++) {
    const batch = assistantLines(Math.max(64 << 10, (count - lines.length) * 1_100), {
      seed: 10_000 + index * 100 + round,
      sessionId: `soak-session-${index}`,
      cwd: `/home/ada/src/soak-${index % 97}`,
      now,
    });
    for (const line of batch.text.split('\n')) if (line !== '') lines.push(`${line}\n`);
  }
  return lines.slice(0, count);
}

/** Writes the backlog of every file under `dir/projects/…` and keeps the rest of the lines for the appender. */
export function createSoakRoot(dir: string, o: SoakRootOptions): SoakRoot {
  const files: string[] = [];
  const pending: string[][] = [];
  let backlogBytes = 0;
  for (let i = 0; i < o.files; i++) {
    const project = join(dir, 'projects', `-home-ada-src-soak-${i % o.projects}`);
    mkdirSync(project, { recursive: true });
    const file = join(project, `soak-session-${i}.jsonl`);
    const lines = linesFor(i, o.backlogLines + o.appendLines, o.now);
    const backlog = lines.slice(0, o.backlogLines).join('');
    writeFileSync(file, backlog);
    backlogBytes += Buffer.byteLength(backlog);
    files.push(file);
    pending.push(lines.slice(o.backlogLines));
  }
  return { root: dir, files, pending, backlogBytes };
}

/** The line's own timestamp (the first one: nested objects carry none in assistant lines). */
const TIMESTAMP = /"timestamp":"[^"]*"/;

export interface AppendProgress {
  readonly lines: number;
  readonly bytes: number;
  /** Timer turns that found themselves more than one turn late (the writer could not keep up). */
  readonly lateTurns: number;
}

/**
 * Appends `linesPerS` lines a second, one whole line per append, to the files in turn, until `stop()` or the
 * lines run out. Paced by elapsed time, so a late timer catches up instead of lowering the rate.
 */
export function startAppender(
  root: SoakRoot,
  linesPerS: number,
  turnMs = 50,
): { progress(): AppendProgress; stop(): AppendProgress } {
  const next = root.pending.map(() => 0);
  let lines = 0;
  let bytes = 0;
  let lateTurns = 0;
  let file = 0;
  const t0 = nowMs();
  let last = t0;
  const turn = () => {
    const now = nowMs();
    if (now - last > 2 * turnMs) lateTurns++;
    last = now;
    const due = Math.floor(((now - t0) / 1000) * linesPerS);
    while (lines < due) {
      const path = root.files[file];
      const planned = root.pending[file]?.[next[file] ?? 0];
      if (path === undefined || planned === undefined) return;
      const line = planned.replace(TIMESTAMP, `"timestamp":"${new Date().toISOString()}"`);
      appendFileSync(path, line);
      next[file] = (next[file] ?? 0) + 1;
      lines++;
      bytes += Buffer.byteLength(line);
      file = (file + 1) % root.files.length;
    }
  };
  const timer = setInterval(turn, turnMs);
  const progress = (): AppendProgress => ({ lines, bytes, lateTurns });
  return {
    progress,
    stop() {
      clearInterval(timer);
      return progress();
    },
  };
}
