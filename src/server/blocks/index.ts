// GET /api/blocks: Claude's 5-hour billing blocks from the stats cache, with the active block's burn rate.
import { Elysia } from 'elysia';
import { whenWarm } from '../cold-start.ts';
import { ErrorResponse } from '../../api/stats.ts';
import type { AppDeps } from '../types.ts';
import { BlocksQuery, BlocksResponse } from '../../api/blocks.ts';

export const blocksRoutes = (deps: AppDeps) =>
  new Elysia({ name: 'blocks', prefix: '/api' }).get(
    '/blocks',
    async ({ query }) => {
      // A restored store serves stats at once, but its blocks come with the first tick.
      await whenWarm(deps.cache, deps.coldTimeoutMs, deps.cache.blocks);
      return deps.cache.blocks.view(deps.clock.now(), { recent: query.recent === 'true' });
    },
    {
      query: BlocksQuery,
      response: { 200: BlocksResponse, 400: ErrorResponse, 503: ErrorResponse },
      detail: {
        tags: ['stats'],
        summary: '5-hour billing blocks: totals per block, the active one with burn rate and projection',
      },
    },
  );
