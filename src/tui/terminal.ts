// The full-screen terminal: alternate screen, hidden cursor and raw keys while open; restored on every way out.
import { writeSync } from 'node:fs';

export const ENTER = '\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J';
export const LEAVE = '\x1b[?25h\x1b[?1049l';

export interface TerminalStreams {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
}

export interface Terminal {
  readonly columns: number;
  readonly rows: number;
  /** Replaces the screen with these lines (each already fitted to the width). */
  draw(lines: readonly string[]): void;
  onInput(handler: (chunk: string) => void): void;
  onResize(handler: () => void): void;
  /** Leaves the alternate screen, shows the cursor, ends raw mode. Safe to call more than once. */
  restore(): void;
}

/** Frame text: home, each line cleared to its end, the rest of the screen cleared. No newline after the last line (no scroll). */
export function frame(lines: readonly string[]): string {
  return `\x1b[H${lines.map((l) => `${l}\x1b[0m\x1b[K`).join('\r\n')}\x1b[J`;
}

export function openTerminal(streams: TerminalStreams): Terminal {
  const { stdin, stdout } = streams;
  const fd = 'fd' in stdout && typeof stdout.fd === 'number' ? stdout.fd : 1;
  const listeners: { input?: (chunk: Buffer | string) => void; resize?: () => void } = {};
  let open = true;
  const restoreSync = () => {
    if (!open) return;
    open = false;
    try {
      // Synchronous: this also runs from process 'exit', where async writes are lost.
      writeSync(fd, LEAVE);
    } catch {
      stdout.write(LEAVE);
    }
    if (stdin.isTTY) stdin.setRawMode(false);
    if (listeners.input) stdin.off('data', listeners.input);
    if (listeners.resize) stdout.off('resize', listeners.resize);
    stdin.pause();
    process.off('exit', restoreSync);
  };
  process.on('exit', restoreSync);
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  writeSync(fd, ENTER);

  return {
    get columns() {
      return stdout.columns || 80;
    },
    get rows() {
      return stdout.rows || 24;
    },
    draw(lines) {
      if (open) stdout.write(frame(lines));
    },
    onInput(handler) {
      listeners.input = (chunk) => handler(String(chunk));
      stdin.on('data', listeners.input);
    },
    onResize(handler) {
      listeners.resize = handler;
      stdout.on('resize', handler);
    },
    restore: restoreSync,
  };
}
