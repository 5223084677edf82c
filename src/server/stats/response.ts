// The /api/stats response: the tick's pre-serialized body as is, sent from bytes encoded once per body.
import type { TimeRangeName } from '../../metrics/types.ts';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/**
 * Builds /api/stats responses. A string body is encoded to UTF-8 again for every response, and under load those
 * copies are most of what the HTTP thread allocates (they pace its garbage collections, and each collection stalls
 * every request in flight). A Blob is encoded once and sent from its bytes as they are. A body changes at most once
 * per staleness step (0.1 s), so one Blob per range is kept and replaced when its body changes.
 */
export class StatsResponder {
  readonly #last = new Map<TimeRangeName, { readonly body: string; readonly blob: Blob }>();

  respond(range: TimeRangeName, body: string): Response {
    let last = this.#last.get(range);
    if (last?.body !== body) {
      last = { body, blob: new Blob([body]) };
      this.#last.set(range, last);
    }
    return new Response(last.blob, { headers: JSON_HEADERS });
  }
}
