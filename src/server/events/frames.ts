// Server-Sent Events framing and the frames of one tick: a `call` event per new API response, then a `snapshot`.
import type { RecentCall, StatsSnapshot, TickResult } from '../../ledger/outputs.ts';

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  // Proxies such as nginx would otherwise buffer the stream.
  'x-accel-buffering': 'no',
};

/** Tells EventSource clients to reconnect after this many ms. */
export const RETRY_MS = 3000;

/** One event; `data` is JSON on a single line. */
export const sseEvent = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

const round = (usd: number): number => Math.round(usd * 1e6) / 1e6;

/** The `call` event's body: the shape of /api/stats `recent_calls`. */
export const callBody = (c: RecentCall) => ({
  time: new Date(c.timestamp).toISOString(),
  model: c.model,
  project: c.project,
  tokens: c.tokens,
  cost: round(c.cost),
});

/** What a client gets on connect: the reconnect delay and, once there is one, the latest snapshot. */
export const greeting = (latest: StatsSnapshot | undefined): string =>
  `retry: ${RETRY_MS}\n: connected\n\n${latest ? sseEvent('snapshot', latest) : ''}`;

/** An `alert` event: a budget reached in its period. */
export const alertFrame = (alert: unknown): string => sseEvent('alert', alert);

export function tickFrames(result: TickResult, snapshot: StatsSnapshot): string {
  let frames = '';
  for (const call of result.newCalls) frames += sseEvent('call', callBody(call));
  return frames + sseEvent('snapshot', snapshot);
}
