// Timing: a monotonic millisecond clock and the summaries benches report (best of runs, median of samples).

/** Monotonic time in ms (fractional). */
export const nowMs = (): number => Bun.nanoseconds() / 1e6;

/** Runs `fn` and says how long it took, ms. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ readonly result: T; readonly ms: number }> {
  const t0 = nowMs();
  const result = await fn();
  return { result, ms: nowMs() - t0 };
}

/** The smallest sample: on a shared, noisy machine noise only ever adds time. */
export function best(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  return Math.min(...samples);
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
