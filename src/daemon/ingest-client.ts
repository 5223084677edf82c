// How the aggregator asks for a tick: through the ingest worker (the daemon) or in-process (tests, one-shot CLI).
import { ParsePool } from '../ingest/parse-pool.ts';
import type { PersistedView } from '../store/usage-store.ts';
import type { IngestWorkerReply, IngestWorkerRequest } from './ingest-worker.ts';
import { openIngest, type OpenIngestOptions } from './open-ingest.ts';
import type { PriceOverride } from '../pricing/types.ts';
import type { TickResult } from '../ledger/outputs.ts';
import type { SessionCall } from '../ledger/session-calls.ts';

export interface IngestClient {
  /** Resolves once the store (if any) is open, with what a previous run persisted; rejects when it is locked. */
  readonly opened: Promise<PersistedView | undefined>;
  tick(now: number): Promise<TickResult>;
  /** New prices (a config reload): every response counted so far is priced again, in order with the ticks. */
  reprice(pricing: readonly PriceOverride[]): void;
  /** One session's calls, oldest first, from what ingest has counted (a scan between ticks: a few ms per million). */
  sessionCalls(session: string): Promise<readonly SessionCall[]>;
  /** Closes the store (a tick in flight is finished or left unsaved) and stops the worker; resolves within ~1.5 s. */
  close(): Promise<void>;
}

/** How long `close` waits for the worker to close its store before terminating it, ms. */
const CLOSE_TIMEOUT_MS = 1_500;

export type IngestClientOptions = Omit<OpenIngestOptions, 'bulkReader'>;

/** Parse workers of a one-shot command (`cco stats`/`cco blocks` without a daemon), as the daemon's ingest worker has. */
export const ONE_SHOT_PARSE_THREADS = 2;

export interface InProcessIngestOptions extends IngestClientOptions {
  /** Parse workers for big backlogs (a one-shot command over gigabytes of logs), stopped on close; none by default. */
  readonly parseThreads?: number;
}

/** The engine on this thread. */
export function inProcessIngest(options: InProcessIngestOptions): IngestClient {
  const { parseThreads = 0, ...sessionOptions } = options;
  const pool = parseThreads > 0 ? new ParsePool(parseThreads) : undefined;
  try {
    const opened = openIngest({ ...sessionOptions, bulkReader: pool });
    const session = opened.resume();
    return {
      opened: Promise.resolve(opened.view),
      tick: (now) => session.tick(now),
      reprice: (pricing) => session.reprice(pricing),
      sessionCalls: async (id) => session.sessionCalls(id),
      close: async () => {
        session.close();
        pool?.close();
      },
    };
  } catch (error) {
    pool?.close();
    throw error;
  }
}

export interface WorkerIngestOptions extends IngestClientOptions {
  /** Extra threads that parse big backlogs (cold start); 0 parses in the ingest worker itself. */
  readonly parseThreads: number;
}

export function workerIngest(options: WorkerIngestOptions): IngestClient {
  const worker = new Worker(new URL('./ingest-worker.ts', import.meta.url));
  const pending = new Map<number, { resolve: (r: TickResult) => void; reject: (e: Error) => void }>();
  const pendingCalls = new Map<number, { resolve: (c: readonly SessionCall[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let settleOpened: { resolve: (v: PersistedView | undefined) => void; reject: (e: Error) => void } | undefined;
  let settleClosed: (() => void) | undefined;
  const closed = new Promise<void>((resolve) => (settleClosed = resolve));
  let closing: Promise<void> | undefined;
  const opened = new Promise<PersistedView | undefined>((resolve, reject) => (settleOpened = { resolve, reject }));
  // Rejected by a close before the store opened, with nobody waiting: not an unhandled rejection.
  opened.catch(() => {});
  worker.addEventListener('message', (event: MessageEvent<IngestWorkerReply>) => {
    const reply = event.data;
    switch (reply.type) {
      case 'warning':
        return options.onWarning?.(reply.message);
      case 'opened':
        return settleOpened?.resolve(reply.view);
      case 'fatal':
        return settleOpened?.reject(new Error(reply.message));
      case 'closed':
        return settleClosed?.();
      case 'calls':
      case 'calls-failed': {
        const waiter = pendingCalls.get(reply.id);
        pendingCalls.delete(reply.id);
        if (reply.type === 'calls') waiter?.resolve(reply.calls);
        else waiter?.reject(new Error(reply.message));
        return;
      }
      case 'tick':
      case 'tick-failed': {
        const waiter = pending.get(reply.id);
        pending.delete(reply.id);
        if (reply.type === 'tick') waiter?.resolve(reply.result);
        else waiter?.reject(new Error(reply.message));
      }
    }
  });
  worker.addEventListener('error', (event) => {
    const error = new Error(`ingest worker crashed: ${event.message}`);
    settleOpened?.reject(error);
    for (const waiter of [...pending.values(), ...pendingCalls.values()]) waiter.reject(error);
    pending.clear();
    pendingCalls.clear();
  });
  const { onWarning: _, parseThreads, ...sessionOptions } = options;
  const init: IngestWorkerRequest = { type: 'init', options: sessionOptions, parseThreads };
  worker.postMessage(init);
  return {
    opened,
    tick(now) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const request: IngestWorkerRequest = { type: 'tick', id, now };
        worker.postMessage(request);
      });
    },
    sessionCalls(session) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pendingCalls.set(id, { resolve, reject });
        const request: IngestWorkerRequest = { type: 'calls', id, session };
        worker.postMessage(request);
      });
    },
    reprice(pricing) {
      const request: IngestWorkerRequest = { type: 'reprice', pricing };
      worker.postMessage(request);
    },
    close() {
      closing ??= (async () => {
        const request: IngestWorkerRequest = { type: 'close' };
        worker.postMessage(request);
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)))]);
        clearTimeout(timer);
        worker.terminate();
        const stopped = new Error('ingest stopped');
        settleOpened?.reject(stopped);
        for (const waiter of [...pending.values(), ...pendingCalls.values()]) waiter.reject(stopped);
        pending.clear();
        pendingCalls.clear();
      })();
      return closing;
    },
  };
}
