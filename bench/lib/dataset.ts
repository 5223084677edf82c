// Bench data sets: seeded demo roots generated once under .cache/bench and reused while their options stay the same.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generateDemoRoot, type DemoOptions, type DemoSummary } from '../../src/demo/index.ts';
import { nowMs } from './timing.ts';

/** Where cached data roots live (ignored by git with the rest of .cache). */
export const BENCH_CACHE = resolve(import.meta.dir, '../../.cache/bench');

/** Written last into a data root: present only when its generation finished. */
export const MARKER = '.bench-dataset.json';

export interface Dataset extends DemoSummary {
  readonly options: DemoOptions;
  /** False when this run generated the root. */
  readonly cached: boolean;
  /** Time spent generating it in this run, ms (0 when cached). */
  readonly generatedMs: number;
}

interface Marker {
  readonly options: DemoOptions;
  readonly summary: DemoSummary;
}

function readMarker(dir: string): Marker | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

/**
 * The demo root `name` generated with `options`. The marker is written last, so an interrupted generation, or any
 * change of options, regenerates from scratch.
 */
export async function cachedDemoRoot(
  name: string,
  options: DemoOptions,
  log: (line: string) => void,
): Promise<Dataset> {
  const dir = join(BENCH_CACHE, name);
  const marker = readMarker(dir);
  if (marker && JSON.stringify(marker.options) === JSON.stringify(options)) {
    return { ...marker.summary, root: dir, options, cached: true, generatedMs: 0 };
  }
  log(`generating ${name} (${JSON.stringify(options)}) …`);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const t0 = nowMs();
  const summary = await generateDemoRoot(dir, options);
  const generatedMs = nowMs() - t0;
  await writeFile(join(dir, MARKER), `${JSON.stringify({ options, summary } satisfies Marker, null, 2)}\n`);
  log(
    `generated ${name}: ${summary.files} files, ${(summary.bytes / 1e6).toFixed(0)} MB in ${(generatedMs / 1000).toFixed(1)} s`,
  );
  return { ...summary, root: dir, options, cached: false, generatedMs };
}
