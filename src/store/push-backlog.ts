// Remote write's backlog in the store: one row per interval (series ids and values packed as float64 pairs), oldest
// first, so samples a receiver has not accepted yet survive a restart and are sent in order when it is back.
import type { Database, Statement } from 'bun:sqlite';
import { batchOf } from '../push/memory-backlog.ts';
import type { BacklogBatch, PushBacklog } from '../push/types.ts';

export class StoreBacklog implements PushBacklog {
  readonly #db: Database;
  readonly #ids = new Map<string, number>();
  readonly #keys = new Map<number, string>();
  readonly #insertSeries: Statement;
  readonly #insertRow: Statement;
  readonly #oldest: Statement;
  readonly #drop: Statement;
  #count: number;

  constructor(db: Database) {
    this.#db = db;
    for (const row of db.query('SELECT id, labels FROM push_series').all() as { id: number; labels: string }[]) {
      this.#ids.set(row.labels, row.id);
      this.#keys.set(row.id, row.labels);
    }
    this.#insertSeries = db.prepare('INSERT INTO push_series (id, labels) VALUES (?, ?)');
    this.#insertRow = db.prepare('INSERT OR REPLACE INTO push_samples (ts, n, body) VALUES (?, ?, ?)');
    this.#oldest = db.prepare('SELECT ts, n, body FROM push_samples ORDER BY ts LIMIT ?');
    this.#drop = db.prepare('DELETE FROM push_samples WHERE ts <= ?');
    this.#count = (db.query('SELECT coalesce(sum(n), 0) AS n FROM push_samples').get() as { n: number }).n;
  }

  get sampleCount(): number {
    return this.#count;
  }

  append(ts: number, samples: readonly (readonly [key: string, value: number])[]): void {
    const packed = new Float64Array(samples.length * 2);
    this.#db.transaction(() => {
      samples.forEach(([key, value], i) => {
        packed[2 * i] = this.#idOf(key);
        packed[2 * i + 1] = value;
      });
      const replaced = this.#db.query('SELECT n FROM push_samples WHERE ts = ?').get(ts) as { n: number } | null;
      this.#insertRow.run(ts, samples.length, new Uint8Array(packed.buffer));
      this.#count += samples.length - (replaced?.n ?? 0);
    })();
  }

  oldest(maxSamples: number): BacklogBatch | undefined {
    const rows = [];
    let n = 0;
    // Rows are read a few at a time: a day's backlog is never loaded whole.
    for (const row of this.#oldest.all(Math.max(1, Math.ceil(maxSamples / 8))) as {
      ts: number;
      n: number;
      body: Uint8Array;
    }[]) {
      if (rows.length > 0 && n + row.n > maxSamples) break;
      const pairs = new Float64Array(
        row.body.buffer.slice(row.body.byteOffset, row.body.byteOffset + row.body.byteLength),
      );
      const ids = new Uint32Array(row.n);
      const values = new Float64Array(row.n);
      for (let i = 0; i < row.n; i++) {
        ids[i] = pairs[2 * i] ?? 0;
        values[i] = pairs[2 * i + 1] ?? 0;
      }
      rows.push({ ts: row.ts, ids, values });
      n += row.n;
    }
    return batchOf(rows, (id) => this.#keys.get(id) ?? '[]');
  }

  drop(throughTs: number): void {
    const gone = this.#db.query('SELECT coalesce(sum(n), 0) AS n FROM push_samples WHERE ts <= ?').get(throughTs) as {
      n: number;
    };
    this.#drop.run(throughTs);
    this.#count -= gone.n;
  }

  trim(maxSamples: number): number {
    if (this.#count <= maxSamples) return 0;
    let removed = 0;
    let through: number | undefined;
    for (const row of this.#db.query('SELECT ts, n FROM push_samples ORDER BY ts').iterate() as Iterable<{
      ts: number;
      n: number;
    }>) {
      if (this.#count - removed <= maxSamples) break;
      removed += row.n;
      through = row.ts;
    }
    if (through !== undefined) this.drop(through);
    return removed;
  }

  /** Finalizes the statements (an open one would keep the store's connection, and its lock, alive). */
  close(): void {
    for (const s of [this.#insertSeries, this.#insertRow, this.#oldest, this.#drop]) s.finalize();
  }

  #idOf(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#ids.size;
      this.#insertSeries.run(id, key);
      this.#ids.set(key, id);
      this.#keys.set(id, key);
    }
    return id;
  }
}
