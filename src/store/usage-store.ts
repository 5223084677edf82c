// Reads and writes the ingest state: each tick's changes (offsets, survivors, seen-set, names) and its snapshot in
// ONE transaction, so a crash at any moment leaves offsets and usage consistent: nothing lost, nothing counted twice.
import type { Database, Statement } from 'bun:sqlite';
import type { EngineChanges, EngineState, FileRecord } from '../ingest/engine.ts';
import type { DedupNode } from '../ledger/dedup.ts';
import type { LedgerNames } from '../ledger/ledger.ts';
import type { StoredResponse } from '../ledger/response-store.ts';
import { emptyCounters, type IngestCounters } from '../ingest/types.ts';
import type { StatsSnapshot } from '../ledger/outputs.ts';
import type { TimeRangeName } from '../api/values.ts';
import type { RecentCall } from '../ledger/outputs.ts';
import { LimitStore } from './limit-store.ts';
import { StoreBacklog } from './push-backlog.ts';

const NAME_KINDS = { models: 0, projects: 1, sessions: 2, paths: 3 } as const;

type PersistedSnapshot = Omit<StatsSnapshot, 'uptime' | 'port'>;

/** What the HTTP side can serve at once after a restart, before the full state is loaded. */
export interface PersistedView {
  /** Epoch ms of the last persisted tick. */
  readonly lastTickAt: number;
  readonly statsBodies: Readonly<Record<TimeRangeName, string>>;
  /** The persisted snapshots, oldest first, as one JSON array (cheap to hand between threads; parsed once). */
  readonly snapshotsJson: string;
}

export interface TickRecord {
  readonly at: number;
  readonly snapshot: PersistedSnapshot;
  readonly statsBodies: Readonly<Record<TimeRangeName, string>>;
  /** Snapshots older than this (epoch ms) are dropped. */
  readonly keepSnapshotsSince: number;
}

type Row = Record<string, number | string | null>;
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

export class UsageStore {
  readonly #db: Database;
  readonly #insertName: Statement;
  readonly #upsertFile: Statement;
  readonly #deleteFile: Statement;
  readonly #upsertResponse: Statement;
  readonly #insertNode: Statement;
  readonly #setMeta: Statement;
  readonly #insertSnapshot: Statement;
  readonly #pruneSnapshots: Statement;
  /** The plan-limit samples kept in the same file. */
  readonly limits: LimitStore;
  #backlog: StoreBacklog | undefined;

  /** @param path the database file (its `-wal` file's size decides when a busy tick must checkpoint). */
  constructor(
    db: Database,
    readonly path?: string,
  ) {
    this.#db = db;
    this.limits = new LimitStore(db);
    this.#insertName = db.prepare('INSERT OR REPLACE INTO names (kind, id, name) VALUES (?, ?, ?)');
    this.#upsertFile =
      db.prepare(`INSERT OR REPLACE INTO files (path, file_id, project, session, dev, ino, size, mtime_ms, offset, skipping)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#deleteFile = db.prepare('DELETE FROM files WHERE path = ?');
    this.#upsertResponse =
      db.prepare(`INSERT OR REPLACE INTO responses (grp, input, output, cc5m, cc1h, cache_read, ts, file_id, model, project, session, sidechain, failed, cost_usd, speed, limit_reset_ms, ts_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#insertNode = db.prepare(
      'INSERT INTO dedup_nodes (node, msg_hi, msg_lo, request, has_request, session, grp) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    this.#insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (ts, body) VALUES (?, ?)');
    this.#pruneSnapshots = db.prepare('DELETE FROM snapshots WHERE ts < ?');
  }

  /** Persists one tick: its changes and its snapshot, atomically. */
  save(changes: EngineChanges, tick: TickRecord): void {
    this.#db.transaction(() => {
      const { ledger } = changes;
      const names = (kind: number, from: number, list: readonly string[]) =>
        list.forEach((name, i) => this.#insertName.run(kind, from + i, name));
      names(NAME_KINDS.models, ledger.namesFrom.models, ledger.names.models);
      names(NAME_KINDS.projects, ledger.namesFrom.projects, ledger.names.projects);
      names(NAME_KINDS.sessions, ledger.namesFrom.sessions, ledger.names.sessions);
      names(NAME_KINDS.paths, changes.pathsFrom, changes.paths);
      for (const f of changes.files) {
        this.#upsertFile.run(
          f.path,
          f.fileId,
          f.project,
          f.session,
          f.dev,
          f.ino,
          f.size,
          f.mtimeMs,
          f.offset,
          f.skippingLongLine ? 1 : 0,
        );
      }
      for (const path of changes.removedFiles) this.#deleteFile.run(path);
      for (const [group, r] of ledger.responses) {
        const t = r.tokens;
        this.#upsertResponse.run(
          group,
          t.input,
          t.output,
          t.cacheCreation5m,
          t.cacheCreation1h,
          t.cacheRead,
          Math.floor(r.timestamp / 1000),
          r.fileId,
          r.model,
          r.project,
          r.session,
          r.isSidechain ? 1 : 0,
          r.failed ? 1 : 0,
          r.costUSD ?? null,
          r.hasSpeed ? 1 : 0,
          r.limitResetAt ?? null,
          Math.round(r.timestamp - Math.floor(r.timestamp / 1000) * 1000),
        );
      }
      let node = this.#nodeCount();
      for (const n of ledger.nodes)
        this.#insertNode.run(node++, n.messageHi, n.messageLo, n.request, n.hasRequest ? 1 : 0, n.session, n.group);
      this.#setMeta.run('node_count', String(node));
      this.#setMeta.run('counters', JSON.stringify(changes.counters));
      this.#setMeta.run('response_time', JSON.stringify(changes.responseTime));
      this.#setMeta.run('project_paths', JSON.stringify(ledger.projectPaths));
      this.#setMeta.run('recent', JSON.stringify(ledger.recent));
      this.#setMeta.run('stats_bodies', JSON.stringify(tick.statsBodies));
      this.#setMeta.run('last_tick_at', String(tick.at));
      this.#insertSnapshot.run(tick.snapshot.timestamp, JSON.stringify(tick.snapshot));
      this.#pruneSnapshots.run(tick.keepSnapshotsSince);
    })();
  }

  #meta(key: string): string | undefined {
    const row = this.#db.query('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | null;
    return row?.value;
  }

  #nodeCount(): number {
    return Number(this.#meta('node_count') ?? 0);
  }

  /** The small part of the state the HTTP side serves from at once; undefined for an empty store. */
  loadView(): PersistedView | undefined {
    const bodies = this.#meta('stats_bodies');
    const at = this.#meta('last_tick_at');
    if (!bodies || !at) return undefined;
    const rows = this.#db.query('SELECT body FROM snapshots ORDER BY ts').values() as [string][];
    return {
      lastTickAt: Number(at),
      statsBodies: JSON.parse(bodies) as PersistedView['statsBodies'],
      snapshotsJson: `[${rows.map((r) => r[0]).join(',')}]`,
    };
  }

  /** Everything the engine needs to resume; undefined for an empty store. */
  loadState(): EngineState | undefined {
    if (this.#meta('last_tick_at') === undefined) return undefined;
    const names = (kind: number) =>
      (this.#db.query('SELECT name FROM names WHERE kind = ? ORDER BY id').values(kind) as [string][]).map((r) => r[0]);
    const ledgerNames: LedgerNames = {
      models: names(NAME_KINDS.models),
      projects: names(NAME_KINDS.projects),
      sessions: names(NAME_KINDS.sessions),
    };
    const files = (this.#db.query('SELECT * FROM files').all() as Row[]).map(
      (r): FileRecord => ({
        path: String(r.path),
        fileId: num(r.file_id),
        project: String(r.project),
        session: String(r.session),
        dev: num(r.dev),
        ino: num(r.ino),
        size: num(r.size),
        mtimeMs: num(r.mtime_ms),
        offset: num(r.offset),
        skippingLongLine: r.skipping === 1,
      }),
    );
    const db = this.#db;
    const responses = function* (): Generator<StoredResponse> {
      for (const r of db
        .query(
          'SELECT input, output, cc5m, cc1h, cache_read, ts, file_id, model, project, session, sidechain, failed, cost_usd, speed, limit_reset_ms, ts_ms FROM responses ORDER BY grp',
        )
        .values() as number[][]) {
        yield {
          tokens: {
            input: num(r[0]),
            output: num(r[1]),
            cacheCreation5m: num(r[2]),
            cacheCreation1h: num(r[3]),
            cacheRead: num(r[4]),
          },
          timestamp: num(r[5]) * 1000 + num(r[15]),
          fileId: num(r[6]),
          model: num(r[7]),
          project: num(r[8]),
          session: num(r[9]),
          isSidechain: r[10] === 1,
          failed: r[11] === 1,
          costUSD: r[12] === null || r[12] === undefined ? undefined : num(r[12]),
          hasSpeed: r[13] === 1,
          limitResetAt: r[14] === null || r[14] === undefined ? undefined : num(r[14]),
        };
      }
    };
    const nodes = (
      db
        .query('SELECT msg_hi, msg_lo, request, has_request, session, grp FROM dedup_nodes ORDER BY node')
        .values() as number[][]
    ).map(
      (r): DedupNode => ({
        messageHi: num(r[0]),
        messageLo: num(r[1]),
        request: num(r[2]),
        hasRequest: r[3] === 1,
        session: num(r[4]),
        group: num(r[5]),
      }),
    );
    const json = <T>(key: string, fallback: T): T => {
      const value = this.#meta(key);
      return value === undefined ? fallback : (JSON.parse(value) as T);
    };
    return {
      ledger: {
        names: ledgerNames,
        responses: responses(),
        nodes,
        projectPaths: json<[number, string][]>('project_paths', []),
        recent: json<RecentCall[]>('recent', []),
      },
      files,
      paths: names(NAME_KINDS.paths),
      counters: { ...emptyCounters(), ...json<Partial<IngestCounters>>('counters', {}) },
      responseTime: json('response_time', { totalMs: 0, samples: 0 }),
    };
  }

  /**
   * Folds the WAL back into the database file. Called on idle ticks (no fsync during busy ones), and by a busy tick
   * too once the WAL passes `maxWalBytes`, so it never grows without bound.
   */
  checkpoint(idle: boolean, maxWalBytes = 64 << 20): boolean {
    if (!idle && (this.path === undefined || Bun.file(`${this.path}-wal`).size < maxWalBytes)) return false;
    this.#db.run('PRAGMA wal_checkpoint(PASSIVE)');
    return true;
  }

  /** Remote write's samples not yet accepted (kept across restarts); closed with the store. */
  pushBacklog(): StoreBacklog {
    this.#backlog ??= new StoreBacklog(this.#db);
    return this.#backlog;
  }

  /** Bytes of the database file (pages in use). */
  get byteLength(): number {
    const pages = this.#db.query('PRAGMA page_count').get() as { page_count: number };
    const size = this.#db.query('PRAGMA page_size').get() as { page_size: number };
    return pages.page_count * size.page_size;
  }

  /** Finalizes the statements first: an open statement would keep the connection, and its lock, alive. */
  close(): void {
    try {
      this.#db.run('PRAGMA wal_checkpoint(TRUNCATE)');
    } catch {
      // A full or read-only disk: the WAL stays beside the file and is folded in by the next open.
    } finally {
      this.#backlog?.close();
      for (const statement of [
        this.#insertName,
        this.#upsertFile,
        this.#deleteFile,
        this.#upsertResponse,
        this.#insertNode,
        this.#setMeta,
        this.#insertSnapshot,
        this.#pruneSnapshots,
      ]) {
        statement.finalize();
      }
      this.#db.close();
    }
  }
}
