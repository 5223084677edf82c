// Numbers for people: USD, token counts with thousands separators, compact counts, ages and clock times.

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole count with thousands separators: 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return grouped.format(Math.round(n));
}

/** US dollars with thousands separators: 1234.5 → "$1,234.50"; `decimals` for small sums (per call). */
export function formatUsd(usd: number, decimals = 2): string {
  const text = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(Math.abs(usd));
  return `${usd < 0 ? '-' : ''}$${text}`;
}

/** A count in at most ~5 characters: 950 → "950", 12_345 → "12.3k", 4_500_000 → "4.5M". */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  for (const [size, unit] of [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (abs >= size) {
      const value = n / size;
      return `${Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '')}${unit}`;
    }
  }
  return String(Math.round(n));
}

/** A share in percent with one decimal: 81.04 → "81.0%". */
export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}

/** An age or uptime in seconds, two units at most: 0.4 → "0.4s", 75 → "1m 15s", 7384 → "2h 03m", 200000 → "2d 07h". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 10) return `${(Math.floor(s * 10) / 10).toFixed(1).replace(/\.0$/, '')}s`;
  if (s < 60) return `${Math.floor(s)}s`;
  const pad = (v: number) => String(v).padStart(2, '0');
  const total = Math.floor(s);
  const [d, h, m] = [Math.floor(total / 86_400), Math.floor((total % 86_400) / 3600), Math.floor((total % 3600) / 60)];
  if (d > 0) return `${d}d ${pad(h)}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  return `${m}m ${pad(total % 60)}s`;
}

/** Bytes with a binary unit: 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Local wall-clock time of an instant: "14:03:07". */
export function formatClock(at: Date | number | string): string {
  const d = new Date(at);
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local date and time of an instant: "2026-11-28 14:03". */
export function formatDateTime(at: Date | number | string): string {
  const d = new Date(at);
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
