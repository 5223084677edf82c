// GET /api/pricing: the price table in force (embedded and config overrides, each price's origin) and the unpriced models.
import { Elysia } from 'elysia';
import { pricingBody, type PricingBody } from '../../pricing/pricing-body.ts';
import type { PriceOverride } from '../../pricing/types.ts';
import type { AppDeps } from '../types.ts';
import { PricingResponse } from '../../api/pricing.ts';

export const pricingRoutes = (deps: AppDeps) => {
  // The body changes only with the overrides (a reload) or the unpriced list (a tick): built once per change.
  let last: { overrides: readonly PriceOverride[]; unpriced: string; body: PricingBody } | undefined;
  return new Elysia({ name: 'pricing', prefix: '/api' }).get(
    '/pricing',
    () => {
      const overrides = deps.pricing?.() ?? [];
      const unpriced = deps.cache.health?.unpriced_models ?? [];
      const key = unpriced.join('\n');
      if (last?.overrides !== overrides || last.unpriced !== key)
        last = { overrides, unpriced: key, body: pricingBody(overrides, unpriced) };
      return last.body;
    },
    {
      response: { 200: PricingResponse },
      detail: {
        tags: ['pricing'],
        summary:
          'Prices in force per model (USD per million tokens, with each price\u2019s origin) and the models seen without a price',
      },
    },
  );
};
