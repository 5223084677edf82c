// Decides whether a usage line is a new API response, a copy to drop, or a better copy of one already counted.
// The rule follows ccusage 20.0.24 (probed, see tests/ingest/dedup.test.ts):
//  - no message.id: never deduplicated;
//  - same (message.id, requestId) anywhere: one response (an id without requestId pairs only with others without);
//  - a sidechain line also joins any response of the same session with the same message.id, and a main line joins
//    such a response while only sidechain copies of it are known;
//  - the surviving copy is the non-sidechain one, then the one with more tokens, then the first in path order.
import { key64 } from './key-hash.ts';
import { KeyTable } from './key-table.ts';

export interface DedupCandidate {
  readonly messageId: string | undefined;
  readonly requestId: string | undefined;
  readonly sessionId: string | undefined;
  readonly isSidechain: boolean;
  readonly totalTokens: number;
  /** The file the line is in; on a tie the file whose path sorts first wins. */
  readonly fileId: number;
}

export type DedupDecision =
  | { readonly kind: 'new' }
  | { readonly kind: 'duplicate'; readonly group: number }
  | { readonly kind: 'replace'; readonly group: number };

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
    if (c.messageId === undefined) return { kind: 'new' };
    const byRequest = key64('r', c.messageId, c.requestId ?? '');
    let group = this.#keys.get(byRequest.hi, byRequest.lo);
    if (group === undefined) {
      const bySession = key64('s', c.sessionId ?? '', c.messageId);
      const sibling = this.#keys.get(bySession.hi, bySession.lo);
      if (sibling !== undefined && (c.isSidechain || this.survivors.isSidechain(sibling))) group = sibling;
    }
    if (group === undefined) return { kind: 'new' };
    return this.#beats(c, group) ? { kind: 'replace', group } : { kind: 'duplicate', group };
  }

  /** Records the candidate's keys as pointing at `group` (first registration of a session key wins). */
  register(c: DedupCandidate, group: number): void {
    if (c.messageId === undefined) return;
    const byRequest = key64('r', c.messageId, c.requestId ?? '');
    this.#keys.set(byRequest.hi, byRequest.lo, group);
    const bySession = key64('s', c.sessionId ?? '', c.messageId);
    if (this.#keys.get(bySession.hi, bySession.lo) === undefined) this.#keys.set(bySession.hi, bySession.lo, group);
  }

  #beats(c: DedupCandidate, group: number): boolean {
    const survivorSide = this.survivors.isSidechain(group);
    if (survivorSide !== c.isSidechain) return survivorSide;
    const survivorTokens = this.survivors.totalTokens(group);
    if (c.totalTokens !== survivorTokens) return c.totalTokens > survivorTokens;
    return this.survivors.compareFiles(c.fileId, this.survivors.fileId(group)) < 0;
  }
}
