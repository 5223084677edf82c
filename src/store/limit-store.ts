// The plan-limit samples in the store (kept forever) and how far the spool has been read, written together in one
// transaction: a sample is never lost or stored twice, whatever moment the daemon stops at.
import type { Database } from 'bun:sqlite';
import { isLimitSource, isLimitWindow, type LimitSample } from '../ledger/limit-samples.ts';

/** Where the spool file was read up to: its inode (a replaced file starts again at 0) and byte offset. */
export interface SpoolPosition {
  readonly ino: number;
  readonly offset: number;
}

type SampleRow = [string, string, number, number | null, number, string, string];

export class LimitStore {
  constructor(readonly db: Database) {}

  /** Adds the samples (a reading already stored is ignored) and moves the spool position, atomically. */
  save(samples: readonly LimitSample[], spool: SpoolPosition | undefined): void {
    const insert = this.db.query(
      'INSERT OR IGNORE INTO limit_samples (win, model, used_percent, resets_at, observed_at, session, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const meta = this.db.query('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const s of samples)
        insert.run(s.window, s.model ?? '', s.usedPercent, s.resetsAt ?? null, s.observedAt, s.session ?? '', s.source);
      if (spool) meta.run('limit_spool', JSON.stringify(spool));
    })();
  }

  /** Every sample kept, oldest first. */
  load(): LimitSample[] {
    const rows = this.db
      .query(
        'SELECT win, model, used_percent, resets_at, observed_at, session, source FROM limit_samples ORDER BY observed_at',
      )
      .values() as SampleRow[];
    const out: LimitSample[] = [];
    for (const [window, model, usedPercent, resetsAt, observedAt, session, source] of rows) {
      if (!isLimitWindow(window) || !isLimitSource(source)) continue;
      out.push({
        window,
        model: model === '' ? undefined : model,
        usedPercent,
        resetsAt: resetsAt ?? undefined,
        observedAt,
        session: session === '' ? undefined : session,
        source,
      });
    }
    return out;
  }

  spoolPosition(): SpoolPosition | undefined {
    const row = this.db.query("SELECT value FROM meta WHERE key = 'limit_spool'").get() as { value: string } | null;
    if (!row) return undefined;
    try {
      const v = JSON.parse(row.value) as Partial<SpoolPosition>;
      return typeof v.ino === 'number' && typeof v.offset === 'number' ? { ino: v.ino, offset: v.offset } : undefined;
    } catch {
      return undefined;
    }
  }
}
