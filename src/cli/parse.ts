// Parsers for CLI values: each returns the value or throws a UsageError naming what is allowed.
import { UsageError } from './errors.ts';
import { TIME_RANGES, type TimeRangeName } from '../api/values.ts';

/** A TCP port, 0 (any free port) to 65535. */
export function parsePort(raw: string): number {
  if (!/^\d{1,5}$/.test(raw.trim()) || Number(raw) > 65535) {
    throw new UsageError(`invalid port '${raw}': expected a whole number from 0 to 65535`);
  }
  return Number(raw);
}

/** `--max-event-clients`: /api/events clients served at once, 1 to 10000. */
export function parseMaxEventClients(raw: string): number {
  if (!/^\d{1,5}$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 10_000) {
    throw new UsageError(`invalid --max-event-clients '${raw}': expected a whole number from 1 to 10000`);
  }
  return Number(raw);
}

/** A host name or IP address to bind. */
export function parseHost(raw: string): string {
  const host = raw.trim();
  if (host.length === 0 || /[\s/]/.test(host))
    throw new UsageError(`invalid host '${raw}': expected a host name or IP address`);
  return host;
}

/** A /api/stats time range: today, week, month or all. */
export function parseTimeRange(raw: string): TimeRangeName {
  const range = TIME_RANGES.find((r) => r === raw.trim());
  if (!range) throw new UsageError(`invalid time range '${raw}': expected one of ${TIME_RANGES.join(', ')}`);
  return range;
}
