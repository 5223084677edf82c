// The ledger: takes validated usage lines, deduplicates them and keeps the usage cube in step (add, or replace a worse copy).
import { Tally, totalTokens } from './tally.ts';
import { TimeSeries } from './time-series.ts';
import { UsageCube, type Contribution } from './usage-cube.ts';
import { ResponseDedup, type DedupCandidate, type DedupNode } from './dedup.ts';
import { Interner } from './interner.ts';
import { ResponseStore, type StoredResponse } from './response-store.ts';

import { FAST_SUFFIX, type CostFn } from '../pricing/index.ts';
import { ArrivalLog } from './arrivals.ts';
import { BillingBlocks } from './billing-blocks.ts';
import type { BlockUpdate } from './outputs.ts';
import { ReportFeed } from './report-feed.ts';
import { sessionCalls, type SessionCall } from './session-calls.ts';
import type { ParsedResponse } from './types.ts';
import type { RecentCall } from './outputs.ts';
export type { CostFn };

/** At most this many responses are reported as arrivals per take (the SSE `call` events of one tick). */
export const ARRIVALS_PER_TAKE = 500;

/** Where a line came from. */
export interface LineOrigin {
  readonly fileId: number;
  /** The project folder name under `projects/`. */
  readonly project: string;
  /** Session of a line without `sessionId`: the file's session. */
  readonly session: string;
}

export type Acceptance = 'new' | 'duplicate' | 'replaced';

/** Model name given to usage lines without `message.model`; not listed per model (as ccusage). */
export const NO_MODEL = '';

/** Interned names by kind, as persisted. */
export interface LedgerNames {
  readonly models: readonly string[];
  readonly projects: readonly string[];
  readonly sessions: readonly string[];
}

/** What changed since the last `takeChanges`: enough to persist the ledger incrementally. */
export interface LedgerChanges {
  /** Names added since the last call (ids continue from `namesFrom`). */
  readonly names: LedgerNames;
  readonly namesFrom: { readonly models: number; readonly projects: number; readonly sessions: number };
  /** New or replaced survivors. */
  readonly responses: readonly (readonly [group: number, response: StoredResponse])[];
  readonly nodes: readonly DedupNode[];
  readonly projectPaths: readonly (readonly [project: number, path: string])[];
  readonly recent: readonly RecentCall[];
}

/** A persisted ledger to rebuild from: survivors in group order; every aggregate is derived from them again. */
export interface LedgerState {
  readonly names: LedgerNames;
  readonly responses: Iterable<StoredResponse>;
  readonly nodes: readonly DedupNode[];
  readonly projectPaths: readonly (readonly [project: number, path: string])[];
  readonly recent: readonly RecentCall[];
}

/** A line as dedup sees it, with what its cost is computed from (only on a tie). */
interface LedgerCandidate extends DedupCandidate {
  readonly line: ParsedResponse;
}

export class UsageLedger {
  readonly cube = new UsageCube();
  /** Per-minute usage over all time, for history charts. */
  readonly minutes = new TimeSeries(60_000);
  /** Per-second usage, kept for recent hours only (the caller prunes), to backfill the snapshot ring buffer. */
  readonly seconds = new TimeSeries(1_000);
  /** Entries older than this (epoch ms) skip the per-second series: they would only be pruned. None by default. */
  recentSince = Number.POSITIVE_INFINITY;
  /** The working directory last seen per project (display name). */
  readonly projectPaths = new Map<number, string>();
  readonly models = new Interner(4096);
  readonly projects = new Interner(65536);
  readonly sessions = new Interner(2 ** 32 - 1);
  /** Successful responses accepted since the last `arrivals.take()`. */
  readonly arrivals = new ArrivalLog(ARRIVALS_PER_TAKE);
  /** Per-session rollups and the cells changed since the last tick, for the HTTP side's reports. */
  readonly reports = new ReportFeed();
  /** 5-hour billing blocks over every survivor. */
  readonly #blocks = new BillingBlocks();
  readonly #store: ResponseStore;
  readonly #dedup: ResponseDedup<LedgerCandidate>;
  readonly #recent: RecentCall[] = [];
  #version = 0;
  #lastPathProject = -1;
  #lastPath = '';
  #namesPersisted = { models: 0, projects: 0, sessions: 0 };
  /** Survivors below this index were counted in an earlier tick: they keep their project, session and file. */
  #tickFrom = 0;

  /** @param persistent track changes for `takeChanges` (only when a store persists the ledger). */
  #costOf: CostFn;

  constructor(
    costOf: CostFn,
    comparePaths: (fileA: number, fileB: number) => number,
    persistent = false,
    private readonly recentLimit = 20,
  ) {
    this.#costOf = costOf;
    const store = (this.#store = new ResponseStore(persistent));
    this.#dedup = new ResponseDedup<LedgerCandidate>(
      {
        isSidechain: (g) => store.isSidechain(g),
        totalTokens: (g) => store.totalTokens(g),
        compareCost: (c, g) =>
          this.#costOf(c.line.model, c.line.tokens, c.line.costUSD, c.line.timestamp) -
          this.#contribution(store.read(g)).cost,
        hasSpeed: (g) => store.hasSpeed(g),
        fileId: (g) => store.fileId(g),
        settled: (g) => g < this.#tickFrom,
        compareFiles: comparePaths,
      },
      persistent,
    );
  }

  /**
   * Starts a tick: what was counted so far is settled. A copy that beats a settled survivor (more tokens, a sidechain
   * line's main copy) replaces its figures but not its attribution, so no per-project or per-session counter goes down.
   */
  beginTick(): void {
    this.#tickFrom = this.#store.size;
  }

  takeChanges(): LedgerChanges {
    const from = this.#namesPersisted;
    const names = {
      models: this.models.namesFrom(from.models),
      projects: this.projects.namesFrom(from.projects),
      sessions: this.sessions.namesFrom(from.sessions),
    };
    this.#namesPersisted = { models: this.models.size, projects: this.projects.size, sessions: this.sessions.size };
    return {
      names,
      namesFrom: from,
      responses: this.#store.takeDirty().map((g) => [g, this.#store.read(g)] as const),
      nodes: this.#dedup.takeNewNodes(),
      projectPaths: [...this.projectPaths],
      recent: [...this.#recent],
    };
  }

  /** Rebuilds a fresh ledger from persisted state (aggregates are recomputed, so prices apply as of now). */
  restore(state: LedgerState): void {
    this.models.restore(state.names.models);
    this.projects.restore(state.names.projects);
    this.sessions.restore(state.names.sessions);
    for (const response of state.responses) {
      this.#blocks.add(this.#store.add(response), response.timestamp);
      this.#apply(this.#contribution(response), 1);
    }
    this.#dedup.restore(state.nodes);
    for (const [project, path] of state.projectPaths) this.projectPaths.set(project, path);
    this.#recent.splice(0, this.#recent.length, ...state.recent.slice(0, this.recentLimit));
    this.#store.takeDirty();
    this.minutes.takeUpdates();
    this.seconds.takeUpdates();
    this.#namesPersisted = { models: this.models.size, projects: this.projects.size, sessions: this.sessions.size };
    this.#tickFrom = this.#store.size;
  }

  get responses(): number {
    return this.#store.size;
  }

  /** Bytes held by the dedup seen-set and the stored survivors. */
  get byteLength(): number {
    return this.#dedup.byteLength + this.#store.byteLength;
  }

  get totals(): Tally {
    return this.cube.totals;
  }

  /** The newest calls, newest first. */
  get recentCalls(): readonly RecentCall[] {
    return this.#recent;
  }

  accept(line: ParsedResponse, origin: LineOrigin): Acceptance {
    const session = this.sessions.id(line.sessionId ?? origin.session);
    const candidate: LedgerCandidate = {
      keys: line.keys,
      session,
      isSidechain: line.isSidechain,
      totalTokens: totalTokens(line.tokens),
      fileId: origin.fileId,
      hasSpeed: line.hasSpeed,
      line,
    };
    const decision = this.#dedup.decide(candidate);
    if (decision.kind === 'duplicate') {
      this.#dedup.register(candidate, decision.group);
      return 'duplicate';
    }
    const response: StoredResponse = {
      tokens: line.tokens,
      timestamp: line.timestamp,
      fileId: origin.fileId,
      model: this.models.id(line.model ?? NO_MODEL),
      project: this.projects.id(origin.project),
      session,
      isSidechain: line.isSidechain,
      failed: line.isApiError,
      costUSD: line.costUSD,
      hasSpeed: line.hasSpeed,
      limitResetAt: line.limitResetAt,
    };
    switch (decision.kind) {
      case 'replace': {
        const old = this.#store.read(decision.group);
        const kept =
          decision.group < this.#tickFrom
            ? { ...response, project: old.project, session: old.session, fileId: old.fileId }
            : response;
        this.#apply(this.#contribution(old), -1);
        this.#blocks.replace(decision.group, kept.timestamp);
        this.#store.write(decision.group, kept);
        this.#apply(this.#contribution(kept), 1);
        this.#dedup.register(candidate, decision.group);
        return 'replaced';
      }
      case 'new': {
        const group = this.#store.add(response);
        this.#blocks.add(group, response.timestamp);
        const contribution = this.#contribution(response);
        this.#apply(contribution, 1);
        if (line.cwd !== undefined) this.#setProjectPath(response.project, line.cwd);
        this.#dedup.register(candidate, group);
        if (!response.failed) {
          this.#remember(line, origin.project, contribution.cost);
          this.arrivals.push({
            timestamp: line.timestamp,
            model: line.model ?? NO_MODEL,
            project: origin.project,
            tokens: totalTokens(line.tokens),
            cost: contribution.cost,
          });
        }
        return 'new';
      }
    }
  }

  /** The calls logged in these files (a session's), oldest first, priced as the totals are. */
  callsIn(files: ReadonlySet<number>): SessionCall[] {
    const store = this.#store;
    return sessionCalls(
      {
        size: store.size,
        fileId: (index) => store.fileId(index),
        call: (index) => {
          const r = store.read(index);
          const c = this.#contribution(r);
          const model = this.models.name(r.model);
          const fastMode = model.endsWith(FAST_SUFFIX);
          return {
            timestamp: r.timestamp,
            model: fastMode ? model.slice(0, -FAST_SUFFIX.length) : model,
            fastMode,
            inputTokens: r.tokens.input,
            outputTokens: r.tokens.output,
            cacheCreationTokens: r.tokens.cacheCreation5m + r.tokens.cacheCreation1h,
            cacheReadTokens: r.tokens.cacheRead,
            cost: c.cost,
            isSidechain: r.isSidechain,
            failed: r.failed,
          };
        },
      },
      files,
    );
  }

  /** Consecutive responses mostly come from one project and folder: the map is written only when that changes. */
  #setProjectPath(project: number, path: string): void {
    if (project === this.#lastPathProject && path === this.#lastPath) return;
    this.projectPaths.set(project, path);
    this.#lastPathProject = project;
    this.#lastPath = path;
  }

  /** Bumped on every change to the counted usage: views built from the ledger are current while it holds. */
  get version(): number {
    return this.#version;
  }

  #apply(c: Contribution, sign: 1 | -1): void {
    this.#version++;
    this.cube.apply(c, sign);
    this.reports.apply(c, sign);
    const tokens = sign * totalTokens(c.tokens);
    const messages = c.failed ? 0 : sign;
    this.minutes.add(c.timestamp, sign * c.cost, tokens, messages);
    if (c.timestamp >= this.recentSince) this.seconds.add(c.timestamp, sign * c.cost, tokens, messages);
  }

  /** The billing blocks changed since the last call (all of them the first time), or undefined. */
  takeBlockUpdate(): BlockUpdate | undefined {
    return this.#blocks.refresh((group) => {
      const r = this.#store.read(group);
      const c = this.#contribution(r);
      const model = this.models.name(c.model);
      return {
        tokens: c.tokens,
        cost: c.cost,
        model: model === NO_MODEL || model === '<synthetic>' ? undefined : model,
        limitResetAt: r.limitResetAt,
      };
    });
  }

  /**
   * Prices every survivor again with `costOf`, which prices what comes from now on too (new prices after a config
   * reload): totals, series and blocks move by the difference, as if the ledger had been built with it. The recent
   * calls keep the cost they arrived with.
   */
  reprice(costOf: CostFn): void {
    const previous = this.#costOf;
    this.#costOf = costOf;
    for (let group = 0; group < this.#store.size; group++) {
      const response = this.#store.read(group);
      const before = this.#contribution(response, previous);
      const after = this.#contribution(response);
      if (before.cost === after.cost) continue;
      this.#apply(before, -1);
      this.#apply(after, 1);
      this.#blocks.replace(group, response.timestamp);
    }
  }

  #contribution(r: StoredResponse, costOf: CostFn = this.#costOf): Contribution {
    const model = this.models.name(r.model);
    return {
      tokens: r.tokens,
      // (an API error that carries a model and tokens is priced as ccusage prices it; it stays a failed request)
      cost: costOf(model === NO_MODEL ? undefined : model, r.tokens, r.costUSD, r.timestamp),
      failed: r.failed,
      timestamp: r.timestamp,
      model: r.model,
      project: r.project,
      session: r.session,
      isSidechain: r.isSidechain,
      fileId: r.fileId,
    };
  }

  #remember(line: ParsedResponse, project: string, cost: number): void {
    const recent = this.#recent;
    if (recent.length === this.recentLimit && line.timestamp <= (recent.at(-1)?.timestamp ?? 0)) return;
    const call = {
      timestamp: line.timestamp,
      model: line.model ?? NO_MODEL,
      project,
      tokens: totalTokens(line.tokens),
      cost,
    };
    let i = recent.length;
    while (i > 0 && (recent[i - 1]?.timestamp ?? 0) < call.timestamp) i--;
    recent.splice(i, 0, call);
    if (recent.length > this.recentLimit) recent.pop();
  }
}
