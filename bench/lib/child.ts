// Runs one measurement in a fresh process, so its memory is its own: wall time from spawn to exit, and peak RSS from
// `/usr/bin/time` when the machine has it.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nowMs } from './timing.ts';

const GNU_TIME = '/usr/bin/time';

export interface ChildOptions {
  /** The whole environment (default: this process's, with TZ=UTC and NO_COLOR=1). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Written to the child's stdin, which is then closed (default: no stdin). */
  readonly stdin?: string;
}

export interface ChildRun {
  readonly stdout: string;
  /** From spawn to exit, runtime start-up included, ms. */
  readonly wallMs: number;
  /** Peak RSS as `/usr/bin/time` saw it, bytes; undefined without it. */
  readonly maxRssBytes: number | undefined;
}

export class ChildFailed extends Error {
  constructor(
    readonly command: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`${command.join(' ')} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
}

/** Runs `command` to completion; throws ChildFailed on a non-zero exit. */
export async function runChild(command: readonly string[], options: ChildOptions = {}): Promise<ChildRun> {
  const scratch = await mkdtemp(join(tmpdir(), 'cco-bench-time-'));
  const timeFile = join(scratch, 'time');
  const withTime = existsSync(GNU_TIME);
  const argv = withTime ? [GNU_TIME, '-f', '%e %M', '-o', timeFile, ...command] : [...command];
  try {
    const t0 = nowMs();
    const proc = Bun.spawn(argv, {
      cwd: options.cwd,
      ...(options.stdin === undefined ? {} : { stdin: new TextEncoder().encode(options.stdin) }),
      env: options.env ?? { ...process.env, TZ: 'UTC', NO_COLOR: '1' },
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [stdout, stderr, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    const wallMs = nowMs() - t0;
    if (code !== 0) throw new ChildFailed(command, code, stderr);
    let maxRssBytes: number | undefined;
    if (withTime) {
      const kb = Number((await readFile(timeFile, 'utf8')).trim().split(/\s+/).at(-1));
      maxRssBytes = Number.isFinite(kb) ? kb * 1024 : undefined;
    }
    return { stdout, wallMs, maxRssBytes };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Runs a bench script with this Bun and parses the JSON it prints as its last stdout line. */
export async function runBunScript<T>(
  script: string,
  args: readonly string[],
): Promise<T & { readonly process: ChildRun }> {
  const run = await runChild([process.execPath, script, ...args]);
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  return { ...(JSON.parse(last) as T), process: run };
}
