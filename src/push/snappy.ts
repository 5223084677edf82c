// Snappy's block format (github.com/google/snappy format_description.txt), compression only: what remote write's
// `Content-Encoding: snappy` needs. A greedy matcher over a 4-byte hash, as the reference encoder; the npm packages are
// native addons (which a single compiled binary cannot load) or unmaintained, and this is the whole of it.

const HASH_BITS = 14;
/** Copies with a 2-byte offset reach back at most this far. */
const MAX_OFFSET = 65_535;

class ByteOut {
  #bytes: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.#bytes = new Uint8Array(Math.max(16, capacity));
  }

  push(byte: number): void {
    if (this.length === this.#bytes.length) this.#grow(1);
    this.#bytes[this.length++] = byte;
  }

  copyFrom(source: Uint8Array, from: number, to: number): void {
    if (this.length + (to - from) > this.#bytes.length) this.#grow(to - from);
    this.#bytes.set(source.subarray(from, to), this.length);
    this.length += to - from;
  }

  #grow(n: number): void {
    const next = new Uint8Array(Math.max(this.#bytes.length * 2, this.length + n));
    next.set(this.#bytes.subarray(0, this.length));
    this.#bytes = next;
  }

  result(): Uint8Array {
    return this.#bytes.subarray(0, this.length);
  }
}

function literal(out: ByteOut, input: Uint8Array, from: number, to: number): void {
  if (to <= from) return;
  const n = to - from - 1;
  if (n < 60) out.push(n << 2);
  else {
    const width = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
    out.push((59 + width) << 2);
    for (let i = 0; i < width; i++) out.push((n >>> (8 * i)) & 0xff);
  }
  out.copyFrom(input, from, to);
}

function copy(out: ByteOut, offset: number, length: number): void {
  let left = length;
  // Pieces of 64 bytes at most; a remainder of 65–67 is split so that no piece is shorter than 4.
  while (left >= 68) {
    copy2(out, offset, 64);
    left -= 64;
  }
  if (left > 64) {
    copy2(out, offset, 60);
    left -= 60;
  }
  if (left >= 12 || offset >= 2048) copy2(out, offset, left);
  else {
    out.push(((offset >>> 8) << 5) | ((left - 4) << 2) | 1);
    out.push(offset & 0xff);
  }
}

function copy2(out: ByteOut, offset: number, length: number): void {
  out.push(((length - 1) << 2) | 2);
  out.push(offset & 0xff);
  out.push(offset >>> 8);
}

/** `input` as one snappy block (the uncompressed length, then literals and back-references). */
export function snappyCompress(input: Uint8Array): Uint8Array {
  const out = new ByteOut(input.length + (input.length >>> 4) + 16);
  for (let n = input.length; ; n = Math.floor(n / 0x80)) {
    if (n < 0x80) {
      out.push(n);
      break;
    }
    out.push((n % 0x80) | 0x80);
  }
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const table = new Int32Array(1 << HASH_BITS).fill(-1);
  let pending = 0;
  let i = 0;
  while (i + 4 <= input.length) {
    const word = view.getUint32(i, true);
    const slot = Math.imul(word, 0x1e35a7bd) >>> (32 - HASH_BITS);
    const candidate = table[slot] ?? -1;
    table[slot] = i;
    if (candidate < 0 || i - candidate > MAX_OFFSET || view.getUint32(candidate, true) !== word) {
      i++;
      continue;
    }
    let length = 4;
    while (i + length < input.length && input[candidate + length] === input[i + length]) length++;
    literal(out, input, pending, i);
    copy(out, i - candidate, length);
    i += length;
    pending = i;
  }
  literal(out, input, pending, input.length);
  return out.result();
}
