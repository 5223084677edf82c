// Per-session rollups on the ingest side: first and last activity, sums per model and of subagent (sidechain) usage.
// Their size grows with sessions × models, never with responses.
import type { Contribution } from '../metrics/usage-cube.ts';
import { SUM_FIELDS, type SessionRollupWire } from './types.ts';

export interface SessionRollup {
  project: number;
  /** Epoch ms of the first and the latest response added (a replaced copy does not move them back). */
  first: number;
  last: number;
  /** model id → sums (see SUM_FIELDS), in order of first use. */
  readonly models: Map<number, Float64Array>;
  readonly subagent: Float64Array;
}

/** Adds (sign 1) or removes (-1) a contribution to packed sums. */
export function addContribution(sums: Float64Array, offset: number, c: Contribution, sign: 1 | -1): void {
  const t = c.tokens;
  sums[offset] = (sums[offset] ?? 0) + sign * t.input;
  sums[offset + 1] = (sums[offset + 1] ?? 0) + sign * t.output;
  sums[offset + 2] = (sums[offset + 2] ?? 0) + sign * t.cacheCreation5m;
  sums[offset + 3] = (sums[offset + 3] ?? 0) + sign * t.cacheCreation1h;
  sums[offset + 4] = (sums[offset + 4] ?? 0) + sign * t.cacheRead;
  sums[offset + 5] = (sums[offset + 5] ?? 0) + sign * c.cost;
  if (c.failed) sums[offset + 7] = (sums[offset + 7] ?? 0) + sign;
  else sums[offset + 6] = (sums[offset + 6] ?? 0) + sign;
}

export class SessionRollups {
  readonly #sessions = new Map<number, SessionRollup>();
  #lastId = -1;
  #last: SessionRollup | undefined;

  apply(c: Contribution, sign: 1 | -1): void {
    let s = this.#lastId === c.session ? this.#last : this.#sessions.get(c.session);
    if (!s) {
      s = { project: c.project, first: c.timestamp, last: c.timestamp, models: new Map(), subagent: new Float64Array(SUM_FIELDS) };
      this.#sessions.set(c.session, s);
    }
    this.#lastId = c.session;
    this.#last = s;
    if (sign > 0) {
      if (c.timestamp < s.first) s.first = c.timestamp;
      if (c.timestamp > s.last) s.last = c.timestamp;
    }
    let m = s.models.get(c.model);
    if (!m) s.models.set(c.model, (m = new Float64Array(SUM_FIELDS)));
    addContribution(m, 0, c, sign);
    if (c.isSidechain) addContribution(s.subagent, 0, c, sign);
  }

  get size(): number {
    return this.#sessions.size;
  }

  ids(): IterableIterator<number> {
    return this.#sessions.keys();
  }

  wire(session: number): SessionRollupWire | undefined {
    const s = this.#sessions.get(session);
    if (!s) return undefined;
    return {
      session, project: s.project, first: s.first, last: s.last,
      models: [...s.models].map(([model, sums]) => [model, ...sums]),
      subagent: [...s.subagent],
    };
  }
}
