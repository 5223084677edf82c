// Decides whether a usage line is a new API response, a copy to drop, or a better copy of one already counted.
// The rule follows ccusage 20.0.24 (checked against it in tests/ingest/dedup.test.ts):
//  - no message.id: never deduplicated;
//  - same (message.id, requestId) anywhere: one response (an id without requestId pairs only with others without);
//  - a sidechain line also joins a response of the same session with the same message.id, and a main line joins
//    such a response while only sidechain copies of it are known;
//  - the surviving copy is the non-sidechain one, then the one with more tokens, then the costlier one (a fast-mode
//    copy over a standard one), then the one that carries `usage.speed`, then the first in path order — among copies
//    first seen in the same tick only: a survivor counted in an earlier tick keeps its place on a full tie.
// Memory: one 64-bit message-id key per response in a typed-array table, plus one 17-byte node per distinct
// (requestId, session) a message id was seen with: about 45 MB for a million responses.
import { key64, type Key64 } from './key-hash.ts';
import { KeyTable } from './key-table.ts';

/** End of a chain. -1 in an Int32Array: a sentinel of 2³²−1 in a Uint32Array reads as a double, and every chain's
 * end then sent the JIT-compiled loop back to the interpreter (thousands of deoptimizations per cold ingest). */
const NONE = -1;
const REQ_SEED = 0x5bd1e995;

/** A line's dedup identity: its message id hashed to 64 bits, its requestId to 32 (compared only within one message id). */
export interface DedupKeys {
  readonly message: Key64;
  /** Hash of the requestId; meaningful only when `hasRequest`. */
  readonly request: number;
  readonly hasRequest: boolean;
}

/** Undefined for lines without message.id: they are never deduplicated. */
export function dedupKeys(messageId: string | undefined, requestId: string | undefined): DedupKeys | undefined {
  if (messageId === undefined) return undefined;
  return {
    message: key64('m', messageId, ''),
    request: requestId === undefined ? 0 : Bun.hash.murmur32v3(requestId, REQ_SEED),
    hasRequest: requestId !== undefined,
  };
}

export interface DedupCandidate {
  readonly keys: DedupKeys | undefined;
  /** Interned session id of the line. */
  readonly session: number;
  readonly isSidechain: boolean;
  readonly totalTokens: number;
  /** The file the line is in; on a tie the file whose path sorts first wins. */
  readonly fileId: number;
  /** The line carries `usage.speed`. */
  readonly hasSpeed: boolean;
}

export type DedupDecision =
  | { readonly kind: 'new' }
  | { readonly kind: 'duplicate' | 'replace'; readonly group: number };

/** What the dedup needs to know about a group's current survivor. */
export interface SurvivorView<C extends DedupCandidate = DedupCandidate> {
  isSidechain(group: number): boolean;
  totalTokens(group: number): number;
  /** Positive when the candidate costs more than the group's survivor (asked only of copies equal in tokens), USD. */
  compareCost(candidate: C, group: number): number;
  hasSpeed(group: number): boolean;
  fileId(group: number): number;
  /** The survivor was counted in an earlier tick: a copy equal to it in every figure leaves it in place. */
  settled(group: number): boolean;
  /** Negative when file a's path sorts before file b's. */
  compareFiles(a: number, b: number): number;
}

/** Nodes: one per distinct (message id, requestId, session), chained per message id in arrival order. */
class NodeList {
  request = new Uint32Array(1024);
  session = new Uint32Array(1024);
  group = new Uint32Array(1024);
  next = new Int32Array(1024).fill(NONE);
  hasRequest = new Uint8Array(1024);
  size = 0;

  add(keys: DedupKeys, session: number, group: number): number {
    if (this.size === this.group.length) this.#grow();
    const i = this.size++;
    this.request[i] = keys.request;
    this.hasRequest[i] = keys.hasRequest ? 1 : 0;
    this.session[i] = session;
    this.group[i] = group;
    this.next[i] = NONE;
    return i;
  }

  get byteLength(): number {
    return this.group.length * 17;
  }

  #grow(): void {
    const n = Math.ceil(this.group.length * 1.5);
    const grow = <A extends Uint32Array | Int32Array | Uint8Array>(a: A, b: A, fill?: number): A => {
      if (fill !== undefined) b.fill(fill);
      b.set(a);
      return b;
    };
    this.request = grow(this.request, new Uint32Array(n));
    this.session = grow(this.session, new Uint32Array(n));
    this.group = grow(this.group, new Uint32Array(n));
    this.next = grow(this.next, new Int32Array(n), NONE);
    this.hasRequest = grow(this.hasRequest, new Uint8Array(n));
  }
}

/** One seen (message id, requestId, session) and the response it belongs to, as persisted. */
export interface DedupNode {
  readonly messageHi: number;
  readonly messageLo: number;
  readonly request: number;
  readonly hasRequest: boolean;
  readonly session: number;
  readonly group: number;
}

const NEW: DedupDecision = { kind: 'new' };

export class ResponseDedup<C extends DedupCandidate = DedupCandidate> {
  readonly #heads = new KeyTable(4096);
  readonly #nodes = new NodeList();
  /** Message keys of nodes added since the last takeNewNodes, only when persisting (cleared on take). */
  #newKeys: number[] = [];
  #persisted = 0;
  /** The last message key looked up and its chain head: decide, then register, look up the same key. */
  #probeHi = -1;
  #probeLo = -1;
  #probeHead: number | undefined;

  /** @param trackNewNodes keep what `takeNewNodes` needs (only when a store persists the seen-set). */
  constructor(
    private readonly survivors: SurvivorView<C>,
    private readonly trackNewNodes = false,
  ) {}

  /** Bytes held by the seen-set. */
  get byteLength(): number {
    return this.#heads.byteLength + this.#nodes.byteLength;
  }

  decide(c: C): DedupDecision {
    const group = this.#find(c);
    if (group === undefined) return NEW;
    return { kind: this.#beats(c, group) ? 'replace' : 'duplicate', group };
  }

  /** Records that the candidate now belongs to `group` (its new group, or the one it was merged into). */
  register(c: DedupCandidate, group: number): void {
    const keys = c.keys;
    if (keys === undefined) return;
    const nodes = this.#nodes;
    const head = this.#head(keys);
    if (head !== undefined) {
      for (let i = head; i !== NONE; i = nodes.next[i] ?? NONE) {
        if (this.#sameRequest(i, keys) && nodes.session[i] === c.session) return;
      }
    }
    this.#append(keys, c.session, group);
  }

  /** Adds a node at the end of its message id's chain. */
  #append(keys: DedupKeys, session: number, group: number): void {
    const nodes = this.#nodes;
    const node = nodes.add(keys, session, group);
    if (this.trackNewNodes) this.#newKeys.push(keys.message.hi, keys.message.lo);
    const head = this.#head(keys);
    if (head === undefined) {
      this.#heads.set(keys.message.hi, keys.message.lo, node);
      this.#probeHead = node; // (#head just probed this very key)
      return;
    }
    let last = head;
    for (let i = nodes.next[head] ?? NONE; i !== NONE; i = nodes.next[i] ?? NONE) last = i;
    nodes.next[last] = node;
  }

  /** Nodes added since the last call, in order (for persistence). */
  takeNewNodes(): DedupNode[] {
    const nodes = this.#nodes;
    const out: DedupNode[] = [];
    for (let i = this.#persisted, k = 0; i < nodes.size; i++, k += 2) {
      out.push({
        messageHi: this.#newKeys[k] ?? 0,
        messageLo: this.#newKeys[k + 1] ?? 0,
        request: nodes.request[i] ?? 0,
        hasRequest: nodes.hasRequest[i] === 1,
        session: nodes.session[i] ?? 0,
        group: nodes.group[i] ?? 0,
      });
    }
    this.#persisted = nodes.size;
    this.#newKeys = [];
    return out;
  }

  /** Re-adds persisted nodes in their original order. */
  restore(list: readonly DedupNode[]): void {
    for (const n of list) {
      this.#append(
        { message: { hi: n.messageHi, lo: n.messageLo }, request: n.request, hasRequest: n.hasRequest },
        n.session,
        n.group,
      );
    }
    this.#persisted = this.#nodes.size;
    this.#newKeys = [];
  }

  /** The first node of the key's chain, or undefined. */
  #head(keys: DedupKeys): number | undefined {
    const { hi, lo } = keys.message;
    if (hi === this.#probeHi && lo === this.#probeLo) return this.#probeHead;
    const head = this.#heads.get(hi, lo);
    this.#probeHi = hi;
    this.#probeLo = lo;
    this.#probeHead = head;
    return head;
  }

  #sameRequest(node: number, keys: DedupKeys): boolean {
    return (this.#nodes.hasRequest[node] === 1) === keys.hasRequest && this.#nodes.request[node] === keys.request;
  }

  #find(c: DedupCandidate): number | undefined {
    const keys = c.keys;
    if (keys === undefined) return undefined;
    const nodes = this.#nodes;
    const head = this.#head(keys);
    if (head === undefined) return undefined;
    for (let i = head; i !== NONE; i = nodes.next[i] ?? NONE) {
      if (this.#sameRequest(i, keys)) return nodes.group[i];
    }
    for (let i = head; i !== NONE; i = nodes.next[i] ?? NONE) {
      const group = nodes.group[i] ?? NONE;
      if (nodes.session[i] === c.session && (c.isSidechain || this.survivors.isSidechain(group))) return group;
    }
    return undefined;
  }

  #beats(c: C, group: number): boolean {
    const survivors = this.survivors;
    const survivorSide = survivors.isSidechain(group);
    if (survivorSide !== c.isSidechain) return survivorSide;
    const survivorTokens = survivors.totalTokens(group);
    if (c.totalTokens !== survivorTokens) return c.totalTokens > survivorTokens;
    const cost = survivors.compareCost(c, group);
    if (cost !== 0) return cost > 0;
    const survivorSpeed = survivors.hasSpeed(group);
    if (survivorSpeed !== c.hasSpeed) return c.hasSpeed;
    if (survivors.settled(group)) return false;
    return survivors.compareFiles(c.fileId, survivors.fileId(group)) < 0;
  }
}
