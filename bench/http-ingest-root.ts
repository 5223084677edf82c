// The big root a daemon cold-ingests while the HTTP bench measures latency: the ingest bench's cached ~1 GB root
// (same options, so one copy serves both), or a root of its own when another process is still generating that one.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_CACHE, MARKER, cachedDemoRoot, type Dataset } from './lib/dataset.ts';

/** bench/ingest.ts's fixed clock and project count: the same options find the same cached root. */
const NOW = Date.UTC(2026, 10, 28, 12);
const PROJECTS = 12;
/** A root without its marker whose file count has not moved for this long was abandoned, not in progress. */
const STALLED_MS = 20_000;
const MAX_WAIT_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** bench/ingest.ts's naming, so both benches use `.cache/bench/root-1g` for 1e9 bytes. */
export const rootName = (bytes: number): string =>
  bytes >= 1e9 ? `root-${+(bytes / 1e9).toFixed(3)}g` : `root-${+(bytes / 1e6).toFixed(3)}m`;

const entries = (dir: string): number => {
  try {
    return readdirSync(dir, { recursive: true }).length;
  } catch {
    return -1;
  }
};

/** Waits while another process fills `dir`; true once its marker is written, false when the filling stalls. */
async function waitForMarker(dir: string, log: (line: string) => void): Promise<boolean> {
  const start = Date.now();
  let count = entries(dir);
  let movedAt = start;
  log(`http: ${dir} has no marker yet: waiting while it is generated …`);
  while (Date.now() - start < MAX_WAIT_MS) {
    if (existsSync(join(dir, MARKER))) return true;
    await sleep(1_000);
    const now = entries(dir);
    if (now !== count) [count, movedAt] = [now, Date.now()];
    else if (Date.now() - movedAt > STALLED_MS) return false;
  }
  return false;
}

/** The cached root of `bytes` (CCO_BENCH_BYTES); generated when missing, never deleted from under another bench. */
export async function ingestRoot(bytes: number, log: (line: string) => void): Promise<Dataset> {
  const options = { now: NOW, targetBytes: bytes, projects: PROJECTS };
  const name = rootName(bytes);
  const dir = join(BENCH_CACHE, name);
  // A marker (of any options) means nobody is writing it now: cachedDemoRoot reuses it or regenerates it.
  if (!existsSync(dir) || existsSync(join(dir, MARKER)) || (await waitForMarker(dir, log)))
    return cachedDemoRoot(name, options, log);
  log(`http: ${dir} stays incomplete; using a root of the HTTP bench's own`);
  return cachedDemoRoot(`${name}-http`, options, log);
}
