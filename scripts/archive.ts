// Release archives written byte for byte here (a .tar.gz and a .zip), so every machine that runs `make dist` makes
// the same files whatever its tar or zip: entries in the order given, owner 0, one fixed time, Unix modes kept.
import { deflateRawSync, gzipSync } from 'node:zlib';

export interface ArchiveEntry {
  /** Path inside the archive, `/`-separated. */
  readonly name: string;
  readonly data: Uint8Array;
  /** Unix permission bits (0o755 for the binary). */
  readonly mode: number;
}

const encoder = new TextEncoder();

/** Writes `text` at `offset` of `block`, at most `width` bytes. */
const put = (block: Uint8Array, offset: number, width: number, text: string): void => {
  block.set(encoder.encode(text).subarray(0, width), offset);
};

const octal = (value: number, width: number): string => `${value.toString(8).padStart(width - 1, '0')}\0`;

/** One ustar header block. */
function tarHeader(entry: ArchiveEntry, mtimeS: number): Uint8Array {
  if (encoder.encode(entry.name).length > 100) throw new Error(`archive entry name too long: ${entry.name}`);
  const block = new Uint8Array(512);
  put(block, 0, 100, entry.name);
  put(block, 100, 8, octal(entry.mode, 8));
  put(block, 108, 8, octal(0, 8));
  put(block, 116, 8, octal(0, 8));
  put(block, 124, 12, octal(entry.data.length, 12));
  put(block, 136, 12, octal(mtimeS, 12));
  put(block, 148, 8, '        '); // the checksum counts its own field as spaces
  put(block, 156, 1, '0');
  put(block, 257, 8, 'ustar\u000000');
  put(block, 265, 32, 'root');
  put(block, 297, 32, 'root');
  const sum = block.reduce((a, b) => a + b, 0);
  put(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** A gzip-compressed ustar archive of `entries`, every one dated `mtimeS` (Unix seconds). */
export function tarGz(entries: readonly ArchiveEntry[], mtimeS: number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    parts.push(tarHeader(entry, mtimeS), entry.data);
    const pad = (512 - (entry.data.length % 512)) % 512;
    if (pad > 0) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(1024));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

/** MS-DOS date and time fields of a UTC moment (2-second resolution, from 1980). */
function dosTime(mtimeS: number): { time: number; date: number } {
  const d = new Date(Math.max(mtimeS, 315_532_800) * 1000);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** A zip archive of `entries`, each deflated; Unix modes in the external attributes (made by Unix, version 2.0). */
export function zip(entries: readonly ArchiveEntry[], mtimeS: number): Uint8Array {
  const { time, date } = dosTime(mtimeS);
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const packed = deflateRawSync(entry.data, { level: 9 });
    const crc = Bun.hash.crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    local.copy(central, 6, 4, 28); // version needed … name length: the same fields
    central.writeUInt32LE(((0o100000 | entry.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
