// Writes a deterministic demo data root (`<root>/projects/...`) shaped like real Claude Code data, from KBs to GBs.
import { mkdir, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { seededRandom, type Random } from './random.ts';
import { buildSession, DEFAULT_MODELS, type ModelMix } from './session.ts';

export interface DemoOptions {
  /** Epoch ms; no line is later than this. */
  readonly now: number;
  readonly seed?: number;
  readonly projects?: number;
  /** Main sessions to write (ignored when targetBytes is set). */
  readonly sessions?: number;
  /** Keep writing sessions until the root holds at least this many bytes. */
  readonly targetBytes?: number;
  /** Days back from `now` that sessions start in. */
  readonly spanDays?: number;
  readonly maxTurns?: number;
  readonly toolResultBytes?: number;
  readonly models?: readonly ModelMix[];
}

export interface DemoSummary {
  readonly root: string;
  readonly files: number;
  readonly bytes: number;
  readonly lines: number;
}

const PROJECT_NAMES = [
  'cco',
  'webshop',
  'infra',
  'ml-pipeline',
  'docs-site',
  'mobile-app',
  'billing',
  'search',
  'auth',
  'etl',
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface ProjectState {
  readonly dir: string;
  readonly cwd: string;
  previous?: { sessionId: string; lines: string[] };
}

function sessionStart(rng: Random, index: number, now: number, spanDays: number): number {
  // A few sessions (every fifth of the first 40) run within the last hour, so live charts have something to show;
  // as on a real machine, the rest of a big root is days old.
  if (index % 5 === 0 && index < 40) return now - rng.int(5 * 60_000, 55 * 60_000);
  const daysAgo = Math.floor(Math.pow(rng.next(), 1.6) * spanDays);
  return now - daysAgo * DAY - rng.int(HOUR, 20 * HOUR);
}

/** Generates the root into `dir` (created if missing). Same options, same bytes. */
export async function generateDemoRoot(dir: string, options: DemoOptions): Promise<DemoSummary> {
  const rng = seededRandom(options.seed ?? 42);
  const models = options.models ?? DEFAULT_MODELS;
  const spanDays = options.spanDays ?? 28;
  const maxTurns = options.maxTurns ?? 60;
  const toolResultBytes = options.toolResultBytes ?? 1_500;
  const projects: ProjectState[] = [];
  for (let p = 0; p < (options.projects ?? 6); p++) {
    const name = `${PROJECT_NAMES[p % PROJECT_NAMES.length]}${p >= PROJECT_NAMES.length ? `-${p}` : ''}`;
    const cwd = `/home/ada/src/${name}`;
    projects.push({ cwd, dir: join(dir, 'projects', cwd.replace(/[^a-zA-Z0-9]/g, '-')) });
  }
  for (const project of projects) await mkdir(project.dir, { recursive: true });

  let files = 0;
  let bytes = 0;
  let lines = 0;
  /** Writes a transcript and dates it like Claude Code would have: modified at its last line. */
  const projectsDir = join(dir, 'projects');
  const folderTimes = new Map<string, number>();
  const write = async (path: string, content: string[], lastLineAt: number) => {
    const text = `${content.join('\n')}\n`;
    await Bun.write(path, text);
    const at = new Date(Math.min(lastLineAt, options.now));
    await utimes(path, at, at);
    // Its folders were last changed when their newest entry was made.
    for (let folder = dirname(path); folder.length > projectsDir.length; folder = dirname(folder)) {
      folderTimes.set(folder, Math.max(folderTimes.get(folder) ?? 0, at.getTime()));
    }
    files++;
    bytes += Buffer.byteLength(text);
    lines += content.length;
  };
  const done = (index: number) =>
    options.targetBytes !== undefined ? bytes >= options.targetBytes : index >= (options.sessions ?? 36);

  for (let index = 0; !done(index); index++) {
    const project = rng.pick(projects);
    const sessionId = rng.uuid();
    const start = sessionStart(rng, index, options.now, spanDays);
    const session = buildSession(rng, {
      cwd: project.cwd,
      sessionId,
      start,
      until: options.now,
      turns: rng.int(4, maxTurns),
      version: rng.pick(['2.0.28', '2.0.31', '2.0.42']),
      gitBranch: rng.pick(['main', 'feature/ingest', 'fix/parser']),
      models,
      toolResultBytes,
    });
    // A resumed session starts with a copy of an earlier session's lines (same message ids: dedup must catch them).
    const previous = project.previous;
    const copied =
      previous && rng.chance(0.12)
        ? previous.lines
            .slice(0, rng.int(1, previous.lines.length))
            .map((l) => l.replaceAll(previous.sessionId, sessionId))
        : [];
    await write(join(project.dir, `${sessionId}.jsonl`), [...copied, ...session.lines], session.end);
    project.previous = { sessionId, lines: session.lines };

    const agents = rng.chance(0.25) ? rng.int(1, 2) : 0;
    for (let a = 0; a < agents; a++) {
      const agentId = rng.hex(8);
      const agent = buildSession(rng, {
        cwd: project.cwd,
        sessionId,
        start: start + rng.int(10_000, 600_000),
        until: options.now,
        turns: rng.int(3, 12),
        version: '2.0.42',
        gitBranch: 'main',
        toolResultBytes,
        models: [
          { model: 'claude-haiku-4-5-20251001', weight: 3 },
          { model: 'claude-sonnet-4-5-20250929', weight: 1 },
        ],
        sidechain: { agentId },
      });
      if (agent.lines.length === 0) continue;
      await mkdir(join(project.dir, sessionId, 'subagents'), { recursive: true });
      await write(join(project.dir, sessionId, 'subagents', `agent-${agentId}.jsonl`), agent.lines, agent.end);
    }
  }
  // Set last: dating a folder does not touch its parent, but creating entries in it would undo the date.
  for (const [folder, at] of folderTimes) await utimes(folder, new Date(at), new Date(at));
  return { root: dir, files, bytes, lines };
}
