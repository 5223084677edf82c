// Where a command writes and which environment it reads: the process by default, captured in tests.
export type { Env } from '../platform/dirs.ts';
import type { Env } from '../platform/dirs.ts';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Whether `out` reaches a terminal (colour, widths); false when captured. */
  readonly isTTY?: boolean;
  /** Columns of that terminal, when known. */
  readonly columns?: number;
  /** All of stdin as text ('' when it is a terminal); tests pass theirs. */
  readonly stdin?: () => Promise<string>;
}

/** What runCli hands every command as citty's `data`. */
export interface CommandData {
  readonly io: CliIO;
  readonly env: Env;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  get isTTY() {
    return process.stdout.isTTY === true;
  },
  get columns() {
    return process.stdout.isTTY ? process.stdout.columns : undefined;
  },
  stdin: () => (process.stdin.isTTY ? Promise.resolve('') : Bun.stdin.text()),
};

const isCommandData = (data: unknown): data is CommandData =>
  typeof data === 'object' && data !== null && 'io' in data && 'env' in data;

/** The IO and env runCli passed in; the process's when a command runs some other way. */
export function commandData(data: unknown): CommandData {
  return isCommandData(data) ? data : { io: processIO, env: process.env };
}
