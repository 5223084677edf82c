// Schemas of GET /api/events: the stream itself and the JSON of each event's `data` line.
import { t } from 'elysia';

const Usd = (description: string) => t.Number({ description: `${description}, USD` });

export const CallEventData = t.Object(
  {
    time: t.String({ format: 'date-time' }),
    model: t.String(),
    project: t.String(),
    tokens: t.Integer(),
    cost: Usd('cost'),
  },
  { description: '`event: call`: one new API response (at most 500 per tick; none for the backlog read at start-up)' },
);

export const SnapshotEventData = t.Object(
  {
    timestamp: t.Integer({ description: 'epoch ms' }),
    total_requests: t.Integer(),
    successful_requests: t.Integer(),
    failed_requests: t.Integer(),
    avg_response_time: t.Number({ description: 'ms' }),
    uptime: t.Number({ description: 's' }),
    port: t.Integer(),
    total_cost: Usd('all-time cost'),
    total_tokens: t.Integer(),
    messages_count: t.Integer(),
    input_tokens: t.Union([t.Integer(), t.Null()]),
    output_tokens: t.Union([t.Integer(), t.Null()]),
    cache_creation_tokens: t.Union([t.Integer(), t.Null()]),
    cache_read_tokens: t.Union([t.Integer(), t.Null()]),
    models: t.Array(t.Object({ model: t.String(), cost: Usd('cost'), tokens: t.Integer(), messages: t.Integer() })),
  },
  { description: '`event: snapshot`: the figures after each tick (and the latest one on connect)' },
);

export const EventStream = t.String({
  description:
    'text/event-stream. `event: snapshot` after every tick (data: SnapshotEventData), `event: call` per new API response ' +
    '(data: CallEventData), a `: heartbeat` comment every 15 s.',
});
