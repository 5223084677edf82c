// Schemas of GET /api/pricing.
import { t } from 'elysia';

const PerMillion = (description: string) => t.Number({ description: `${description}, USD per million tokens` });
const Source = t.String({ description: '`embedded` (the table built into cco) or `config <path>`' });

export const Tier = t.Object({
  input: PerMillion('uncached input'),
  output: PerMillion('output'),
  cache_write_5m: PerMillion('5-minute cache writes'),
  cache_write_1h: PerMillion('1-hour cache writes'),
  cache_read: PerMillion('cache reads'),
});

export const PriceRow = t.Composite([
  t.Object({
    model: t.String({ description: 'the model key: log ids resolve to the longest key they contain, as in ccusage' }),
  }),
  Tier,
  t.Object({
    from: t.Union([t.String({ format: 'date-time' }), t.Null()], {
      description: 'start of a dated override (inclusive); null for the standing price',
    }),
    until: t.Union([t.String({ format: 'date-time' }), t.Null()], {
      description: 'end of a dated override (inclusive); null when open',
    }),
    above_200k: t.Union([Tier, t.Null()], {
      description: 'prices of the tokens of one kind past 200,000 in one message; null: flat',
    }),
    fast_multiplier: t.Union([t.Number(), t.Null()], {
      description: 'factor on the whole message in fast mode; null: 1',
    }),
    sources: t.Object({
      input: Source,
      output: Source,
      cache_write_5m: Source,
      cache_write_1h: Source,
      cache_read: Source,
      above_200k: t.Union([Source, t.Null()]),
      fast_multiplier: t.Union([Source, t.Null()]),
    }),
  }),
]);

export const PricingResponse = t.Object({
  models: t.Array(PriceRow),
  unpriced_models: t.Array(t.String(), {
    description: 'model ids seen in the logs with no price (their cost counts as 0)',
  }),
});
