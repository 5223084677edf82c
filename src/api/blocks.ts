// Schemas of GET /api/blocks.
import { t } from 'elysia';

const Usd = (description: string) => t.Number({ description: `${description}, USD` });

export const BlocksQuery = t.Object({
  recent: t.Optional(
    t.UnionEnum(['true', 'false'], {
      default: 'false',
      description: 'only blocks that started in the last 3 days, and the active one',
      error: 'recent must be true or false',
    }),
  ),
});

export const Block = t.Object({
  id: t.String({ description: 'the start time, or `gap-<start>` for a gap' }),
  start: t.String({ format: 'date-time', description: 'the UTC hour of the first entry' }),
  end: t.String({ format: 'date-time', description: 'start + 5 h (a gap ends at the next entry)' }),
  actual_end: t.Union([t.String({ format: 'date-time' }), t.Null()], { description: 'the last entry (to the second)' }),
  is_active: t.Boolean({
    description:
      'the block holds now: it has started, not ended, and its last entry is under 5 h old (a block dated in the future never is)',
  }),
  is_gap: t.Boolean({ description: 'a stretch over 5 h without any entry' }),
  entries: t.Integer({ description: 'deduplicated responses, API errors included' }),
  input_tokens: t.Integer(),
  output_tokens: t.Integer(),
  cache_creation_tokens: t.Integer(),
  cache_read_tokens: t.Integer(),
  total_tokens: t.Integer(),
  cost: Usd('cost'),
  models: t.Array(t.String()),
  usage_limit_reset_time: t.Union([t.String({ format: 'date-time' }), t.Null()], {
    description:
      'when the plan limit resets, from a "Claude AI usage limit reached" error in the block; null when none was logged',
  }),
  burn_rate: t.Union(
    [
      t.Object({
        tokens_per_minute: t.Number({ description: 'all token kinds, first to last entry' }),
        tokens_per_minute_for_indicator: t.Number({ description: 'input + output only' }),
        cost_per_hour: Usd('per hour'),
      }),
      t.Null(),
    ],
    { description: 'active block only' },
  ),
  projection: t.Union(
    [
      t.Object({
        total_tokens: t.Integer(),
        total_cost: Usd('at the end of the block'),
        remaining_minutes: t.Integer(),
      }),
      t.Null(),
    ],
    { description: 'active block only: where the burn rate takes it by its end' },
  ),
});

export const BlocksResponse = t.Object({
  blocks: t.Array(Block, { description: 'oldest first' }),
  active: t.Union([Block, t.Null()]),
});
