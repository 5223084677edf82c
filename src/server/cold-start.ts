// Before the first tick lands, requests wait on the one initial ingest (never a second scan), up to a timeout.
import type { StatsCache } from '../cache/stats-cache.ts';
import { HttpError } from './errors.ts';

export class WarmingUpError extends HttpError {
  constructor(readonly retryAfterS: number) {
    super(503, 'warming_up', 'the first ingest of your logs is still running; retry shortly', undefined, {
      'retry-after': String(retryAfterS),
    });
  }
}

/** Something filled by the first tick: the stats cache, or its billing blocks (which a restored store lacks at first). */
export interface FilledByFirstTick {
  readonly isReady: boolean;
  readonly ready: Promise<void>;
}

/**
 * Resolves once `what` (default: the cache itself) holds data; throws WarmingUpError (503, Retry-After: one interval)
 * after `timeoutMs`.
 */
export async function whenWarm(cache: StatsCache, timeoutMs: number, what: FilledByFirstTick = cache): Promise<void> {
  if (what.isReady) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const outcome = await Promise.race([what.ready, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') throw new WarmingUpError(Math.max(1, Math.ceil(cache.intervalMs / 1000)));
}
