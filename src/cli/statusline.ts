// `cco statusline`: Claude Code's status-line command. Reads the status-line JSON from stdin and prints one line,
// always, within a hard time budget, and exits 0; records the payload's plan limits in the spool the daemon reads.
// `--install` / `--uninstall` edit ~/.claude/settings.json.
import { defineCommand } from 'citty';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { samplesFromStatusInput } from '../ledger/limit-samples.ts';
import { parseDuration } from '../platform/duration.ts';
import { colorWanted, createStyle } from '../text/style.ts';
import { loadConfigFile } from '../config/config-file.ts';
import { parseSegments, type StatuslineConfig } from '../config/statusline-config.ts';
import { stateDir } from './daemon/state.ts';
import { UsageError } from './errors.ts';
import { commandData, processIO, type Env } from './io.ts';
import { gatherFigures, type Gathered } from './statusline/figures.ts';
import { parseStatusInput } from './statusline/input.ts';
import { DEFAULT_SEGMENTS, renderLine } from './statusline/segments.ts';
import { appendSamples, spoolPath } from './statusline/spool.ts';
import { startDaemonInBackground } from './statusline/start-daemon.ts';
import { clientArgs, resolveTarget } from './target.ts';
import type { PriceOverride } from '../pricing/types.ts';

/** The default hard time budget, ms. */
export const DEFAULT_BUDGET_MS = 200;

const settingsPath = (flag: string | undefined, env: Env) =>
  flag ?? join(env.HOME || homedir(), '.claude', 'settings.json');

function percentFlag(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0 || v > 100) throw new UsageError(`invalid --${name} '${raw}': expected 0 to 100`);
  return v;
}

/** The config file's [statusline] and prices; a broken file is no reason to print nothing. */
function configOf(
  path: string | undefined,
  env: Env,
): { statusline: StatuslineConfig; pricing: readonly PriceOverride[] } {
  try {
    const file = loadConfigFile(path, env, env.HOME || homedir());
    return { statusline: file.statusline, pricing: file.pricing };
  } catch {
    return { statusline: {}, pricing: [] };
  }
}

export default defineCommand({
  meta: {
    name: 'statusline',
    description:
      "Claude Code's status line: reads its JSON on stdin, prints one line (from the daemon, else the transcript)",
  },
  args: {
    segments: {
      type: 'string',
      description: `Segments in order, comma-separated (default: ${DEFAULT_SEGMENTS.join(',')})`,
      valueHint: 'list',
    },
    budget: {
      type: 'string',
      description: 'Hard time budget; prints what it has by then (default 200ms)',
      valueHint: 'duration',
    },
    'warn-percent': { type: 'string', description: 'Percentages turn yellow from here (default 50)', valueHint: 'n' },
    'critical-percent': { type: 'string', description: 'Percentages turn red from here (default 80)', valueHint: 'n' },
    'start-daemon': {
      type: 'boolean',
      default: false,
      description: 'Start the daemon in the background when none answers (at most once a minute)',
    },
    install: {
      type: 'boolean',
      default: false,
      description: 'Add this command as the statusLine of ~/.claude/settings.json',
    },
    uninstall: { type: 'boolean', default: false, description: 'Remove it from ~/.claude/settings.json' },
    settings: { type: 'string', description: 'The settings file for --install/--uninstall', valueHint: 'path' },
    config: { type: 'string', description: 'Config file ([statusline], [pricing])', valueHint: 'path' },
    'state-dir': {
      type: 'string',
      description: 'Where the plan-limit spool lives (default: CCO_STATE_DIR, $XDG_STATE_HOME/cco, ~/.local/state/cco)',
      valueHint: 'dir',
    },
    ...clientArgs,
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const started = Date.now();
    if (args.install || args.uninstall) {
      if (args.install && args.uninstall) throw new UsageError('--install and --uninstall cannot be used together');
      const path = settingsPath(args.settings, env);
      // Loaded on demand: a status-line refresh needs neither.
      const [{ selfCommand }, { installStatusLine, shellWord, uninstallStatusLine }] = await Promise.all([
        import('./daemon/self-command.ts'),
        import('./statusline/install.ts'),
      ]);
      const command = [...selfCommand(), 'statusline'].map(shellWord).join(' ');
      const edit = args.install
        ? installStatusLine(path, command, started)
        : uninstallStatusLine(path, command, started);
      return io.out(edit.message);
    }
    const config = configOf(args.config, env);
    const budgetMs =
      args.budget !== undefined
        ? (parseDuration(args.budget) ??
          (() => {
            throw new UsageError(`invalid --budget '${args.budget}': expected a duration like 200ms`);
          })())
        : (config.statusline.budgetMs ?? DEFAULT_BUDGET_MS);
    const segments =
      args.segments !== undefined
        ? (() => {
            try {
              return parseSegments(args.segments, '--segments');
            } catch (error) {
              throw new UsageError(error instanceof Error ? error.message : String(error));
            }
          })()
        : (config.statusline.segments ?? DEFAULT_SEGMENTS);
    const warnPercent = percentFlag(args['warn-percent'], 'warn-percent') ?? config.statusline.warnPercent ?? 50;
    const criticalPercent =
      percentFlag(args['critical-percent'], 'critical-percent') ?? config.statusline.criticalPercent ?? 80;
    const deadline = started + budgetMs;
    const print = (g: Gathered) =>
      renderLine(g.figures, {
        segments,
        style: createStyle(colorWanted(env, true)),
        now: Date.now(),
        warnPercent,
        criticalPercent,
        columns: Number(env.COLUMNS) > 0 ? Number(env.COLUMNS) : undefined,
        note: g.note,
      });
    let latest: Gathered = { figures: {} };
    let line: string;
    try {
      const text = await Promise.race([io.stdin?.() ?? Promise.resolve(''), Bun.sleep(budgetMs).then(() => '')]);
      const input = parseStatusInput(text);
      const dir = stateDir(args['state-dir'], env, env.HOME || homedir());
      appendSamples(spoolPath(dir), samplesFromStatusInput(input.raw, started));
      const target = resolveTarget(args, env);
      const work = gatherFigures(
        input,
        {
          target,
          env,
          pricing: config.pricing,
          deadline,
          now: Date.now,
          onNoDaemon: args['start-daemon'] ? () => startDaemonInBackground(dir, env, Date.now()) : undefined,
        },
        (g) => (latest = g),
      ).catch(() => {});
      await Promise.race([work, Bun.sleep(Math.max(0, deadline - Date.now()))]);
      line = print(latest);
    } catch {
      // Whatever went wrong, Claude Code still gets a line.
      line = print(latest);
    }
    if (io !== processIO) return io.out(line);
    // The real process leaves at once: nothing still reading (a slow transcript, a hung socket) may hold Claude Code.
    await Bun.write(Bun.stdout, `${line}\n`);
    process.exit(0);
  },
});
