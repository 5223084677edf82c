// GET /api/blocks: Claude's 5-hour billing blocks from the stats cache, with the active block's burn rate.
import { Elysia } from 'elysia';
import { WarmingUpError } from '../cold-start.ts';
import { ErrorResponse } from '../stats/model.ts';
import type { AppDeps } from '../types.ts';
import { BlocksQuery, BlocksResponse } from './model.ts';

/** Waits for the first tick's blocks (a restored store serves stats before it), up to the cold timeout. */
async function blocksReady(deps: AppDeps): Promise<void> {
  const book = deps.cache.blocks;
  if (book.isReady) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deps.coldTimeoutMs)));
  const outcome = await Promise.race([book.ready, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') throw new WarmingUpError(Math.max(1, Math.ceil(deps.cache.intervalMs / 1000)));
}

export const blocksRoutes = (deps: AppDeps) =>
  new Elysia({ name: 'blocks', prefix: '/api' }).get(
    '/blocks',
    async ({ query }) => {
      await blocksReady(deps);
      return deps.cache.blocks.view(deps.clock.now(), { recent: query.recent === 'true' });
    },
    {
      query: BlocksQuery,
      response: { 200: BlocksResponse, 400: ErrorResponse, 503: ErrorResponse },
      detail: { tags: ['stats'], summary: '5-hour billing blocks: totals per block, the active one with burn rate and projection' },
    },
  );
