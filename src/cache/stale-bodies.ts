// The /api/stats bodies of the latest tick, each completed with its `stale_s` (how old the figures are, in 0.1 s
// steps) when asked for. A body is built once per range and step, so a hot path gets the same string until it changes.
// Kept free of ingest code: the HTTP front worker imports it.
import type { TimeRangeName } from '../api/values.ts';

/** Per range, the body without its closing `,"stale_s":…}`. */
export type StatsBodies = Readonly<Record<TimeRangeName, string>>;

/** How old the figures are, in the 0.1 s steps `stale_s` reports. */
export const staleSeconds = (ageMs: number): number => Math.max(0, Math.round(ageMs / 100) / 10);

export function withStaleness(prefix: string, staleSeconds: number): string {
  return `${prefix},"stale_s":${staleSeconds}}`;
}

export class StaleBodies {
  #latest: { readonly bodies: StatsBodies; readonly at: number } | undefined;
  readonly #served = new Map<
    TimeRangeName,
    { readonly prefix: string; readonly stale: number; readonly body: string }
  >();

  /** The latest tick's bodies and the time (epoch ms) they are as of. */
  set(bodies: StatsBodies, at: number): void {
    this.#latest = { bodies, at };
  }

  get latest(): { readonly bodies: StatsBodies; readonly at: number } | undefined {
    return this.#latest;
  }

  /** The body for `range` as of `now` (epoch ms); undefined before the first `set`. */
  body(range: TimeRangeName, now: number): string | undefined {
    const latest = this.#latest;
    if (!latest) return undefined;
    const prefix = latest.bodies[range];
    const stale = staleSeconds(now - latest.at);
    const last = this.#served.get(range);
    if (last?.prefix === prefix && last.stale === stale) return last.body;
    const body = withStaleness(prefix, stale);
    this.#served.set(range, { prefix, stale, body });
    return body;
  }
}
