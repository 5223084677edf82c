// The SSE subscriber registry: one stream per client up to a cap, frames encoded once and fanned out, heartbeats while
// anyone listens, and a client removed the moment it disconnects (stream cancelled or request aborted) or falls too far
// behind. It runs wherever the streams are served: the HTTP front worker in a daemon, the app's thread otherwise.
import { DEFAULT_MAX_EVENT_CLIENTS, type EventChannel } from './types.ts';

export interface EventHubOptions {
  /** Comment line sent to every client this often, ms (keeps proxies and idle timeouts from closing the stream). */
  readonly heartbeatMs: number;
  /** A client with more than this many bytes unread is dropped (default 1 MiB). */
  readonly maxQueuedBytes?: number;
  /** Clients at once; `open` refuses more (default DEFAULT_MAX_EVENT_CLIENTS). */
  readonly maxSubscribers?: number;
  /** Told the number of clients whenever it changes (the front shares it with the daemon's /metrics). */
  readonly onSize?: (size: number) => void;
}

interface Subscriber {
  readonly controller: ReadableStreamDefaultController<Uint8Array>;
  detach(): void;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

export class EventHub implements EventChannel {
  readonly #subscribers = new Set<Subscriber>();
  readonly #options: Required<Omit<EventHubOptions, 'onSize'>> & Pick<EventHubOptions, 'onSize'>;
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(options: EventHubOptions) {
    this.#options = { maxQueuedBytes: 1 << 20, maxSubscribers: DEFAULT_MAX_EVENT_CLIENTS, ...options };
  }

  /** The most clients served at once. */
  get maxSubscribers(): number {
    return this.#options.maxSubscribers;
  }

  /** Whether another client would be refused. */
  get isFull(): boolean {
    return this.#subscribers.size >= this.#options.maxSubscribers;
  }

  /** Clients connected now. */
  get size(): number {
    return this.#subscribers.size;
  }

  /**
   * A stream for one client that starts with `greeting` and ends when `signal` aborts or the reader cancels;
   * undefined when `maxSubscribers` clients are connected.
   */
  open(signal: AbortSignal, greeting: string): ReadableStream<Uint8Array> | undefined {
    if (this.isFull) return undefined;
    let subscriber: Subscriber | undefined;
    const onAbort = () => {
      subscriber?.detach();
      try {
        subscriber?.controller.close();
      } catch {
        // Already closed or errored: nothing left to end.
      }
    };
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          if (signal.aborted) return controller.close();
          const s: Subscriber = {
            controller,
            detach: () => {
              signal.removeEventListener('abort', onAbort);
              this.#remove(s);
            },
          };
          subscriber = s;
          signal.addEventListener('abort', onAbort, { once: true });
          this.#add(s);
          controller.enqueue(encoder.encode(greeting));
        },
        cancel: () => subscriber?.detach(),
      },
      { highWaterMark: this.#options.maxQueuedBytes, size: (chunk) => chunk?.byteLength ?? 0 },
    );
  }

  /** Sends frames to every client; `frames` is only built when someone listens. */
  publish(frames: () => string): void {
    if (this.#subscribers.size === 0) return;
    this.#broadcast(encoder.encode(frames()));
  }

  /** Ends every stream (daemon shutdown). */
  close(): void {
    for (const s of [...this.#subscribers]) {
      s.detach();
      try {
        s.controller.close();
      } catch {
        // Already closed.
      }
    }
  }

  #broadcast(chunk: Uint8Array): void {
    for (const s of [...this.#subscribers]) {
      try {
        s.controller.enqueue(chunk);
      } catch {
        // The stream ended under us (client gone): forget it.
        s.detach();
        continue;
      }
      if ((s.controller.desiredSize ?? 0) < 0) {
        s.detach();
        s.controller.error(new Error('event stream client fell too far behind'));
      }
    }
  }

  #add(s: Subscriber): void {
    this.#subscribers.add(s);
    this.#options.onSize?.(this.#subscribers.size);
    if (!this.#heartbeat) {
      this.#heartbeat = setInterval(() => this.#broadcast(HEARTBEAT), this.#options.heartbeatMs);
      this.#heartbeat.unref?.();
    }
  }

  #remove(s: Subscriber): void {
    if (!this.#subscribers.delete(s)) return;
    this.#options.onSize?.(this.#subscribers.size);
    if (this.#subscribers.size === 0 && this.#heartbeat) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = undefined;
    }
  }
}
