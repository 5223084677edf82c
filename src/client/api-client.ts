// HTTP client of the daemon's API: bearer token, timeouts, and errors that say whether the daemon is down or said no.
import { errorMessage } from '../platform/error-message.ts';
import type { HealthBody, HistoryBody, LimitsBody, StatsBody, StatuslineBody, TimeRangeName } from './types.ts';

/** Nothing answered at the URL (refused, unknown host, timeout). */
export class DaemonUnreachable extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`no daemon answering at ${url} (${reason})`);
    this.name = 'DaemonUnreachable';
  }
}

/** The daemon answered, but not with what was asked for (HTTP error, not cco). */
export class DaemonError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DaemonError';
  }
}

export interface ApiClientOptions {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  readonly token?: string;
  /** Per request, ms. */
  readonly timeoutMs?: number;
}

export interface ApiClient {
  readonly url: string;
  health(): Promise<HealthBody>;
  /** The /api/stats body as sent (for `--json`, byte for byte). */
  statsText(range: TimeRangeName): Promise<string>;
  stats(range: TimeRangeName): Promise<StatsBody>;
  history(range: string, step?: string): Promise<HistoryBody>;
  /** The /api/metrics/history body as sent. */
  historyText(range: string, step?: string): Promise<string>;
  /** The /api/blocks body as sent. */
  blocksText(recent: boolean): Promise<string>;
  /** The /api/pricing body as sent. */
  pricingText(): Promise<string>;
  /** The /api/reports/{kind} body as sent; `query` is URL-encoded. */
  reportText(kind: string, query: string): Promise<string>;
  /** The /api/statusline body for one status-line refresh. */
  statusline(query: { readonly session_id?: string; readonly transcript_path?: string }): Promise<StatuslineBody>;
  /** The /api/limits body as sent. */
  limitsText(range: string): Promise<string>;
  limits(range: string): Promise<LimitsBody>;
  /** The /api/reports/session/{id} body as sent, or undefined when the daemon knows no call of it (404). */
  sessionCallsText(id: string, query: string): Promise<string | undefined>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A cheap shape check: enough to tell a cco daemon from some other server, not a schema validation. */
function expectFields<T>(body: unknown, fields: readonly string[], what: string, url: string): T {
  if (!isObject(body) || fields.some((f) => !(f in body))) {
    throw new DaemonError(url, 200, `unexpected ${what} from ${url} (is it a cco daemon?)`);
  }
  return body as T;
}

function reasonOf(error: unknown): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timed out';
  const code = isObject(error) && typeof error.code === 'string' ? error.code : undefined;
  if (code === 'ConnectionRefused' || code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code) return code;
  return errorMessage(error);
}

const STATS_FIELDS = ['totals', 'models', 'projects', 'activity'];

const historyPath = (range: string, step?: string) =>
  `/api/metrics/history?range=${encodeURIComponent(range)}${step ? `&step=${encodeURIComponent(step)}` : ''}`;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const url = options.url.replace(/\/+$/, '');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function get(path: string): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new DaemonUnreachable(url, reasonOf(error));
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 200);
      try {
        const body: unknown = JSON.parse(text);
        if (isObject(body) && typeof body.message === 'string') detail = body.message;
      } catch {
        // not JSON: keep the text
      }
      const hint = response.status === 401 || response.status === 403 ? ' (set CCO_TOKEN or --token)' : '';
      throw new DaemonError(url, response.status, `${url}${path} answered ${response.status}: ${detail}${hint}`);
    }
    return text;
  }

  function decode<T>(text: string, path: string, fields: readonly string[], what: string): T {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new DaemonError(url, 200, `${url}${path} did not answer JSON (is it a cco daemon?)`);
    }
    return expectFields<T>(body, fields, what, url);
  }

  async function getJson<T>(path: string, fields: readonly string[], what: string): Promise<T> {
    return decode<T>(await get(path), path, fields, what);
  }

  /** The text as sent, once it has been checked to be what was asked for. */
  async function getChecked(path: string, fields: readonly string[], what: string): Promise<string> {
    const text = await get(path);
    decode(text, path, fields, what);
    return text;
  }

  return {
    url,
    health: () => getJson<HealthBody>('/api/health', ['status', 'uptime_s', 'last_tick'], 'health'),
    statsText: (range) => getChecked(`/api/stats?time_range=${range}`, STATS_FIELDS, 'stats'),
    stats: (range) => getJson<StatsBody>(`/api/stats?time_range=${range}`, STATS_FIELDS, 'stats'),
    history: (range, step) => getJson<HistoryBody>(historyPath(range, step), ['points'], 'history'),
    pricingText: () => getChecked('/api/pricing', ['models', 'unpriced_models'], 'pricing'),
    historyText: (range, step) => getChecked(historyPath(range, step), ['points'], 'history'),
    blocksText: (recent) => getChecked(`/api/blocks?recent=${recent}`, ['blocks', 'active'], 'blocks'),
    statusline: (query) => {
      const params = new URLSearchParams();
      if (query.session_id) params.set('session_id', query.session_id);
      if (query.transcript_path) params.set('transcript_path', query.transcript_path);
      return getJson<StatuslineBody>(`/api/statusline?${params}`, ['today', 'limits'], 'status line');
    },
    limitsText: (range) =>
      getChecked(`/api/limits?range=${encodeURIComponent(range)}`, ['current', 'history'], 'limits'),
    limits: (range) =>
      getJson<LimitsBody>(`/api/limits?range=${encodeURIComponent(range)}`, ['current', 'history'], 'limits'),
    reportText: (kind, query) => getChecked(`/api/reports/${kind}${query ? `?${query}` : ''}`, ['totals'], 'report'),
    async sessionCallsText(id, query) {
      try {
        return await getChecked(
          `/api/reports/session/${encodeURIComponent(id)}${query ? `?${query}` : ''}`,
          ['entries'],
          'session calls',
        );
      } catch (error) {
        if (error instanceof DaemonError && error.status === 404) return undefined;
        throw error;
      }
    },
  };
}
