// Before the first tick lands, requests wait on the one initial ingest (never a second scan), up to a timeout.
import type { StatsCache } from '../metrics/stats-cache.ts';
import { HttpError } from './errors.ts';

export class WarmingUpError extends HttpError {
  constructor(readonly retryAfterS: number) {
    super(503, 'warming_up', 'the first ingest of your logs is still running; retry shortly', undefined, { 'retry-after': String(retryAfterS) });
  }
}

/** Resolves once the cache holds data; throws WarmingUpError (503 + Retry-After) after `timeoutMs`. */
export async function whenWarm(cache: StatsCache, timeoutMs: number): Promise<void> {
  if (cache.isReady) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const outcome = await Promise.race([cache.ready, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') throw new WarmingUpError(Math.max(1, Math.ceil(cache.intervalMs / 1000)));
}
