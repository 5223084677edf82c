// Row checksums: every row of the ingest state carries a CRC-32 of its values, written with it and checked when the
// state is loaded. SQLite keeps no checksums of content (`PRAGMA integrity_check` checks structure only), so without
// them a flipped byte in a stored token count or offset would be a wrong total that looks fine.

/** A stored row does not match its checksum, or rows are missing: the store is set aside and rebuilt from the logs. */
export class StoreCheckError extends Error {
  constructor(what: string) {
    super(`its content fails its checksums (${what})`);
    this.name = 'StoreCheckError';
  }
}

/** Stands for SQL NULL among a row's numbers. */
const NULL = -1.2345678901234567e300;

export class RowChecksums {
  readonly #numbers = new Float64Array(24);
  readonly #bytes = new Uint8Array(this.#numbers.buffer);

  /** CRC-32 of a row: its numbers (as doubles, NULL as a sentinel), then its text. */
  of(numbers: readonly (number | null | undefined)[], text = ''): number {
    const a = this.#numbers;
    for (let i = 0; i < numbers.length; i++) a[i] = numbers[i] ?? NULL;
    const head = Bun.hash.crc32(this.#bytes.subarray(0, numbers.length * 8));
    return text === '' ? head : Bun.hash.crc32(text, head);
  }

  /** Throws StoreCheckError unless `crc` is the row's checksum. */
  check(crc: unknown, numbers: readonly (number | null | undefined)[], text: string, what: string): void {
    if (crc !== this.of(numbers, text)) throw new StoreCheckError(what);
  }
}

/** The columns each checked table's checksum covers, in order: numbers, then text (joined by NUL). */
export const CHECKED_COLUMNS = {
  names: { numbers: ['kind', 'id'], text: ['name'] },
  files: {
    numbers: ['file_id', 'dev', 'ino', 'size', 'mtime_ms', 'offset', 'skipping', 'fingerprint'],
    text: ['path', 'project', 'session'],
  },
  responses: {
    numbers: [
      'grp',
      'input',
      'output',
      'cc5m',
      'cc1h',
      'cache_read',
      'ts',
      'file_id',
      'model',
      'project',
      'session',
      'sidechain',
      'failed',
      'cost_usd',
      'speed',
      'limit_reset_ms',
      'ts_ms',
    ],
    text: [],
  },
  dedup_nodes: { numbers: ['node', 'msg_hi', 'msg_lo', 'request', 'has_request', 'session', 'grp'], text: [] },
  meta: { numbers: [], text: ['key', 'value'] },
} as const satisfies Record<string, { numbers: readonly string[]; text: readonly string[] }>;

export type CheckedTable = keyof typeof CHECKED_COLUMNS;

/** `crc, <numbers>, <text>` of a checked table, for a SELECT. */
export const checkedSelect = (table: CheckedTable): string => {
  const { numbers, text } = CHECKED_COLUMNS[table];
  return ['crc', ...numbers, ...text].join(', ');
};

/** A row as `checkedSelect` returns it: checksum, numbers and text split. */
export function splitRow(
  table: CheckedTable,
  row: readonly unknown[],
): { crc: unknown; numbers: (number | null)[]; text: string } {
  const n = CHECKED_COLUMNS[table].numbers.length;
  const numbers = row.slice(1, 1 + n).map((v) => (v === null || v === undefined ? null : Number(v)));
  return {
    crc: row[0],
    numbers,
    text: row
      .slice(1 + n)
      .map(String)
      .join('\0'),
  };
}

/** Gives every row of a database migrated from before checksums its checksum (run inside the migration). */
export function addChecksums(db: import('bun:sqlite').Database): void {
  const sums = new RowChecksums();
  for (const table of Object.keys(CHECKED_COLUMNS) as CheckedTable[]) {
    const update = db.prepare(`UPDATE ${table} SET crc = ? WHERE rowid = ?`);
    for (const row of db.query(`SELECT rowid, ${checkedSelect(table)} FROM ${table}`).values()) {
      const { numbers, text } = splitRow(table, row.slice(1));
      update.run(sums.of(numbers, text), row[0] as number);
    }
    update.finalize();
  }
}
