// Which requests skip the token: liveness for probes, the API docs and the dashboard's page and assets (none holds usage data).
import { DASHBOARD_PATHS } from '../dashboard/index.ts';
import { DOC_PATHS } from '../docs/index.ts';

/** Paths served without a token: GET /api/health, every docs path (page, spec, assets) and the dashboard's. */
export const OPEN_PATHS: ReadonlySet<string> = new Set(['/api/health', ...DOC_PATHS, ...DASHBOARD_PATHS]);

const pathFrom = (url: string, start: number): string => {
  const query = url.indexOf('?', start);
  return query === -1 ? url.slice(start) : url.slice(start, query);
};

/**
 * True when the request may skip the token. Elysia's router reads the path from index 11 of the URL on (it assumes a
 * host of 3+ characters) while Bun's own router parses it properly; the path must be open under both readings, so a
 * short Host header can never make the two disagree into an open door.
 */
export function isOpenRequest(url: string): boolean {
  const proper = url.indexOf('/', url.indexOf('//') + 2);
  if (proper === -1 || !OPEN_PATHS.has(pathFrom(url, proper))) return false;
  const elysia = url.indexOf('/', 11);
  return elysia === proper || (elysia !== -1 && OPEN_PATHS.has(pathFrom(url, elysia)));
}
