// Compact storage of the surviving copy of each deduplicated API response (struct of typed arrays, ~43 bytes a response).
import type { TokenCounts } from './types.ts';

/** The largest token count one response may carry; larger values are rejected at parse time. */
export const MAX_TOKENS = 0xffffffff;

const FLAG_SIDECHAIN = 1;
const FLAG_FAILED = 2;
const FLAG_SPEED = 4;

export interface StoredResponse {
  readonly tokens: TokenCounts;
  /** Epoch ms. */
  readonly timestamp: number;
  readonly fileId: number;
  readonly model: number;
  readonly project: number;
  readonly session: number;
  readonly isSidechain: boolean;
  readonly failed: boolean;
  readonly costUSD: number | undefined;
  /** The copy carried `usage.speed` (a tie-break between equal copies). */
  readonly hasSpeed: boolean;
  /** Epoch ms at which the plan limit this API error announced resets. */
  readonly limitResetAt: number | undefined;
}

export class ResponseStore {
  #capacity = 0;
  #size = 0;
  #tokens = new Uint32Array(0);
  /** Epoch seconds as doubles: any date a timestamp can name (years 0000–9999) is kept as written, never wrapped. */
  #seconds = new Float64Array(0);
  /** The millisecond within the second (`session --id` lists calls to the ms, as the logs have them). */
  #millis = new Uint16Array(0);
  #fileId = new Uint32Array(0);
  #session = new Uint32Array(0);
  #model = new Uint16Array(0);
  #project = new Uint16Array(0);
  #flags = new Uint8Array(0);
  /** Only responses whose line carried costUSD (old Claude Code versions). */
  #costUSD = new Map<number, number>();
  /** Only API errors that announced a limit's reset time. */
  #limitResetAt = new Map<number, number>();
  /** Indices written since the last takeDirty (new or replaced survivors); tracked only for a persistent store. */
  readonly #dirty = new Set<number>();

  constructor(private readonly trackDirty = false) {}

  get size(): number {
    return this.#size;
  }

  get byteLength(): number {
    return this.#capacity * (5 * 4 + 8 + 2 + 4 + 4 + 2 + 2 + 1);
  }

  /** Appends a response; returns its index. */
  add(response: StoredResponse): number {
    if (this.#size === this.#capacity) this.#grow();
    const index = this.#size++;
    this.write(index, response);
    return index;
  }

  write(index: number, r: StoredResponse): void {
    if (this.trackDirty) this.#dirty.add(index);
    const t = index * 5;
    this.#tokens[t] = r.tokens.input;
    this.#tokens[t + 1] = r.tokens.output;
    this.#tokens[t + 2] = r.tokens.cacheCreation5m;
    this.#tokens[t + 3] = r.tokens.cacheCreation1h;
    this.#tokens[t + 4] = r.tokens.cacheRead;
    const seconds = Math.floor(r.timestamp / 1000);
    this.#seconds[index] = seconds;
    this.#millis[index] = Math.round(r.timestamp - seconds * 1000);
    this.#fileId[index] = r.fileId;
    this.#session[index] = r.session;
    this.#model[index] = r.model;
    this.#project[index] = r.project;
    this.#flags[index] =
      (r.isSidechain ? FLAG_SIDECHAIN : 0) | (r.failed ? FLAG_FAILED : 0) | (r.hasSpeed ? FLAG_SPEED : 0);
    if (r.costUSD === undefined) this.#costUSD.delete(index);
    else this.#costUSD.set(index, r.costUSD);
    if (r.limitResetAt === undefined) this.#limitResetAt.delete(index);
    else this.#limitResetAt.set(index, r.limitResetAt);
  }

  /** What dedup asks of a survivor, read in place (no object per question). */
  isSidechain(index: number): boolean {
    return ((this.#flags[index] ?? 0) & FLAG_SIDECHAIN) !== 0;
  }

  totalTokens(index: number): number {
    const t = index * 5;
    const tokens = this.#tokens;
    return (tokens[t] ?? 0) + (tokens[t + 1] ?? 0) + (tokens[t + 2] ?? 0) + (tokens[t + 3] ?? 0) + (tokens[t + 4] ?? 0);
  }

  hasSpeed(index: number): boolean {
    return ((this.#flags[index] ?? 0) & FLAG_SPEED) !== 0;
  }

  fileId(index: number): number {
    return this.#fileId[index] ?? 0;
  }

  read(index: number): StoredResponse {
    const t = index * 5;
    const flags = this.#flags[index] ?? 0;
    return {
      tokens: {
        input: this.#tokens[t] ?? 0,
        output: this.#tokens[t + 1] ?? 0,
        cacheCreation5m: this.#tokens[t + 2] ?? 0,
        cacheCreation1h: this.#tokens[t + 3] ?? 0,
        cacheRead: this.#tokens[t + 4] ?? 0,
      },
      timestamp: (this.#seconds[index] ?? 0) * 1000 + (this.#millis[index] ?? 0),
      fileId: this.#fileId[index] ?? 0,
      model: this.#model[index] ?? 0,
      project: this.#project[index] ?? 0,
      session: this.#session[index] ?? 0,
      isSidechain: (flags & FLAG_SIDECHAIN) !== 0,
      failed: (flags & FLAG_FAILED) !== 0,
      costUSD: this.#costUSD.get(index),
      hasSpeed: (flags & FLAG_SPEED) !== 0,
      limitResetAt: this.#limitResetAt.get(index),
    };
  }

  /** Indices written since the last call, ascending. */
  takeDirty(): number[] {
    const out = [...this.#dirty].sort((a, b) => a - b);
    this.#dirty.clear();
    return out;
  }

  #grow(): void {
    const capacity = Math.max(1024, Math.ceil(this.#capacity * 1.5));
    const grow = <A extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(
      old: A,
      make: (n: number) => A,
      per = 1,
    ): A => {
      const next = make(capacity * per);
      next.set(old);
      return next;
    };
    this.#tokens = grow(this.#tokens, (n) => new Uint32Array(n), 5);
    this.#seconds = grow(this.#seconds, (n) => new Float64Array(n));
    this.#millis = grow(this.#millis, (n) => new Uint16Array(n));
    this.#fileId = grow(this.#fileId, (n) => new Uint32Array(n));
    this.#session = grow(this.#session, (n) => new Uint32Array(n));
    this.#model = grow(this.#model, (n) => new Uint16Array(n));
    this.#project = grow(this.#project, (n) => new Uint16Array(n));
    this.#flags = grow(this.#flags, (n) => new Uint8Array(n));
    this.#capacity = capacity;
  }
}
