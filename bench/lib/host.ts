// Where a result came from: machine, runtime and commit, recorded next to the figures in latest.json.
import { cpus, loadavg, totalmem } from 'node:os';

function git(args: string[]): string | undefined {
  const proc = Bun.spawnSync(['git', ...args], { cwd: import.meta.dir, stdout: 'pipe', stderr: 'ignore' });
  return proc.exitCode === 0 ? proc.stdout.toString().trim() : undefined;
}

export interface HostInfo {
  readonly cpu: string;
  readonly cpus: number;
  readonly memoryBytes: number;
  /** 1-minute load average when the benches started: a hint of how busy the machine was. */
  readonly loadAverage: number;
  readonly platform: string;
  readonly bun: string;
  readonly commit: string | undefined;
  /** True when the working tree had uncommitted changes. */
  readonly dirty: boolean;
}

export function describeHost(): HostInfo {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryBytes: totalmem(),
    loadAverage: loadavg()[0] ?? 0,
    platform: `${process.platform}-${process.arch}`,
    bun: Bun.version,
    commit: git(['rev-parse', 'HEAD']),
    dirty: (git(['status', '--porcelain']) ?? '') !== '',
  };
}
