// Keeping the page current: follow /api/events and refresh on every `snapshot` (one per daemon tick), poll
// /api/stats every interval when the daemon has no event stream, retry with backoff while the daemon is away, and
// ask for a token when it wants one.
import { Unauthorized, type Api } from './api.ts';
import { sseBatches } from './sse.ts';

export type Connection =
  | { readonly state: 'connecting' }
  | { readonly state: 'live'; readonly intervalS: number }
  | { readonly state: 'polling'; readonly intervalS: number }
  | { readonly state: 'disconnected'; readonly reason: string }
  | { readonly state: 'locked'; readonly refused: boolean };

export interface LiveHooks {
  /** Fetches and shows everything; throws Unauthorized or Unreachable like the API. */
  refresh(): Promise<void>;
  connection(c: Connection): void;
  /** Resolves once the person has entered a token (`refused`: the last one did not work). */
  askToken(refused: boolean): Promise<void>;
}

/** Waits between reconnects: 0.5 s doubling to 4 s, so a restarted daemon is picked up within a few seconds. */
const RETRY_MS = { first: 500, max: 4000 } as const;
/** The daemon sends a heartbeat every 15 s and a snapshot every tick; silence this long means it hangs. */
const MIN_IDLE_MS = 40_000;

/** Resolves after `ms`, or at once when `signal` aborts. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

class Stopped extends Error {}

/** Runs until `signal` aborts (the page: for its lifetime). */
export async function runLive(
  api: Api,
  hooks: LiveHooks,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  let failures = 0;
  hooks.connection({ state: 'connecting' });
  while (!signal.aborted) {
    try {
      await follow(api, hooks, signal, () => (failures = 0));
    } catch (error) {
      if (signal.aborted || error instanceof Stopped) return;
      if (error instanceof Unauthorized) {
        hooks.connection({ state: 'locked', refused: error.refused });
        await hooks.askToken(error.refused);
        continue;
      }
      hooks.connection({ state: 'disconnected', reason: error instanceof Error ? error.message : String(error) });
      await sleep(Math.min(RETRY_MS.max, RETRY_MS.first * 2 ** failures++), signal);
    }
  }
}

/** One connection: returns only by throwing (the stream ended, the daemon went away or wants a token, or stopped). */
async function follow(api: Api, hooks: LiveHooks, signal: AbortSignal, connected: () => void): Promise<never> {
  const { interval_s: intervalS } = await api.health();
  await hooks.refresh();
  connected();
  const abort = new AbortController();
  const stop = () => abort.abort();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const stream = await api.events(abort.signal);
    if (!stream) {
      hooks.connection({ state: 'polling', intervalS });
      for (;;) {
        await sleep(intervalS * 1000, abort.signal);
        if (abort.signal.aborted) throw new Stopped();
        await hooks.refresh();
      }
    }
    hooks.connection({ state: 'live', intervalS });
    // Events that arrive while a refresh runs are read afterwards in one batch: one refresh for all of them.
    for await (const batch of sseBatches(stream, Math.max(MIN_IDLE_MS, 3 * intervalS * 1000))) {
      if (batch.some((e) => e.event === 'snapshot')) await hooks.refresh();
    }
  } finally {
    signal.removeEventListener('abort', stop);
    abort.abort();
  }
  throw new Error('the event stream ended');
}
