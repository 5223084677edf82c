// Polling a running daemon until it shows what a test waits for: no sleeps that guess how long ingest takes.
import type { HealthBody, StatsBody } from '../../src/client/types.ts';

/** Calls `probe` every `everyMs` until it returns a value (errors count as not yet); throws after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 60_000,
  everyMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(everyMs);
  }
}

/** /api/health and /api/stats totals as the route schemas define them. */
export type DaemonHealth = HealthBody;
export type DaemonTotals = StatsBody['totals'];

export const health = async (url: string): Promise<DaemonHealth> =>
  (await (await fetch(`${url}/api/health`)).json()) as DaemonHealth;
export const totals = async (url: string): Promise<DaemonTotals> =>
  ((await (await fetch(`${url}/api/stats`)).json()) as { totals: DaemonTotals }).totals;

/** Waits for a tick that started after this call and found nothing new to read: everything on disk is counted. */
export async function idleTick(url: string, timeoutMs = 60_000): Promise<DaemonHealth> {
  const after = Date.now();
  return waitFor(
    async () => {
      const h = await health(url);
      return h.ready && h.last_tick && h.last_tick.bytes_read === 0 && Date.parse(h.last_tick.at) > after
        ? h
        : undefined;
    },
    'an idle tick',
    timeoutMs,
  );
}
