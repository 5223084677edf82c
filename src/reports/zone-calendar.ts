// Local calendar days of an IANA time zone, from Intl's offsets: which local day an instant falls on (a DST day has 23
// or 25 hours; +05:45 and -03:30 zones work). Offsets are looked up once per UTC day and cached, so a report over a
// year of 15-minute buckets asks Intl a few hundred times, not tens of thousands.
import { DAY_MS } from './civil-date.ts';

/** Thrown for a zone name Intl does not know. */
export class UnknownZoneError extends Error {
  constructor(readonly zone: string) {
    super(
      `unknown time zone '${zone.slice(0, 60)}': use an IANA name such as UTC, Europe/Berlin, America/New_York or Asia/Kathmandu`,
    );
    this.name = 'UnknownZoneError';
  }
}

/** The zone the process runs in (TZ, else the system's). */
export const systemZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';

/** Offsets only change on 15-minute marks, so a transition is found to that precision. */
const STEP_MS = 15 * 60_000;

interface DayOffsets {
  /** Offset (ms, local minus UTC) at the UTC day's start. */
  readonly start: number;
  /** Offset at the next UTC day's start; differs from `start` when a transition falls inside the day. */
  readonly end: number;
  /** First instant (epoch ms) at which `end` applies. */
  readonly switchAt: number;
}

export class ZoneCalendar {
  readonly zone: string;
  readonly #format: Intl.DateTimeFormat;
  readonly #days = new Map<number, DayOffsets>();

  /** @throws UnknownZoneError */
  constructor(zone: string) {
    try {
      this.#format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new UnknownZoneError(zone);
    }
    this.zone = this.#format.resolvedOptions().timeZone;
  }

  /** Local minus UTC at `ms`, ms. */
  offsetAt(ms: number): number {
    const day = Math.floor(ms / DAY_MS);
    const o = this.#offsets(day);
    return ms < o.switchAt ? o.start : o.end;
  }

  /** The local day number (days since 1970-01-01 on the zone's calendar) of an instant. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  /** The first instant of local day `day`: epoch ms. */
  startOfDay(day: number): number {
    // The offset in force at local midnight: try the offsets around it (at most one transition near a midnight).
    const guess = day * DAY_MS;
    for (const probe of [
      guess - this.offsetAt(guess),
      guess - this.offsetAt(guess - DAY_MS),
      guess - this.offsetAt(guess + DAY_MS),
    ]) {
      if (this.dayOf(probe) === day && this.dayOf(probe - 1) === day - 1) return probe;
    }
    // Midnight skipped by a transition: the day starts when the clock jumps past it.
    let t = guess - this.offsetAt(guess) - DAY_MS;
    while (this.dayOf(t) < day) t += STEP_MS;
    return t;
  }

  #offsets(day: number): DayOffsets {
    let o = this.#days.get(day);
    if (o) return o;
    const from = day * DAY_MS;
    const start = this.#intlOffset(from);
    const end = this.#intlOffset(from + DAY_MS);
    let switchAt = from + DAY_MS;
    if (start !== end) {
      // Binary search on 15-minute steps for the first instant with the new offset.
      let lo = 0;
      let hi = DAY_MS / STEP_MS;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (this.#intlOffset(from + mid * STEP_MS) === start) lo = mid;
        else hi = mid;
      }
      switchAt = from + hi * STEP_MS;
    }
    o = { start, end, switchAt };
    this.#days.set(day, o);
    return o;
  }

  #intlOffset(ms: number): number {
    const f: Record<string, number> = {};
    for (const part of this.#format.formatToParts(ms)) if (part.type !== 'literal') f[part.type] = Number(part.value);
    const local = Date.UTC(f.year ?? 1970, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
    return local - Math.floor(ms / 1000) * 1000;
  }
}
