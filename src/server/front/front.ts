// The daemon's side of its HTTP front worker (front-worker.ts): starts it on the public address, feeds it each tick's
// /api/stats bodies, health state and event frames, reads how many requests it answered, stops it.
import {
  FRONT_PATHS,
  type FromFront,
  type FrontInit,
  type FrontPath,
  type FrontState,
  type ToFront,
} from './protocol.ts';

export type FrontOptions = Omit<FrontInit, 'type' | 'answered' | 'published'>;

export interface Front {
  /** The public port (the one asked for, or the one picked for 0). */
  readonly port: number;
  /** Hands the front what it answers from; from this call on, no answer it gives is older. */
  publish(state: Omit<FrontState, 'generation'>): void;
  /** Sends SSE frames to every /api/events client. */
  events(frames: string): void;
  /** Requests to `path` the front answered itself, since it started. Read it at least every 2³² requests. */
  answered(path: FrontPath): number;
  stop(): Promise<void>;
}

/** Listens on the public address; throws the listen error (with its `code`, e.g. EADDRINUSE) when it cannot. */
export async function startFront(options: FrontOptions): Promise<Front> {
  const answered = new SharedArrayBuffer(4 * FRONT_PATHS.length);
  const published = new SharedArrayBuffer(4);
  const worker = new Worker(new URL('./front-worker.ts', import.meta.url));
  const first = await new Promise<FromFront>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FromFront>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(`HTTP front failed: ${event.message}`));
    const init: FrontInit = { type: 'init', ...options, answered, published };
    worker.postMessage(init);
  }).catch((error: unknown) => {
    worker.terminate();
    throw error;
  });
  if (first.type !== 'listening') {
    worker.terminate();
    throw Object.assign(
      new Error(first.type === 'error' ? first.message : 'HTTP front did not start'),
      first.type === 'error' && first.code ? { code: first.code } : {},
    );
  }
  const slots = new Uint32Array(answered);
  const generation = new Int32Array(published);
  const totals = FRONT_PATHS.map(() => 0);
  const last = FRONT_PATHS.map(() => 0);
  return {
    port: first.port,
    publish(state) {
      const message: ToFront = { type: 'publish', ...state, generation: Atomics.add(generation, 0, 1) + 1 };
      worker.postMessage(message);
    },
    events(frames) {
      worker.postMessage({ type: 'events', frames } satisfies ToFront);
    },
    answered(path) {
      const i = FRONT_PATHS.indexOf(path);
      const now = Atomics.load(slots, i);
      totals[i] = (totals[i] ?? 0) + ((now - (last[i] ?? 0) + 2 ** 32) % 2 ** 32); // the slot wraps at 2³²
      last[i] = now;
      return totals[i] ?? 0;
    },
    async stop() {
      await Promise.race([
        new Promise<void>((resolve) => {
          worker.onmessage = (event: MessageEvent<FromFront>) => {
            if (event.data.type === 'stopped') resolve();
          };
          worker.postMessage({ type: 'stop' });
        }),
        Bun.sleep(500),
      ]);
      worker.terminate();
    },
  };
}
