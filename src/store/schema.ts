// The store's schema and its migrations; the version lives in SQLite's user_version.
import type { Database } from 'bun:sqlite';
import { addChecksums } from './row-check.ts';

export const SCHEMA_VERSION = 6;

/** Migration n takes a database at version n−1 to version n (index 0 creates version 1). */
export const MIGRATIONS: readonly ((db: Database) => void)[] = [
  (db) => {
    db.run(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    db.run(
      `CREATE TABLE names (kind INTEGER NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (kind, id))`,
    );
    db.run(`CREATE TABLE files (
      path TEXT PRIMARY KEY, file_id INTEGER NOT NULL, project TEXT NOT NULL, session TEXT NOT NULL,
      dev INTEGER NOT NULL, ino INTEGER NOT NULL, size INTEGER NOT NULL, mtime_ms REAL NOT NULL,
      offset INTEGER NOT NULL, skipping INTEGER NOT NULL)`);
    db.run(`CREATE TABLE responses (
      grp INTEGER PRIMARY KEY, input INTEGER NOT NULL, output INTEGER NOT NULL, cc5m INTEGER NOT NULL, cc1h INTEGER NOT NULL,
      cache_read INTEGER NOT NULL, ts INTEGER NOT NULL, file_id INTEGER NOT NULL, model INTEGER NOT NULL, project INTEGER NOT NULL,
      session INTEGER NOT NULL, sidechain INTEGER NOT NULL, failed INTEGER NOT NULL, cost_usd REAL)`);
    db.run(`CREATE TABLE dedup_nodes (
      node INTEGER PRIMARY KEY, msg_hi INTEGER NOT NULL, msg_lo INTEGER NOT NULL, request INTEGER NOT NULL,
      has_request INTEGER NOT NULL, session INTEGER NOT NULL, grp INTEGER NOT NULL)`);
    db.run(`CREATE TABLE snapshots (ts INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
  },
  (db) => {
    // A survivor's usage.speed (the tie-break between equal copies) and a usage-limit error's reset time.
    db.run(`ALTER TABLE responses ADD COLUMN speed INTEGER NOT NULL DEFAULT 0`);
    db.run(`ALTER TABLE responses ADD COLUMN limit_reset_ms INTEGER`);
  },
  (db) => {
    // Plan-limit samples (the status line's rate_limits, ~/.claude.json), kept forever; '' for no model or session.
    db.run(`CREATE TABLE limit_samples (
      win TEXT NOT NULL, model TEXT NOT NULL, used_percent REAL NOT NULL, resets_at INTEGER, observed_at INTEGER NOT NULL,
      session TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (source, win, model, observed_at, session))`);
  },
  (db) => {
    // Remote write's backlog: samples a receiver has not accepted yet, one row per interval (store/push-backlog.ts).
    db.run(`CREATE TABLE push_series (id INTEGER PRIMARY KEY, labels TEXT NOT NULL UNIQUE)`);
    db.run(`CREATE TABLE push_samples (ts INTEGER PRIMARY KEY, n INTEGER NOT NULL, body BLOB NOT NULL)`);
  },
  (db) => {
    // The millisecond of a survivor's timestamp (`ts` holds whole seconds), so a restart keeps calls to the ms.
    db.run(`ALTER TABLE responses ADD COLUMN ts_ms INTEGER NOT NULL DEFAULT 0`);
  },
  (db) => {
    // A file's fingerprint (a rewrite in place is read again), and a checksum on every row of the ingest state.
    db.run(`ALTER TABLE files ADD COLUMN fingerprint INTEGER NOT NULL DEFAULT -1`);
    for (const table of ['names', 'files', 'responses', 'dedup_nodes', 'meta'])
      db.run(`ALTER TABLE ${table} ADD COLUMN crc INTEGER`);
    const count = (sql: string) => (db.query(sql).values()[0]?.[0] as number | undefined) ?? 0;
    if (count('SELECT count(*) FROM meta') > 0) {
      const names = [0, 1, 2, 3].map((kind) => count(`SELECT count(*) FROM names WHERE kind = ${kind}`));
      const rowCounts = { responses: count('SELECT count(*) FROM responses'), names };
      db.run(`INSERT OR REPLACE INTO meta (key, value) VALUES ('row_counts', ?)`, [JSON.stringify(rowCounts)]);
    }
    addChecksums(db);
  },
];

/** Brings `db` from its version up to SCHEMA_VERSION, each step in its own transaction. */
export function migrate(db: Database, from: number): void {
  for (let version = from; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no migration from schema ${version}`);
    db.transaction(() => {
      step(db);
      db.run(`PRAGMA user_version = ${version + 1}`);
    })();
  }
}
