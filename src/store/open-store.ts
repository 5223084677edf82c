// Opens the SQLite store: WAL, an exclusive lock held for the daemon's life (a second daemon is refused),
// and a corrupt, truncated, empty or newer-schema file moved aside (never deleted) so a fresh one is rebuilt from the
// logs.
import { Database } from 'bun:sqlite';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorMessage, errorWithCode } from '../platform/error-message.ts';
import { migrate, SCHEMA_VERSION } from './schema.ts';

/** Another process (a second cco daemon) holds the database. */
export class StoreLockedError extends Error {
  constructor(readonly path: string) {
    super(`another cco daemon is using ${path}`);
    this.name = 'StoreLockedError';
  }
}

/** The store cannot be written where it is (read-only file system or folder, disk full, I/O error): not a bad file. */
export class StoreUnwritableError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot write the store ${path} (${reason})`);
    this.name = 'StoreUnwritableError';
  }
}

export interface OpenedStore {
  readonly db: Database;
  /** Set when the old file could not be used and was moved aside. */
  readonly movedAside?: { readonly to: string; readonly reason: string };
}

const codeOf = (e: unknown): string => String((e as { code?: string }).code ?? e);
const isBusy = (e: unknown): boolean => /SQLITE_BUSY|database is locked/i.test(codeOf(e));
/** Errors of the place, not of the file: moving the file aside would not help (and would hide a good store). */
const isUnwritable = (e: unknown): boolean =>
  /^(SQLITE_(READONLY|CANTOPEN|FULL|IOERR|PERM)|EACCES|EPERM|EROFS|ENOSPC|EDQUOT|EIO)/.test(codeOf(e));

function openLocked(path: string): Database {
  const db = new Database(path, { create: true, strict: true });
  try {
    db.run('PRAGMA busy_timeout = 0');
    // Exclusive locking: the first write takes the lock and keeps it until close; the OS drops it if we die.
    db.run('PRAGMA locking_mode = EXCLUSIVE');
    db.run('PRAGMA journal_mode = WAL');
    db.run('PRAGMA synchronous = NORMAL');
    // Checkpoints (which fsync) run on idle ticks instead of in the middle of a busy one: see UsageStore.checkpoint.
    db.run('PRAGMA wal_autocheckpoint = 0');
    db.run('BEGIN IMMEDIATE');
    db.run('COMMIT');
    const version = (db.query('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version > SCHEMA_VERSION) throw new NewerSchemaError(version);
    if (version > 0) db.query('SELECT count(*) FROM meta').get();
    migrate(db, version);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

class NewerSchemaError extends Error {
  constructor(readonly version: number) {
    super(`its schema version ${version} is newer than this cco's (${SCHEMA_VERSION})`);
  }
}

function isEmptyFile(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && st.size === 0;
  } catch {
    return false; // (none yet: a new store)
  }
}

/** Renames the database (and its WAL files) to `<path>.bad-<time>`; returns the new name. Never deletes. */
export function moveAside(path: string, now: number): string {
  const to = `${path}.bad-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, to + suffix);
  return to;
}

/**
 * Opens (creating) the store at `path`; throws StoreLockedError when another daemon holds it, StoreUnwritableError
 * when it cannot be written there.
 */
export function openStore(path: string, now: number): OpenedStore {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    if (isUnwritable(error)) throw new StoreUnwritableError(path, errorWithCode(error));
    throw error;
  }
  // SQLite takes an empty file for a new database, but cco never leaves one (a store it creates holds its schema at
  // once): an empty file where a store was is a damaged store (truncated while the daemon was stopped).
  if (isEmptyFile(path)) {
    const to = moveAside(path, now);
    return { db: openLocked(path), movedAside: { to, reason: 'it is empty (0 bytes)' } };
  }
  const existed = existsSync(path);
  try {
    return { db: openLocked(path) };
  } catch (error) {
    if (isBusy(error)) throw new StoreLockedError(path);
    if (isUnwritable(error)) {
      // (SQLite may have created the file before failing: an empty file of ours is no damaged store next time)
      if (!existed && isEmptyFile(path)) rmSync(path, { force: true });
      throw new StoreUnwritableError(path, errorWithCode(error));
    }
    const reason = error instanceof NewerSchemaError ? error.message : `it is unreadable (${errorMessage(error)})`;
    const to = moveAside(path, now);
    return { db: openLocked(path), movedAside: { to, reason } };
  }
}
