// Tiny charts in text: a sparkline of a series and a horizontal percentage bar, with eighth-block resolution.

const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** Sums neighbouring values so a series fits `width` columns (each column covers the same number of points, the last may cover fewer). */
export function downsample(values: readonly number[], width: number): number[] {
  if (width <= 0) return [];
  if (values.length <= width) return [...values];
  const per = Math.ceil(values.length / width);
  const out: number[] = [];
  // Align to the newest point so the right edge is always "now".
  for (let end = values.length; end > 0; end -= per) {
    let sum = 0;
    for (let i = Math.max(0, end - per); i < end; i++) sum += values[i] ?? 0;
    out.unshift(sum);
  }
  return out;
}

/**
 * One character per value (after downsampling to `width`): zero is the lowest block, any non-zero value at least the second,
 * the maximum the full block.
 */
export function sparkline(values: readonly number[], width = values.length): string {
  const series = downsample(values, width);
  const max = Math.max(0, ...series);
  return series
    .map((v) => {
      if (max <= 0 || v <= 0) return LEVELS[0];
      return LEVELS[Math.max(1, Math.round((v / max) * (LEVELS.length - 1)))];
    })
    .join('');
}

/** A bar `width` columns wide filled to `fraction` (0..1), padded with `empty`. */
export function bar(fraction: number, width: number, empty = ' '): string {
  if (width <= 0) return '';
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const eighths = Math.round(clamped * width * 8);
  const full = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8] ?? '';
  const used = full + (part ? 1 : 0);
  return '█'.repeat(full) + part + empty.repeat(Math.max(0, width - used));
}
