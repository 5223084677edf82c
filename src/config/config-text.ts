// The config file's text (and a token file's), read so that no file can hang or flood the daemon: it must be a regular
// file (a symlink to one is fine) of at most 1 MiB. It is opened non-blocking and checked on the open descriptor, so a FIFO or a device
// put at the path (even between a check and the open) is refused at once instead of read.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { ConfigError } from '../alerts/budgets.ts';

/** Largest config file read, bytes. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

function what(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Throws unless the open file is a regular file within the size limit. */
/** What is read: a name for messages (`config file`, `token file`) and a size limit. */
export interface TextFileKind {
  readonly label: string;
  readonly maxBytes: number;
}

export const CONFIG_FILE: TextFileKind = { label: 'config file', maxBytes: MAX_CONFIG_BYTES };

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`);

/** Throws unless the open file is a regular file within the size limit. */
function checkOpened(path: string, st: Stats, kind: TextFileKind): void {
  if (!st.isFile()) throw new ConfigError(`${kind.label} ${path} is ${what(st)}, not a regular file`);
  if (st.size > kind.maxBytes)
    throw new ConfigError(`${kind.label} ${path} is larger than ${sizeText(kind.maxBytes)} (${st.size} bytes)`);
}

const cannotRead = (path: string, error: unknown, kind: TextFileKind): ConfigError => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return new ConfigError(`${kind.label} ${path} is a directory, not a regular file`);
  return new ConfigError(`cannot read ${kind.label} ${path}: ${code ?? String(error)}`);
};

/** At most one byte past the limit is read: a file that grew after its stat is still refused. */
const tooLarge = (path: string, kind: TextFileKind): ConfigError =>
  new ConfigError(`${kind.label} ${path} is larger than ${sizeText(kind.maxBytes)}`);

/** For the start of `cco serve`: synchronous, nothing else runs yet. */
export function readConfigTextSync(path: string, kind: TextFileKind = CONFIG_FILE): string {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw cannotRead(path, error, kind);
  }
  try {
    checkOpened(path, fstatSync(fd), kind);
    const buffer = Buffer.alloc(kind.maxBytes + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, length);
    if (length > kind.maxBytes) throw tooLarge(path, kind);
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    throw error instanceof ConfigError ? error : cannotRead(path, error, kind);
  } finally {
    closeSync(fd);
  }
}

/** For a reload while serving: every step off the thread that answers requests. */
export async function readConfigText(path: string, kind: TextFileKind = CONFIG_FILE): Promise<string> {
  const file = await open(path, OPEN_FLAGS).catch((error: unknown) => {
    throw cannotRead(path, error, kind);
  });
  try {
    checkOpened(path, await file.stat(), kind);
    const buffer = Buffer.alloc(kind.maxBytes + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n)
      n = (await file.read(buffer, length, buffer.length - length, length)).bytesRead;
    if (length > kind.maxBytes) throw tooLarge(path, kind);
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    throw error instanceof ConfigError ? error : cannotRead(path, error, kind);
  } finally {
    await file.close();
  }
}
