// 64-bit keys for dedup, as two 32-bit halves: the seen-set stores numbers, never strings.

export interface Key64 {
  readonly hi: number;
  readonly lo: number;
}

const SEED_HI = 0x9747b28c;
const SEED_LO = 0x2c1b3c6d;

/** Hashes the parts (joined with a separator no id contains) to 64 bits; collisions are ~N²/2⁶⁵, negligible for millions of keys. */
export function key64(kind: string, a: string, b: string): Key64 {
  const text = `${kind}\u0000${a}\u0000${b}`;
  return { hi: Bun.hash.murmur32v3(text, SEED_HI), lo: Bun.hash.murmur32v3(text, SEED_LO) };
}
