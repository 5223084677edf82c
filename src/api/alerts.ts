// Schemas of GET /api/alerts (and of the SSE `alert` event and the webhook's `alert`).
import { t } from 'elysia';
import { BUDGET_KEYS } from './values.ts';
import { LIMIT_ALERT_KEYS, LIMIT_WINDOWS } from './limits.ts';

const Budget = t.UnionEnum([...BUDGET_KEYS]);
const Period = t.UnionEnum(['day', 'month', 'block'], {
  description: 'local calendar day, local calendar month, or the active 5-hour block',
});
const Unit = t.UnionEnum(['usd', 'tokens']);

export const AlertBody = t.Object({
  id: t.String({
    description:
      '`<budget>:<period start>`: one alert per budget and period; a plan limit: `<budget>:<threshold>:<window reset>`',
  }),
  budget: t.UnionEnum([...BUDGET_KEYS, ...LIMIT_ALERT_KEYS], {
    description: 'a budget, or a plan-limit threshold (`*_percent`)',
  }),
  period: t.UnionEnum(['day', 'month', 'block', ...LIMIT_WINDOWS], {
    description: 'a budget period, or the plan-limit window (five_hour, seven_day, seven_day_model)',
  }),
  unit: t.UnionEnum(['usd', 'tokens', 'percent']),
  limit: t.Number({ description: 'the budget, or the threshold in %' }),
  value: t.Number({ description: 'the spend (or the used %) when the alert was raised' }),
  period_start: t.String({ format: 'date-time' }),
  period_end: t.String({ format: 'date-time' }),
  triggered_at: t.String({ format: 'date-time' }),
});

export const AlertsResponse = t.Object({
  budgets: t.Partial(
    t.Object(
      Object.fromEntries(BUDGET_KEYS.map((k) => [k, t.Number()])) as Record<
        (typeof BUDGET_KEYS)[number],
        ReturnType<typeof t.Number>
      >,
    ),
    {
      description: 'the limits in force (USD or tokens); empty when no budget is set',
    },
  ),
  standing: t.Array(
    t.Object({
      budget: Budget,
      period: Period,
      unit: Unit,
      limit: t.Number(),
      value: t.Number({ description: 'spent in the current period, as of the latest tick' }),
      percent: t.Number({ description: 'value / limit, %' }),
      exceeded: t.Boolean(),
      period_start: t.Union([t.String({ format: 'date-time' }), t.Null()]),
      period_end: t.Union([t.String({ format: 'date-time' }), t.Null()], {
        description: 'null for a block budget while no block is active',
      }),
    }),
  ),
  alerts: t.Array(AlertBody, { description: 'raised since the daemon started, newest first (at most 100)' }),
});
