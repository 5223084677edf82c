// Child process of the ingest bench: the baseline. Lists every *.jsonl under <root>/projects and reads + JSON.parses
// each line (bench/lib/raw-parse.ts); prints one JSON line with its time and peak RSS.
import { join } from 'node:path';
import { emptyCount, listJsonl, rawParseFile } from './lib/raw-parse.ts';
import { startRssProbe } from './lib/rss.ts';
import { nowMs } from './lib/timing.ts';

export interface ParseRunResult {
  readonly wallMs: number;
  readonly files: number;
  readonly bytes: number;
  readonly lines: number;
  readonly invalidLines: number;
  readonly peakRssBytes: number;
  readonly rssSource: string;
}

const root = process.argv[2];
if (!root) {
  console.error('usage: bun bench/parse-run.ts <data-root>');
  process.exit(2);
}

const probe = startRssProbe();
const t0 = nowMs();
const files = listJsonl(join(root, 'projects'));
const buffer = Buffer.allocUnsafe(1 << 20);
const count = emptyCount();
for (const file of files) rawParseFile(file, buffer, count);
const wallMs = nowMs() - t0;
const result: ParseRunResult = {
  wallMs,
  files: files.length,
  bytes: count.bytes,
  lines: count.lines,
  invalidLines: count.invalid,
  peakRssBytes: probe.peakBytes(),
  rssSource: probe.source,
};
probe.stop();
console.log(JSON.stringify(result));
