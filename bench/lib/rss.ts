// Peak resident set size of the current process: VmHWM from /proc/self/status on Linux (covers every thread, counted
// by the kernel), else the largest `process.memoryUsage.rss()` seen by a 20 ms sampler.
import { readFileSync } from 'node:fs';

export interface RssProbe {
  /** Where the figure comes from. */
  readonly source: 'VmHWM' | 'sampled';
  /** Peak RSS so far, bytes. */
  peakBytes(): number;
  stop(): void;
}

/** VmHWM in bytes, or undefined where /proc is missing. */
export function readVmHwm(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function startRssProbe(intervalMs = 20): RssProbe {
  if (readVmHwm() !== undefined) {
    return { source: 'VmHWM', peakBytes: () => readVmHwm() ?? Number.NaN, stop: () => {} };
  }
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  timer.unref();
  return {
    source: 'sampled',
    peakBytes: () => (peak = Math.max(peak, process.memoryUsage.rss())),
    stop: () => clearInterval(timer),
  };
}
