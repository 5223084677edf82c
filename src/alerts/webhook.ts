// Delivers alerts to a webhook: a JSON POST per alert, retried with exponential backoff, off the tick's path
// (send() returns at once; a slow or dead receiver never delays ingest).
import { errorMessage } from '../platform/error-message.ts';

export interface WebhookOptions {
  readonly url: string;
  /** Tries per alert, the first included (default 5). */
  readonly attempts?: number;
  /** Wait before the 2nd try, doubled for each further one, ms (default 1 s). */
  readonly backoffMs?: number;
  /** Per try, ms (default 5 s). */
  readonly timeoutMs?: number;
  /** Deliveries waiting or in flight beyond this are dropped (default 100). */
  readonly maxPending?: number;
  readonly warn: (message: string) => void;
}

/** Worth another try: no answer, a server error, or the receiver asking us to slow down. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

export class WebhookSender {
  readonly #options: Required<WebhookOptions>;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: WebhookOptions) {
    this.#options = { attempts: 5, backoffMs: 1000, timeoutMs: 5000, maxPending: 100, ...options };
  }

  get pending(): number {
    return this.#inFlight.size;
  }

  /** Queues one delivery; never throws. */
  send(payload: unknown): void {
    if (this.#inFlight.size >= this.#options.maxPending) {
      this.#options.warn(`webhook: ${this.#inFlight.size} deliveries pending; dropping an alert`);
      return;
    }
    const delivery = this.#deliver(JSON.stringify(payload)).finally(() => this.#inFlight.delete(delivery));
    this.#inFlight.add(delivery);
  }

  /** Resolves when every delivery queued so far has succeeded or given up. */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  async #deliver(body: string): Promise<void> {
    const { url, attempts, backoffMs, timeoutMs, warn } = this.#options;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await Bun.sleep(backoffMs * 2 ** (attempt - 2));
      try {
        const res = await fetch(url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel();
        if (res.ok) return;
        last = `HTTP ${res.status}`;
        if (!retryable(res.status)) break;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        last = typeof code === 'string' ? code : errorMessage(error);
      }
    }
    warn(`webhook: could not deliver an alert to ${new URL(url).origin} (${last})`);
  }
}
