// The fingerprint of a read position: a CRC-32 of the bytes just before it. A file rewritten in place keeps its inode
// and may grow past the offset read up to; the bytes before that offset then differ, and the file is read again from
// the start (dedup keeps what was counted from counting twice).
import { closeSync, openSync, readSync } from 'node:fs';

/** Bytes before the offset that the fingerprint covers (fewer near the start): several lines, so ids and times differ. */
export const FINGERPRINT_BYTES = 4096;

/** No fingerprint is known (offset 0, or a state from before fingerprints): the position is not checked. */
export const NO_FINGERPRINT = -1;

/** The fingerprint of `bytes`, which must be the file's bytes `[max(0, offset − FINGERPRINT_BYTES), offset)`. */
export const fingerprintOf = (bytes: Uint8Array): number => Bun.hash.crc32(bytes);

/** Reads the bytes before `offset` and fingerprints them; NO_FINGERPRINT at offset 0 or when they cannot be read. */
export function fingerprintAt(path: string, offset: number): number {
  if (offset <= 0) return NO_FINGERPRINT;
  const from = Math.max(0, offset - FINGERPRINT_BYTES);
  const bytes = Buffer.allocUnsafe(offset - from);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const n = readSync(fd, bytes, 0, bytes.byteLength, from);
    return n === bytes.byteLength ? fingerprintOf(bytes) : NO_FINGERPRINT;
  } catch {
    return NO_FINGERPRINT;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
