// The daemon's log: appended to across runs, rotated once past a size, read back as its last lines. Only its owner
// may read it (0600): it holds the daemon's warnings, paths and project names.
import { closeSync, fchmodSync, openSync, readSync, renameSync, statSync } from 'node:fs';

/** Past this the log is moved to `cco.log.1` when a daemon starts. */
export const LOG_ROTATE_BYTES = 8 * 1024 * 1024;

export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Opens the log for appending, created 0600; one left by an older cco with a wider mode is narrowed to 0600. */
export function openLog(path: string): number {
  const fd = openSync(path, 'a', 0o600);
  try {
    fchmodSync(fd, 0o600);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

export function rotateIfLarge(path: string, limit = LOG_ROTATE_BYTES): void {
  if (fileSize(path) > limit) renameSync(path, `${path}.1`);
}

/** Text of the file from `offset` to its end (at most `maxBytes`, the newest). */
export function readFrom(path: string, offset = 0, maxBytes = 1024 * 1024): string {
  const size = fileSize(path);
  const start = Math.max(offset, size - maxBytes);
  if (size <= start) return '';
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    const read = readSync(fd, buffer, 0, buffer.length, start);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The last `count` non-empty lines of `text`. */
export function lastLines(text: string, count: number): string[] {
  if (count <= 0) return [];
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .slice(-count);
}
