// Schemas of GET /api/metrics/history.
import { t } from 'elysia';
import { HISTORY_RANGES, MAX_POINTS } from './values.ts';

const RANGES = Object.keys(HISTORY_RANGES);

export const HistoryQuery = t.Object({
  range: t.Optional(t.String({ default: '1h', description: `one of ${RANGES.join(', ')}` })),
  step: t.Optional(
    t.String({ description: `point spacing, e.g. 30s, 5m, 1h, 1d (default: per range; at most ${MAX_POINTS} points)` }),
  ),
});

export const HistoryResponse = t.Object({
  range: t.String(),
  step: t.String(),
  source: t.UnionEnum(['snapshots', 'entries'], {
    description: 'snapshots: the in-memory ring buffer (ranges up to 1h); entries: bucketed from log timestamps',
  }),
  points: t.Array(
    t.Object({
      timestamp: t.Number({ description: 'epoch ms at the end of the step' }),
      total_cost: t.Number({ description: 'cumulative USD' }),
      total_tokens: t.Integer(),
      messages_count: t.Integer(),
      cost: t.Number({ description: 'USD since the previous point' }),
      tokens: t.Integer(),
      messages: t.Integer(),
    }),
  ),
});
