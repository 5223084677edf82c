// Names and numbers as the page shows them; the number formats are the terminal monitor's (src/tui/format.ts).
import { formatUsd } from '../text/format.ts';

export {
  formatAge,
  formatClock,
  formatCompact,
  formatCount,
  formatDateTime,
  formatPercent,
  formatUsd,
} from '../text/format.ts';

/** A model without the vendor prefix and date: "claude-sonnet-4-5-20250929" → "sonnet-4-5". */
export const modelLabel = (model: string): string => model.replace(/^claude-/, '').replace(/-\d{8}$/, '');

/** A project by the last folder of its working directory (else its folder under projects/). */
export const projectLabel = (name: string, path: string | null): string =>
  path ? path.slice(path.lastIndexOf('/') + 1) || path : name;

/** A duration in ms for people: 850 → "850 ms", 12_345 → "12.3 s". */
export const formatMs = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** USD with as many decimals as a small sum needs: $1,234.57, $0.42, $0.0031. */
export const formatUsdSmall = (usd: number): string => formatUsd(usd, usd !== 0 && Math.abs(usd) < 0.1 ? 4 : 2);
