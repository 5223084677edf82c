// The daemon's side of its HTTP front worker (front-worker.ts): starts it on the public address, feeds it each tick's
// /api/stats bodies, reads how many requests it answered, stops it.
import type { StatsBodies } from '../../metrics/stale-bodies.ts';
import type { FromFront, FrontInit } from './protocol.ts';

export type FrontOptions = Omit<FrontInit, 'type' | 'answered'>;

export interface Front {
  /** The public port (the one asked for, or the one picked for 0). */
  readonly port: number;
  publish(bodies: StatsBodies, at: number): void;
  /** /api/stats requests the front answered itself, since it started. Read it at least every 2³² requests. */
  answered(): number;
  stop(): Promise<void>;
}

/** Listens on the public address; throws the listen error (with its `code`, e.g. EADDRINUSE) when it cannot. */
export async function startFront(options: FrontOptions): Promise<Front> {
  const answered = new SharedArrayBuffer(4);
  const worker = new Worker(new URL('./front-worker.ts', import.meta.url));
  const first = await new Promise<FromFront>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FromFront>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(`HTTP front failed: ${event.message}`));
    const init: FrontInit = { type: 'init', ...options, answered };
    worker.postMessage(init);
  }).catch((error: unknown) => {
    worker.terminate();
    throw error;
  });
  if (first.type !== 'listening') {
    worker.terminate();
    throw Object.assign(new Error(first.type === 'error' ? first.message : 'HTTP front did not start'), first.type === 'error' && first.code ? { code: first.code } : {});
  }
  const slot = new Uint32Array(answered);
  let total = 0;
  let last = 0;
  return {
    port: first.port,
    publish: (bodies, at) => worker.postMessage({ type: 'bodies', bodies, at }),
    answered() {
      const now = Atomics.load(slot, 0);
      total += (now - last + 2 ** 32) % 2 ** 32; // the slot wraps at 2³²
      last = now;
      return total;
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
