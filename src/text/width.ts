// Measuring and fitting terminal text: display width (wide glyphs, ANSI styles ignored), padding and truncation.

/** Columns `text` takes on a terminal; escape sequences count as zero. */
export function displayWidth(text: string): number {
  return Bun.stringWidth(text);
}

const ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/y;

/** Cuts `text` to at most `width` columns, keeping escape sequences intact and ending with "…" when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  let styled = false;
  for (let i = 0; i < text.length; ) {
    ESCAPE.lastIndex = i;
    const esc = ESCAPE.exec(text);
    if (esc) {
      out += esc[0];
      styled = true;
      i += esc[0].length;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    const w = displayWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
    i += char.length;
  }
  return `${out}…${styled ? '\x1b[0m' : ''}`;
}

/** Pads (or truncates) to exactly `width` columns; `align` right puts the padding first. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const gap = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'right' ? gap + cut : cut + gap;
}

/** Lays items out left to right, starting a new line (indented like the first) when the next would pass `width`. */
export function flow(items: readonly string[], width: number, separator: string, indent = ' '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const candidate = line ? `${line}${separator}${item}` : `${indent}${item}`;
    if (line && displayWidth(candidate) > width) {
      lines.push(line);
      line = `${indent}${item}`;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
