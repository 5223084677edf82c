// Packs ParsedResponses into one Float64Array plus a small string table, so worker threads hand them over cheaply.
import type { ParsedResponse } from '../ledger/types.ts';

const STRIDE = 17;
const F_KEYS = 1;
const F_SIDECHAIN = 2;
const F_API_ERROR = 4;
const F_SPEED = 8;

export interface EncodedResponses {
  readonly numbers: Float64Array;
  readonly strings: readonly string[];
  readonly count: number;
}

export class ResponseEncoder {
  #numbers = new Float64Array(STRIDE * 256);
  #count = 0;
  readonly #strings: string[] = [];
  readonly #ids = new Map<string, number>();
  /** Per field (model, session, cwd): the last string and its id; a transcript's lines mostly repeat them. */
  readonly #lastString: (string | undefined)[] = [undefined, undefined, undefined];
  readonly #lastId: number[] = [-1, -1, -1];

  #string(field: 0 | 1 | 2, s: string | undefined): number {
    if (s === undefined) return -1;
    if (s === this.#lastString[field]) return this.#lastId[field] ?? -1;
    let id = this.#ids.get(s);
    if (id === undefined) {
      id = this.#strings.length;
      this.#strings.push(s);
      this.#ids.set(s, id);
    }
    this.#lastString[field] = s;
    this.#lastId[field] = id;
    return id;
  }

  add(r: ParsedResponse): void {
    if ((this.#count + 1) * STRIDE > this.#numbers.length) {
      const next = new Float64Array(this.#numbers.length * 2);
      next.set(this.#numbers);
      this.#numbers = next;
    }
    const n = this.#numbers;
    const o = this.#count++ * STRIDE;
    n[o] = r.timestamp;
    n[o + 1] = r.tokens.input;
    n[o + 2] = r.tokens.output;
    n[o + 3] = r.tokens.cacheCreation5m;
    n[o + 4] = r.tokens.cacheCreation1h;
    n[o + 5] = r.tokens.cacheRead;
    n[o + 6] = r.costUSD ?? Number.NaN;
    n[o + 7] =
      (r.keys ? F_KEYS : 0) |
      (r.isSidechain ? F_SIDECHAIN : 0) |
      (r.isApiError ? F_API_ERROR : 0) |
      (r.hasSpeed ? F_SPEED : 0);
    n[o + 8] = r.keys?.message.hi ?? 0;
    n[o + 9] = r.keys?.message.lo ?? 0;
    n[o + 10] = r.keys?.request ?? 0;
    n[o + 11] = r.keys?.hasRequest ? 1 : 0;
    n[o + 12] = this.#string(0, r.model);
    n[o + 13] = this.#string(1, r.sessionId);
    n[o + 14] = r.delayMs ?? Number.NaN;
    n[o + 15] = this.#string(2, r.cwd);
    n[o + 16] = r.limitResetAt ?? Number.NaN;
  }

  /** Hands over what was added and starts afresh (the array is transferable). */
  take(): EncodedResponses {
    const out = {
      numbers: this.#numbers.subarray(0, this.#count * STRIDE),
      strings: [...this.#strings],
      count: this.#count,
    };
    this.#numbers = new Float64Array(STRIDE * 256);
    this.#count = 0;
    this.#strings.length = 0;
    this.#ids.clear();
    this.#lastString.fill(undefined);
    this.#lastId.fill(-1);
    return out;
  }
}

const orUndefined = (x: number): number | undefined => (Number.isNaN(x) ? undefined : x);

/** Decodes responses `[from, to)` of a batch. */
export function decodeResponses(batch: EncodedResponses, from = 0, to = batch.count): ParsedResponse[] {
  const n = batch.numbers;
  const out: ParsedResponse[] = [];
  for (let i = from; i < to; i++) {
    const o = i * STRIDE;
    const flags = n[o + 7] ?? 0;
    const model = n[o + 12] ?? -1;
    const session = n[o + 13] ?? -1;
    const cwd = n[o + 15] ?? -1;
    out.push({
      timestamp: n[o] ?? 0,
      tokens: {
        input: n[o + 1] ?? 0,
        output: n[o + 2] ?? 0,
        cacheCreation5m: n[o + 3] ?? 0,
        cacheCreation1h: n[o + 4] ?? 0,
        cacheRead: n[o + 5] ?? 0,
      },
      costUSD: orUndefined(n[o + 6] ?? Number.NaN),
      isSidechain: (flags & F_SIDECHAIN) !== 0,
      isApiError: (flags & F_API_ERROR) !== 0,
      keys:
        flags & F_KEYS
          ? { message: { hi: n[o + 8] ?? 0, lo: n[o + 9] ?? 0 }, request: n[o + 10] ?? 0, hasRequest: n[o + 11] === 1 }
          : undefined,
      model: model < 0 ? undefined : batch.strings[model],
      sessionId: session < 0 ? undefined : batch.strings[session],
      cwd: cwd < 0 ? undefined : batch.strings[cwd],
      delayMs: orUndefined(n[o + 14] ?? Number.NaN),
      hasSpeed: (flags & F_SPEED) !== 0,
      limitResetAt: orUndefined(n[o + 16] ?? Number.NaN),
    });
  }
  return out;
}
