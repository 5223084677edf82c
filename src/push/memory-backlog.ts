// The backlog of a daemon without a store: the same intervals as the store's, in memory, as packed arrays.
import { labelsOfKey, type BacklogBatch, type PushBacklog, type SeriesSamples } from './types.ts';

interface Row {
  readonly ts: number;
  readonly ids: Uint32Array;
  readonly values: Float64Array;
}

/** Groups intervals (oldest first) into series with their samples in time order. */
export function batchOf(rows: Iterable<Row>, labelsOf: (id: number) => string): BacklogBatch | undefined {
  const bySeries = new Map<number, [number, number][]>();
  let sampleCount = 0;
  let throughTs: number | undefined;
  for (const row of rows) {
    for (let i = 0; i < row.ids.length; i++) {
      const id = row.ids[i] ?? 0;
      let samples = bySeries.get(id);
      if (!samples) bySeries.set(id, (samples = []));
      samples.push([row.ts, row.values[i] ?? 0]);
    }
    sampleCount += row.ids.length;
    throughTs = row.ts;
  }
  if (throughTs === undefined) return undefined;
  const series: SeriesSamples[] = [...bySeries].map(([id, samples]) => ({
    labels: labelsOfKey(labelsOf(id)),
    samples,
  }));
  return { series, sampleCount, throughTs };
}

export class MemoryBacklog implements PushBacklog {
  readonly #ids = new Map<string, number>();
  readonly #keys: string[] = [];
  #rows: Row[] = [];
  #count = 0;

  get sampleCount(): number {
    return this.#count;
  }

  append(ts: number, samples: readonly (readonly [key: string, value: number])[]): void {
    const ids = new Uint32Array(samples.length);
    const values = new Float64Array(samples.length);
    samples.forEach(([key, value], i) => {
      ids[i] = this.#idOf(key);
      values[i] = value;
    });
    this.#rows.push({ ts, ids, values });
    this.#count += samples.length;
  }

  oldest(maxSamples: number): BacklogBatch | undefined {
    const taken: Row[] = [];
    let n = 0;
    for (const row of this.#rows) {
      if (taken.length > 0 && n + row.ids.length > maxSamples) break;
      taken.push(row);
      n += row.ids.length;
    }
    return batchOf(taken, (id) => this.#keys[id] ?? '[]');
  }

  drop(throughTs: number): void {
    const keep = this.#rows.findIndex((row) => row.ts > throughTs);
    const dropped = keep < 0 ? this.#rows : this.#rows.slice(0, keep);
    for (const row of dropped) this.#count -= row.ids.length;
    this.#rows = keep < 0 ? [] : this.#rows.slice(keep);
  }

  trim(maxSamples: number): number {
    let removed = 0;
    let first = 0;
    while (this.#count - removed > maxSamples && first < this.#rows.length) {
      removed += this.#rows[first]?.ids.length ?? 0;
      first++;
    }
    if (first > 0) {
      this.#rows = this.#rows.slice(first);
      this.#count -= removed;
    }
    return removed;
  }

  #idOf(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#keys.length;
      this.#keys.push(key);
      this.#ids.set(key, id);
    }
    return id;
  }
}
