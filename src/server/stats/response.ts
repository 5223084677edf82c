// The /api/stats response: the tick's pre-serialized body as is, sent from bytes encoded once per body.
import { JSON_HEADERS, JSON_TYPE, NOSNIFF } from '../security-headers.ts';
import type { TimeRangeName } from '../../api/values.ts';

/** What a Blob answer adds to the type Bun writes from the Blob itself. */
const DIRECT_HEADERS = { ...NOSNIFF };

/**
 * Builds /api/stats responses. A string body is encoded to UTF-8 again for every response, and under load those
 * copies are most of what the HTTP thread allocates (they pace its garbage collections, and each collection stalls
 * every request in flight). A Blob is encoded once and sent from its bytes as they are. A body changes at most once
 * per staleness step (0.1 s), so one Blob per range is kept and replaced when its body changes.
 */
export class StatsResponder {
  readonly #last = new Map<TimeRangeName, { readonly body: string; readonly blob: Blob }>();

  /** For the app's route: the content-type is a header, which the app's hooks (and `app.handle`) see. */
  respond(range: TimeRangeName, body: string): Response {
    return new Response(this.#blob(range, body), { headers: JSON_HEADERS });
  }

  /**
   * For Bun's native route: only the nosniff header is given; Bun writes the Blob's type as the content-type when it
   * sends the response (it is not in `response.headers`, so this is only for responses that go straight to a socket).
   */
  respondDirect(range: TimeRangeName, body: string): Response {
    return new Response(this.#blob(range, body), { headers: DIRECT_HEADERS });
  }

  #blob(range: TimeRangeName, body: string): Blob {
    let last = this.#last.get(range);
    if (last?.body !== body) {
      last = { body, blob: new Blob([body], { type: JSON_TYPE }) };
      this.#last.set(range, last);
    }
    return last.blob;
  }
}
