// Schemas of GET /api/stats.
import { t } from 'elysia';
import { TIME_RANGES } from './values.ts';

export const StatsQuery = t.Object({
  time_range: t.Optional(
    t.UnionEnum([...TIME_RANGES], {
      default: 'all',
      description:
        '`today` (since local midnight of the server), `week` (last 7 local days), `month` (since the 1st), `all`',
      error: `time_range must be one of: ${TIME_RANGES.join(', ')}`,
    }),
  ),
});

const Usd = (description: string) => t.Number({ description: `${description}, USD` });

export const StatsResponse = t.Object({
  project: t.Object(
    {
      name: t.String(),
      cost: Usd('cost in this range'),
      tokens: t.Integer(),
      calls: t.Integer({ description: 'API responses' }),
    },
    { description: 'Seed-compatible: the project of the latest call, with its figures in this range' },
  ),
  time_range: t.UnionEnum([...TIME_RANGES]),
  totals: t.Object({
    input_tokens: t.Integer(),
    output_tokens: t.Integer(),
    cache_creation_tokens: t.Integer(),
    cache_read_tokens: t.Integer(),
    total_tokens: t.Integer(),
    cost: Usd('total cost'),
    messages: t.Integer({ description: 'deduplicated API responses' }),
    requests_ok: t.Integer(),
    requests_failed: t.Integer({ description: 'API errors (`isApiErrorMessage`, `<synthetic>` model)' }),
    avg_response_time: t.Number({
      description: 'mean ms from a prompt line to the first line of its response (all time)',
    }),
  }),
  models: t.Array(
    t.Object({
      model: t.String(),
      cost: Usd('cost'),
      tokens: t.Integer(),
      messages: t.Integer(),
      percentage: t.Number({ description: 'share of cost (of tokens when cost is 0), %' }),
    }),
  ),
  projects: t.Array(
    t.Object({
      name: t.String({ description: 'project folder under projects/' }),
      path: t.Union([t.String(), t.Null()], { description: 'working directory from the logs (cwd)' }),
      cost: Usd('cost'),
      tokens: t.Integer(),
      messages: t.Integer(),
      percentage: t.Number(),
    }),
    { description: 'top 20 by cost' },
  ),
  activity: t.Object({
    recent_calls: t.Array(
      t.Object({
        time: t.String({ format: 'date-time' }),
        model: t.String(),
        project: t.String(),
        tokens: t.Integer(),
        cost: Usd('cost'),
      }),
      { description: 'the 20 latest API responses, newest first' },
    ),
  }),
  last_updated: t.String({ format: 'date-time', description: 'when the figures were computed' }),
  stale_s: t.Number({ description: 'seconds since last_updated' }),
});

export const ErrorResponse = t.Object({ error: t.String(), message: t.String() }, { additionalProperties: true });
