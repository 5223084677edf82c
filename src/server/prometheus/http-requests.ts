// Counts answered HTTP requests by route template and status (an onAfterResponse hook), for cco_http_requests_total.
import { Elysia, StatusMap } from 'elysia';
import type { Sample } from './exposition.ts';

/** Route label of requests that matched no route (any path: one label, so scanners cannot blow up cardinality). */
export const UNMATCHED_ROUTE = 'unmatched';

export class HttpRequestCounter {
  readonly #counts = new Map<string, { route: string; status: string; count: number }>();
  readonly #sources: { readonly entry: { count: number }; readonly read: () => number }[] = [];

  record(route: string, status: number): void {
    this.counter(route, status).count++;
  }

  /** The count of one (route, status), to bump directly on a hot path (no key built per request). */
  counter(route: string, status: number): { count: number } {
    const key = `${route} ${status}`;
    let entry = this.#counts.get(key);
    if (!entry) this.#counts.set(key, (entry = { route, status: String(status), count: 0 }));
    return entry;
  }

  /** Adds a count kept elsewhere (the HTTP front worker's answers) to one (route, status). */
  addSource(route: string, status: number, read: () => number): void {
    this.#sources.push({ entry: this.counter(route, status), read });
  }

  samples(): Sample[] {
    const extra = new Map<{ count: number }, number>();
    for (const { entry, read } of this.#sources) extra.set(entry, (extra.get(entry) ?? 0) + read());
    return [...this.#counts.values()].map((entry) => [
      { route: entry.route, status: entry.status },
      entry.count + (extra.get(entry) ?? 0),
    ]);
  }
}

const statusOf = (responseValue: unknown, setStatus: number | string | undefined): number => {
  if (responseValue instanceof Response) return responseValue.status;
  if (typeof setStatus === 'number') return setStatus;
  return (setStatus && StatusMap[setStatus as keyof typeof StatusMap]) || 200;
};

/** Records every response of the app it is used in (register it before the routes). */
export const httpRequestMetrics = (counter: HttpRequestCounter) =>
  new Elysia({ name: 'http-request-metrics' }).onAfterResponse({ as: 'global' }, ({ route, set, responseValue }) => {
    counter.record(route || UNMATCHED_ROUTE, statusOf(responseValue, set.status));
  });
