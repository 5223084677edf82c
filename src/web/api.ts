// The daemon's HTTP API as the page calls it: same origin, the bearer token when one is known, typed answers.
import type { ChartRange } from './types.ts';
import type {
  AlertsBody,
  BlocksBody,
  HealthBody,
  HistoryBody,
  LimitsBody,
  ReportBody,
  StatsBody,
  TimeRangeName,
} from '../client/types.ts';

/** The daemon wants a token: none was sent, or the one sent was refused. */
export class Unauthorized extends Error {
  constructor(readonly refused: boolean) {
    super(refused ? 'the token was refused' : 'this daemon needs a token');
  }
}

/** The daemon did not answer (gone, restarting) or answered with an error. */
export class Unreachable extends Error {}

export interface Api {
  health(): Promise<HealthBody>;
  stats(range: TimeRangeName): Promise<StatsBody>;
  history(range: ChartRange): Promise<HistoryBody>;
  /** The recent 5-hour blocks, or undefined when this daemon does not count them (an older cco). */
  blocks(): Promise<BlocksBody | undefined>;
  /** Budgets with where each stands, and the alerts raised; undefined when this daemon has no budgets (an older cco). */
  alerts(): Promise<AlertsBody | undefined>;
  /** The plan limits recorded, with history and forecast; undefined when this daemon does not keep them (an older cco). */
  limits(): Promise<LimitsBody | undefined>;
  /** GET /api/reports/{kind} with these query values (since, until, tz). */
  report(
    kind: 'daily' | 'weekly' | 'monthly' | 'session',
    query: Readonly<Record<string, string>>,
  ): Promise<ReportBody>;
  /** The open /api/events stream, or undefined when this daemon has none (then the page polls). */
  events(signal: AbortSignal): Promise<ReadableStream<Uint8Array> | undefined>;
}

/** `token()` is read on every request, so a token entered later applies at once. */
export function createApi(token: () => string | undefined): Api {
  async function get(path: string, init: { signal?: AbortSignal; accept?: string } = {}): Promise<Response> {
    const sent = token();
    const headers: Record<string, string> = { accept: init.accept ?? 'application/json' };
    if (sent !== undefined) headers.authorization = `Bearer ${sent}`;
    let response: Response;
    try {
      response = await fetch(path, { headers, signal: init.signal, cache: 'no-store' });
    } catch (error) {
      throw new Unreachable(`no answer from the daemon (${error instanceof Error ? error.message : String(error)})`);
    }
    if (response.status === 401) throw new Unauthorized(sent !== undefined);
    return response;
  }

  async function json<T>(path: string): Promise<T> {
    const response = await get(path);
    if (!response.ok) throw new Unreachable(`${path} answered ${response.status}`);
    return (await response.json()) as T;
  }

  async function optionalJson<T>(path: string): Promise<T | undefined> {
    const response = await get(path);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Unreachable(`${path} answered ${response.status}`);
    return (await response.json()) as T;
  }

  return {
    health: () => json<HealthBody>('/api/health'),
    stats: (range) => json<StatsBody>(`/api/stats?time_range=${range}`),
    history: (range) => json<HistoryBody>(`/api/metrics/history?range=${range}`),
    blocks: () => optionalJson<BlocksBody>('/api/blocks?recent=true'),
    alerts: () => optionalJson<AlertsBody>('/api/alerts'),
    limits: () => optionalJson<LimitsBody>('/api/limits?range=7d'),
    report: (kind, query) => json<ReportBody>(`/api/reports/${kind}?${new URLSearchParams(query)}`),
    async events(signal) {
      const response = await get('/api/events', { signal, accept: 'text/event-stream' });
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Unreachable(`/api/events answered ${response.status}`);
      return response.body ?? undefined;
    },
  };
}
