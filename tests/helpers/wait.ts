// Polling a running daemon until it shows what a test waits for: no sleeps that guess how long ingest takes.

/** Calls `probe` every 20 ms until it returns a value (errors count as not yet); throws after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

export interface DaemonHealth {
  readonly ready: boolean;
  readonly files_tracked: number;
  /** Bytes read since the store was created (restored on restart). */
  readonly bytes_read: number;
  readonly failed_ticks: number;
  readonly store_error: string | null;
  readonly last_tick: { readonly at: string; readonly bytes_read: number } | null;
}

export interface DaemonTotals {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_tokens: number;
  readonly cache_read_tokens: number;
  readonly total_tokens: number;
  readonly cost: number;
  readonly messages: number;
}

export const health = async (url: string): Promise<DaemonHealth> => (await (await fetch(`${url}/api/health`)).json()) as DaemonHealth;
export const totals = async (url: string): Promise<DaemonTotals> => ((await (await fetch(`${url}/api/stats`)).json()) as { totals: DaemonTotals }).totals;

/** Waits for a tick that started after this call and found nothing new to read: everything on disk is counted. */
export async function idleTick(url: string, timeoutMs = 60_000): Promise<DaemonHealth> {
  const after = Date.now();
  return waitFor(async () => {
    const h = await health(url);
    return h.ready && h.last_tick && h.last_tick.bytes_read === 0 && Date.parse(h.last_tick.at) > after ? h : undefined;
  }, 'an idle tick', timeoutMs);
}
