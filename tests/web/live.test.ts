// The dashboard's live loop against a scripted API: a refresh per snapshot, reconnects after the stream ends,
// polling when the daemon has no event stream, the token asked for on a 401, and a clean stop.
import { describe, expect, it } from 'bun:test';
import { Unauthorized, Unreachable, type Api } from '../../src/web/api.ts';
import { runLive, type Connection, type LiveHooks } from '../../src/web/live.ts';
import type { HealthBody as Health } from '../../src/client/types.ts';

const HEALTH = { interval_s: 0.02 } as Health;
const encoder = new TextEncoder();

/** An event stream that sends `frames`, then stays open (until aborted) or ends. */
function eventStream(frames: string[], signal: AbortSignal, end: boolean): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const f of frames) controller.enqueue(encoder.encode(f));
      if (end) controller.close();
      else signal.addEventListener('abort', () => controller.error(new Error('aborted')), { once: true });
    },
  });
}

function fakeApi(events: Api['events'], health: () => Promise<Health> = async () => HEALTH): Api {
  const never = () => Promise.reject(new Error('not used by runLive'));
  return { health, events, stats: never, history: never, blocks: never, alerts: never, limits: never, report: never };
}

/** Runs the loop until `done` says so (or 5 s pass), then stops it; returns what the hooks saw. */
async function run(
  api: Api,
  done: (seen: { states: string[]; refreshes: number }) => boolean,
  hooks: Partial<LiveHooks> = {},
) {
  const seen = { states: [] as string[], refreshes: 0 };
  const stop = new AbortController();
  const loop = runLive(
    api,
    {
      refresh: hooks.refresh ?? (async () => void seen.refreshes++),
      connection: (c: Connection) => seen.states.push(c.state),
      askToken: hooks.askToken ?? (async () => {}),
    },
    stop.signal,
  );
  const deadline = Date.now() + 5000;
  while (!done(seen) && Date.now() < deadline) await Bun.sleep(5);
  stop.abort();
  await loop;
  return seen;
}

describe('runLive', () => {
  it('refreshes on connect and per snapshot, and reconnects after the stream ends', async () => {
    let opened = 0;
    const seen = await run(
      fakeApi(async (signal) =>
        eventStream(
          opened++ === 0 ? ['event: snapshot\ndata: {}\n\n', 'event: call\ndata: {}\n\n'] : [],
          signal,
          opened === 1,
        ),
      ),
      (s) => s.states.filter((x) => x === 'live').length === 2,
    );
    expect(seen.states).toEqual(['connecting', 'live', 'disconnected', 'live']);
    // Connect, the one snapshot (not the call), connect again.
    expect(seen.refreshes).toBe(3);
  });

  it('polls every interval when the daemon has no event stream', async () => {
    const seen = await run(
      fakeApi(async () => undefined),
      (s) => s.refreshes >= 4,
    );
    expect(seen.states).toEqual(['connecting', 'polling']);
    expect(seen.refreshes).toBeGreaterThanOrEqual(4);
  });

  it('says disconnected and retries while the daemon does not answer', async () => {
    let tries = 0;
    const seen = await run(
      fakeApi(
        async (signal) => eventStream([], signal, false),
        async () => {
          if (tries++ < 2) throw new Unreachable('no answer');
          return HEALTH;
        },
      ),
      (s) => s.states.includes('live'),
    );
    expect(seen.states).toEqual(['connecting', 'disconnected', 'disconnected', 'live']);
  });

  it('asks for a token on a 401, tells when the one given was refused, and goes on with the next', async () => {
    const asked: boolean[] = [];
    let given = 0;
    const seen = await run(
      fakeApi(async (signal) => eventStream([], signal, false)),
      (s) => s.states.includes('live'),
      {
        refresh: async () => {
          if (given < 2) throw new Unauthorized(given > 0);
        },
        askToken: async (refused) => {
          asked.push(refused);
          given++;
        },
      },
    );
    expect(asked).toEqual([false, true]);
    expect(seen.states).toEqual(['connecting', 'locked', 'locked', 'live']);
  });
});
