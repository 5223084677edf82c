// Where plan-limit samples come from on disk: the spool the status line appends to (read incrementally, like a
// transcript: only whole new lines, from a saved offset) and `~/.claude.json` (re-read only when its mtime changes).
import { statSync } from 'node:fs';
import { sampleFromSpoolLine, samplesFromClaudeJson, type LimitSample } from '../ledger/limit-samples.ts';

export interface LimitSourcePaths {
  /** The spool file `cco statusline` appends samples to (one JSON line each). */
  readonly spoolPath?: string;
  /** `~/.claude.json`, for `cachedUsageUtilization`. */
  readonly claudeJsonPath?: string;
}

export interface SpoolPosition {
  readonly ino: number;
  readonly offset: number;
}

/** Most bytes of the spool read in one tick, and the largest `~/.claude.json` read at all. */
const MAX_SPOOL_READ = 4 << 20;
const MAX_CLAUDE_JSON = 32 << 20;

export interface LimitRead {
  readonly samples: LimitSample[];
  /** The spool position after this read (undefined without a spool). */
  readonly spool: SpoolPosition | undefined;
}

const statOf = (path: string) => {
  try {
    const s = statSync(path);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
};

export class LimitSources {
  #claudeMtime = -1;

  constructor(readonly paths: LimitSourcePaths) {}

  /** Reads what is new since `from`; never throws (an unreadable file reads as nothing new). */
  async read(from: SpoolPosition | undefined): Promise<LimitRead> {
    const samples: LimitSample[] = [];
    const spool = await this.#readSpool(from, samples);
    await this.#readClaudeJson(samples);
    return { samples, spool };
  }

  async #readSpool(from: SpoolPosition | undefined, into: LimitSample[]): Promise<SpoolPosition | undefined> {
    const path = this.paths.spoolPath;
    if (!path) return undefined;
    const stat = statOf(path);
    if (!stat) return from;
    // A new file (rotated, deleted and re-created) or a shorter one: read from its start.
    let offset = from && from.ino === stat.ino && from.offset <= stat.size ? from.offset : 0;
    if (offset === stat.size) return { ino: stat.ino, offset };
    let bytes: Uint8Array;
    try {
      bytes = await Bun.file(path)
        .slice(offset, Math.min(stat.size, offset + MAX_SPOOL_READ))
        .bytes();
    } catch {
      return from;
    }
    const lastNewline = bytes.lastIndexOf(10);
    if (lastNewline < 0) {
      // One line longer than a whole read is garbage: skip it rather than stall here for ever.
      return bytes.length >= MAX_SPOOL_READ
        ? { ino: stat.ino, offset: offset + bytes.length }
        : { ino: stat.ino, offset };
    }
    const text = new TextDecoder().decode(bytes.subarray(0, lastNewline));
    for (const line of text.split('\n')) {
      const sample = line.length > 0 ? sampleFromSpoolLine(line) : undefined;
      if (sample) into.push(sample);
    }
    offset += lastNewline + 1;
    return { ino: stat.ino, offset };
  }

  async #readClaudeJson(into: LimitSample[]): Promise<void> {
    const path = this.paths.claudeJsonPath;
    if (!path) return;
    const stat = statOf(path);
    if (!stat || stat.mtimeMs === this.#claudeMtime || stat.size > MAX_CLAUDE_JSON) return;
    this.#claudeMtime = stat.mtimeMs;
    try {
      into.push(...samplesFromClaudeJson(JSON.parse(await Bun.file(path).text())));
    } catch {
      // Being rewritten by Claude Code, or not JSON: the next change is read.
      this.#claudeMtime = -1;
    }
  }
}
