// Decides whether a usage line is a new API response, a copy to drop, or a better copy of one already counted.
// The rule follows ccusage 20.0.24 (probed, see tests/ingest/dedup.test.ts):
//  - no message.id: never deduplicated;
//  - same (message.id, requestId) anywhere: one response (an id without requestId pairs only with others without);
//  - a sidechain line also joins any response of the same session with the same message.id, and a main line joins
//    such a response while only sidechain copies of it are known;
//  - the surviving copy is the non-sidechain one, then the one with more tokens, then the first in path order.
import { key64, type Key64 } from './key-hash.ts';
import { KeyTable } from './key-table.ts';

/** The two keys of a line with a message.id; undefined without one (such lines are never deduplicated). */
export function dedupKeys(messageId: string | undefined, requestId: string | undefined, sessionId: string | undefined): DedupKeys | undefined {
  if (messageId === undefined) return undefined;
  return { byRequest: key64('r', messageId, requestId ?? ''), bySession: key64('s', sessionId ?? '', messageId) };
}

export interface DedupCandidate {
  readonly keys: DedupKeys | undefined;
  readonly isSidechain: boolean;
  readonly totalTokens: number;
  /** The file the line is in; on a tie the file whose path sorts first wins. */
  readonly fileId: number;
}

/** The candidate's two keys, hashed once: by (message.id, requestId) and by (sessionId, message.id). */
export interface DedupKeys {
  readonly byRequest: Key64;
  readonly bySession: Key64;
}

export type DedupDecision =
  | { readonly kind: 'new'; readonly keys: DedupKeys | undefined }
  | { readonly kind: 'duplicate' | 'replace'; readonly group: number; readonly keys: DedupKeys };

/** What the dedup needs to know about a group's current survivor. */
export interface SurvivorView {
  isSidechain(group: number): boolean;
  totalTokens(group: number): number;
  fileId(group: number): number;
  /** Negative when file a's path sorts before file b's. */
  compareFiles(a: number, b: number): number;
}

export class ResponseDedup {
  readonly #keys = new KeyTable(4096);

  constructor(private readonly survivors: SurvivorView) {}

  /** Bytes held by the seen-set. */
  get byteLength(): number {
    return this.#keys.byteLength;
  }

  /** Looks the candidate up; call `register` with the group it ends up in. */
  decide(c: DedupCandidate): DedupDecision {
    const keys = c.keys;
    if (keys === undefined) return { kind: 'new', keys };
    let group = this.#keys.get(keys.byRequest.hi, keys.byRequest.lo);
    if (group === undefined) {
      const sibling = this.#keys.get(keys.bySession.hi, keys.bySession.lo);
      if (sibling !== undefined && (c.isSidechain || this.survivors.isSidechain(sibling))) group = sibling;
    }
    if (group === undefined) return { kind: 'new', keys };
    return { kind: this.#beats(c, group) ? 'replace' : 'duplicate', group, keys };
  }

  /** Points the keys at `group` (the first group registered for a session key keeps it). */
  register(keys: DedupKeys | undefined, group: number): void {
    if (keys === undefined) return;
    this.#keys.set(keys.byRequest.hi, keys.byRequest.lo, group);
    if (this.#keys.get(keys.bySession.hi, keys.bySession.lo) === undefined) this.#keys.set(keys.bySession.hi, keys.bySession.lo, group);
  }

  #beats(c: DedupCandidate, group: number): boolean {
    const survivorSide = this.survivors.isSidechain(group);
    if (survivorSide !== c.isSidechain) return survivorSide;
    const survivorTokens = this.survivors.totalTokens(group);
    if (c.totalTokens !== survivorTokens) return c.totalTokens > survivorTokens;
    return this.survivors.compareFiles(c.fileId, this.survivors.fileId(group)) < 0;
  }
}
