// Reads and writes the ingest state: each tick's changes (offsets, survivors, seen-set, names) and its snapshot in
// ONE transaction, so a crash at any moment leaves offsets and usage consistent: nothing lost, nothing counted twice.
// Every row of the state carries a checksum, and the row counts are kept: a load that finds a row changed or missing
// throws StoreCheckError (row-check.ts) instead of resuming from wrong figures.
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
import { checkedSelect, RowChecksums, splitRow, StoreCheckError, type CheckedTable } from './row-check.ts';

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

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

/** How many rows the state holds, kept with each tick: a row lost from the end shows as a short count. */
interface RowCounts {
  responses: number;
  /** Per name kind (models, projects, sessions, paths). */
  names: number[];
}

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
  readonly #sums = new RowChecksums();
  #busySinceCheckpoint = true;
  #lastCheckpointAt = Number.NEGATIVE_INFINITY;
  #rowCounts: RowCounts | undefined;

  /** @param path the database file (its `-wal` file's size decides when a busy tick must checkpoint). */
  constructor(
    db: Database,
    readonly path?: string,
  ) {
    this.#db = db;
    this.limits = new LimitStore(db);
    this.#insertName = db.prepare('INSERT OR REPLACE INTO names (kind, id, name, crc) VALUES (?, ?, ?, ?)');
    this.#upsertFile = db.prepare(`INSERT OR REPLACE INTO files
      (file_id, dev, ino, size, mtime_ms, offset, skipping, fingerprint, path, project, session, crc)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#deleteFile = db.prepare('DELETE FROM files WHERE path = ?');
    this.#upsertResponse =
      db.prepare(`INSERT OR REPLACE INTO responses (grp, input, output, cc5m, cc1h, cache_read, ts, file_id, model, project, session, sidechain, failed, cost_usd, speed, limit_reset_ms, ts_ms, crc)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#insertNode = db.prepare(
      'INSERT INTO dedup_nodes (node, msg_hi, msg_lo, request, has_request, session, grp, crc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value, crc) VALUES (?, ?, ?)');
    this.#insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (ts, body) VALUES (?, ?)');
    this.#pruneSnapshots = db.prepare('DELETE FROM snapshots WHERE ts < ?');
  }

  /** Persists one tick: its changes and its snapshot, atomically. */
  save(changes: EngineChanges, tick: TickRecord): void {
    const sums = this.#sums;
    this.#db.transaction(() => {
      const { ledger } = changes;
      const counts = this.#counts();
      const names = (kind: number, from: number, list: readonly string[]) => {
        list.forEach((name, i) => this.#insertName.run(kind, from + i, name, sums.of([kind, from + i], name)));
        counts.names[kind] = Math.max(counts.names[kind] ?? 0, from + list.length);
      };
      names(NAME_KINDS.models, ledger.namesFrom.models, ledger.names.models);
      names(NAME_KINDS.projects, ledger.namesFrom.projects, ledger.names.projects);
      names(NAME_KINDS.sessions, ledger.namesFrom.sessions, ledger.names.sessions);
      names(NAME_KINDS.paths, changes.pathsFrom, changes.paths);
      for (const f of changes.files) {
        const numbers = [
          f.fileId,
          f.dev,
          f.ino,
          f.size,
          f.mtimeMs,
          f.offset,
          f.skippingLongLine ? 1 : 0,
          f.fingerprint,
        ];
        const text = `${f.path}\0${f.project}\0${f.session}`;
        this.#upsertFile.run(...numbers, f.path, f.project, f.session, sums.of(numbers, text));
      }
      for (const path of changes.removedFiles) this.#deleteFile.run(path);
      for (const [group, r] of ledger.responses) {
        const t = r.tokens;
        const row = [
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
        ];
        this.#upsertResponse.run(...row, sums.of(row));
        if (group >= counts.responses) counts.responses = group + 1;
      }
      let node = this.#nodeCount();
      for (const n of ledger.nodes) {
        const row = [node++, n.messageHi, n.messageLo, n.request, n.hasRequest ? 1 : 0, n.session, n.group];
        this.#insertNode.run(...row, sums.of(row));
      }
      const meta = (key: string, value: string) => this.#setMeta.run(key, value, sums.of([], `${key}\0${value}`));
      meta('node_count', String(node));
      meta('row_counts', JSON.stringify(counts));
      meta('counters', JSON.stringify(changes.counters));
      meta('response_time', JSON.stringify(changes.responseTime));
      meta('project_paths', JSON.stringify(ledger.projectPaths));
      meta('recent', JSON.stringify(ledger.recent));
      meta('stats_bodies', JSON.stringify(tick.statsBodies));
      meta('last_tick_at', String(tick.at));
      this.#insertSnapshot.run(tick.snapshot.timestamp, JSON.stringify(tick.snapshot));
      this.#pruneSnapshots.run(tick.keepSnapshotsSince);
      this.#rowCounts = counts;
    })();
  }

  /** A copy of the row counts as last saved (read once from the store); the copy is kept only once a save commits. */
  #counts(): RowCounts {
    const saved = this.#rowCounts ?? this.#savedCounts();
    return { responses: saved.responses, names: [...saved.names] };
  }

  #savedCounts(): RowCounts {
    const saved = this.#meta('row_counts');
    return saved === undefined ? { responses: 0, names: [0, 0, 0, 0] } : (JSON.parse(saved) as RowCounts);
  }

  /** A meta value, checked against its checksum. */
  #meta(key: string): string | undefined {
    const row = this.#db.query(`SELECT ${checkedSelect('meta')} FROM meta WHERE key = ?`).values(key)[0];
    if (row === undefined) return undefined;
    const { crc, numbers, text } = splitRow('meta', row);
    this.#sums.check(crc, numbers, text, `meta ${key}`);
    return String(row[2]);
  }

  /** The rows of a checked table in `order`, each checked against its checksum (numbers, then text, as split). */
  #checkedRows(table: CheckedTable, order: string, where = ''): { numbers: (number | null)[]; text: unknown[] }[] {
    const rows = this.#db.query(`SELECT ${checkedSelect(table)} FROM ${table} ${where} ORDER BY ${order}`).values();
    return rows.map((row, i) => {
      const split = splitRow(table, row);
      this.#sums.check(split.crc, split.numbers, split.text, `${table} row ${i}`);
      return { numbers: split.numbers, text: row.slice(1 + split.numbers.length) };
    });
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

  /** Everything the engine needs to resume; undefined for an empty store. Throws StoreCheckError on a changed row. */
  loadState(): EngineState | undefined {
    if (this.#meta('last_tick_at') === undefined) return undefined;
    const counts = this.#savedCounts();
    const names = (kind: number) => {
      const rows = this.#checkedRows('names', 'id', `WHERE kind = ${kind}`);
      if (rows.length !== (counts.names[kind] ?? 0) || rows.some((r, i) => r.numbers[1] !== i))
        throw new StoreCheckError(`names of kind ${kind}: ${rows.length} rows, ${counts.names[kind] ?? 0} saved`);
      return rows.map((r) => String(r.text[0]));
    };
    const ledgerNames: LedgerNames = {
      models: names(NAME_KINDS.models),
      projects: names(NAME_KINDS.projects),
      sessions: names(NAME_KINDS.sessions),
    };
    const files = this.#checkedRows('files', 'path').map(
      ({ numbers: n, text }): FileRecord => ({
        fileId: num(n[0]),
        dev: num(n[1]),
        ino: num(n[2]),
        size: num(n[3]),
        mtimeMs: num(n[4]),
        offset: num(n[5]),
        skippingLongLine: n[6] === 1,
        fingerprint: num(n[7]),
        path: String(text[0]),
        project: String(text[1]),
        session: String(text[2]),
      }),
    );
    const db = this.#db;
    const sums = this.#sums;
    const responses = function* (): Generator<StoredResponse> {
      let group = 0;
      for (const row of db.query(`SELECT ${checkedSelect('responses')} FROM responses ORDER BY grp`).values()) {
        const { crc, numbers: r } = splitRow('responses', row);
        sums.check(crc, r, '', `responses row ${group}`);
        if (r[0] !== group++) throw new StoreCheckError(`response ${group - 1} is missing`);
        yield {
          tokens: {
            input: num(r[1]),
            output: num(r[2]),
            cacheCreation5m: num(r[3]),
            cacheCreation1h: num(r[4]),
            cacheRead: num(r[5]),
          },
          timestamp: num(r[6]) * 1000 + num(r[16]),
          fileId: num(r[7]),
          model: num(r[8]),
          project: num(r[9]),
          session: num(r[10]),
          isSidechain: r[11] === 1,
          failed: r[12] === 1,
          costUSD: r[13] === null ? undefined : num(r[13]),
          hasSpeed: r[14] === 1,
          limitResetAt: r[15] === null ? undefined : num(r[15]),
        };
      }
      if (group !== counts.responses) throw new StoreCheckError(`${group} responses, ${counts.responses} saved`);
    };
    const nodeRows = this.#checkedRows('dedup_nodes', 'node');
    if (nodeRows.length !== this.#nodeCount() || nodeRows.some((r, i) => r.numbers[0] !== i))
      throw new StoreCheckError(`${nodeRows.length} seen-set nodes, ${this.#nodeCount()} saved`);
    const nodes = nodeRows.map(
      ({ numbers: r }): DedupNode => ({
        messageHi: num(r[1]),
        messageLo: num(r[2]),
        request: num(r[3]),
        hasRequest: r[4] === 1,
        session: num(r[5]),
        group: num(r[6]),
      }),
    );
    const json = <T>(key: string, fallback: T): T => {
      const value = this.#meta(key);
      return value === undefined ? fallback : (JSON.parse(value) as T);
    };
    const paths = names(NAME_KINDS.paths);
    return {
      ledger: {
        names: ledgerNames,
        responses: responses(),
        nodes,
        projectPaths: json<[number, string][]>('project_paths', []),
        recent: json<RecentCall[]>('recent', []),
      },
      files,
      paths,
      counters: { ...emptyCounters(), ...json<Partial<IngestCounters>>('counters', {}) },
      responseTime: json('response_time', { totalMs: 0, samples: 0 }),
    };
  }

  /**
   * Folds the WAL back into the database file: on the first idle tick after busy ones (no fsync during busy ones), then
   * every `idleEveryMs` of idle ticks (a checkpoint on every idle tick was most of an idle daemon's CPU), and on a busy
   * tick once the WAL passes `maxWalBytes`, so it never grows without bound. `at`: the tick's time, ms.
   */
  checkpoint(idle: boolean, at: number, maxWalBytes = 64 << 20, idleEveryMs = 60_000): boolean {
    if (!idle) {
      this.#busySinceCheckpoint = true;
      if (this.path === undefined || Bun.file(`${this.path}-wal`).size < maxWalBytes) return false;
    } else if (!this.#busySinceCheckpoint && at - this.#lastCheckpointAt < idleEveryMs) return false;
    this.#db.run('PRAGMA wal_checkpoint(PASSIVE)');
    this.#busySinceCheckpoint = false;
    this.#lastCheckpointAt = at;
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
