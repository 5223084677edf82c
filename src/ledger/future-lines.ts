// Responses dated after the current 15-minute cell, for /api/health: counted under their own dates (never today).
import type { UsageCube } from './usage-cube.ts';
import { BUCKET_MS } from './usage-cube.ts';

/** Deduplicated responses (failed ones included) in cells that start after the one holding `now` (epoch ms). */
export function futureResponses(cube: UsageCube, now: number): number {
  let count = 0;
  cube.forEachCell(
    (_, tally) => (count += tally.messages + tally.failed),
    (Math.floor(now / BUCKET_MS) + 1) * BUCKET_MS,
  );
  return count;
}
