// The protobuf encoding of a remote-write 1.0 WriteRequest (prometheus/prompb types.proto, remote.proto): the four
// messages it needs are small enough to write by hand, so cco carries no protobuf library.
//   WriteRequest { repeated TimeSeries timeseries = 1; }
//   TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
//   Label        { string name = 1; string value = 2; }
//   Sample       { double value = 1; int64 timestamp = 2; }
import type { SeriesSamples } from './types.ts';

const LENGTH_DELIMITED = 2;
const FIXED64 = 1;
const VARINT = 0;
const tag = (field: number, wire: number): number => (field << 3) | wire;

/** A growable byte buffer with the three protobuf primitives remote write uses. */
class ProtoWriter {
  #bytes = new Uint8Array(1024);
  #view = new DataView(this.#bytes.buffer);
  length = 0;

  #reserve(n: number): void {
    if (this.length + n <= this.#bytes.length) return;
    const next = new Uint8Array(Math.max(this.#bytes.length * 2, this.length + n));
    next.set(this.#bytes.subarray(0, this.length));
    this.#bytes = next;
    this.#view = new DataView(next.buffer);
  }

  /** Non-negative integers up to 2^53 (lengths, millisecond timestamps). */
  varint(value: number): void {
    this.#reserve(10);
    let v = value;
    while (v >= 0x80) {
      this.#bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.#bytes[this.length++] = v;
  }

  double(value: number): void {
    this.#reserve(8);
    this.#view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  bytes(data: Uint8Array): void {
    this.#reserve(data.length);
    this.#bytes.set(data, this.length);
    this.length += data.length;
  }

  /** Writes a length-delimited field whose body `write` produces (the length is known only afterwards). */
  message(field: number, write: (w: ProtoWriter) => void): void {
    const body = new ProtoWriter();
    write(body);
    this.varint(tag(field, LENGTH_DELIMITED));
    this.varint(body.length);
    this.bytes(body.result());
  }

  result(): Uint8Array {
    return this.#bytes.subarray(0, this.length);
  }
}

const utf8 = new TextEncoder();

/** The WriteRequest holding `series`, uncompressed. Timestamps must be non-negative (epoch ms). */
export function encodeWriteRequest(series: readonly SeriesSamples[]): Uint8Array {
  const out = new ProtoWriter();
  for (const s of series) {
    out.message(1, (ts) => {
      for (const [name, value] of s.labels) {
        ts.message(1, (label) => {
          const n = utf8.encode(name);
          const v = utf8.encode(value);
          label.varint(tag(1, LENGTH_DELIMITED));
          label.varint(n.length);
          label.bytes(n);
          label.varint(tag(2, LENGTH_DELIMITED));
          label.varint(v.length);
          label.bytes(v);
        });
      }
      for (const [timestamp, value] of s.samples) {
        ts.message(2, (sample) => {
          sample.varint(tag(1, FIXED64));
          sample.double(value);
          sample.varint(tag(2, VARINT));
          sample.varint(timestamp);
        });
      }
    });
  }
  return out.result();
}
