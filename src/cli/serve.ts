// `cco serve`: the foreground daemon. Resolves data roots (or demo data), then runs the HTTP API and the aggregator.
import { defineCommand } from 'citty';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemClock } from '../platform/clock.ts';
import { generateDemoRoot } from '../demo/index.ts';
import { resolveDataRoots, type DataRoot } from '../ingest/data-roots.ts';
import { parseDuration } from '../platform/duration.ts';
import type { CostMode } from '../pricing/index.ts';
import { decideAccess } from '../server/auth/bind-policy.ts';
import { startDaemon } from '../daemon/daemon.ts';
import { VERSION } from '../platform/version.ts';
import { ccoDirs, dirsHint, hostFacts } from '../platform/dirs.ts';
import { accessArgs, allowedHostsFrom, parseCorsOrigin, repeatedFlag, tokenFromFlags } from './access-flags.ts';
import { alertConfigOver, budgetArgs, configFileFromFlags } from './budget-flags.ts';
import { configReloader } from './config-reload.ts';
import { CommandFailure, UsageError } from './errors.ts';
import { parseHost, parseMaxEventClients, parsePort } from './parse.ts';
import { hasLogs } from '../ingest/discover.ts';
import { limitSourcesFor } from './statusline/sources.ts';
import { ConfigError } from '../platform/config-error.ts';
import { remoteWriteConfig, type RemoteWriteConfig } from '../config/remote-write.ts';

const COST_MODES: readonly CostMode[] = ['auto', 'calculate', 'display'];

/** `cco.db` in cco's data folder (platform/dirs.ts: `$XDG_DATA_HOME/cco`, else the OS's place). */
export function defaultDbPath(env: Readonly<Record<string, string | undefined>>, home: string): string {
  return join(ccoDirs(hostFacts(env, home)).data, 'cco.db');
}

async function demoRoot(): Promise<{ roots: DataRoot[]; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cco-demo-'));
  const summary = await generateDemoRoot(dir, { now: systemClock.now() });
  process.stderr.write(`cco: demo data: ${summary.files} files, ${(summary.bytes / 1e6).toFixed(1)} MB in ${dir}\n`);
  return {
    roots: resolveDataRoots({ dataDirs: [dir], env: {}, home: homedir() }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** `--interval` (or CCO_INTERVAL): 2s by default, at least 100ms. */
export function parseInterval(raw: string): number {
  const ms = parseDuration(raw);
  if (ms === undefined || ms < 100)
    throw new UsageError(`invalid interval '${raw}': expected a duration like 500ms, 2s or 1m (at least 100ms)`);
  return ms;
}

/** `--machine-label`: any non-empty text up to 128 characters (a Prometheus label value). */
export function parseMachineLabel(raw: string): string {
  if (raw.trim() === '' || raw.length > 128)
    throw new UsageError(`invalid machine label '${raw.slice(0, 40)}': expected 1 to 128 characters`);
  return raw;
}

function parseCostMode(raw: string): CostMode {
  const mode = COST_MODES.find((m) => m === raw);
  if (!mode) throw new UsageError(`invalid cost mode '${raw}': expected one of ${COST_MODES.join(', ')}`);
  return mode;
}

export default defineCommand({
  meta: { name: 'serve', description: 'Run the metrics daemon in the foreground' },
  args: {
    port: { type: 'string', default: '3000', description: 'TCP port (0 picks a free one)', valueHint: 'port' },
    host: { type: 'string', default: '127.0.0.1', description: 'Address to bind', valueHint: 'host' },
    'data-dir': {
      type: 'string',
      description: 'Claude data root(s), comma-separated (default: CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude)',
      valueHint: 'dir',
    },
    interval: {
      type: 'string',
      description: 'Aggregation interval (default 2s, or CCO_INTERVAL)',
      valueHint: 'duration',
    },
    'cost-mode': {
      type: 'string',
      default: 'auto',
      description: 'auto (costUSD when logged, else calculated), calculate, display',
      valueHint: 'mode',
    },
    db: {
      type: 'string',
      description: `SQLite store (default: $XDG_DATA_HOME/cco/cco.db, else ${dirsHint(process.platform).data}/cco.db)`,
      valueHint: 'path',
    },
    persist: {
      type: 'boolean',
      default: true,
      description: 'Keep usage in the store across restarts',
      negativeDescription: 'Keep everything in memory only',
    },
    demo: {
      type: 'boolean',
      default: false,
      description: 'Serve generated demo data instead of your own (in memory unless --db)',
    },
    'demo-if-empty': {
      type: 'boolean',
      default: false,
      description: 'Serve demo data when no Claude Code data is found',
    },
    ...accessArgs,
    ...budgetArgs,
    'machine-label': {
      type: 'string',
      description: 'The machine label on /metrics samples (default: this host name)',
      valueHint: 'name',
    },
    'max-event-clients': {
      type: 'string',
      description: '/api/events streams served at once (default 128); one more is answered 503 with Retry-After',
      valueHint: 'n',
    },
    'remote-write': {
      type: 'string',
      description:
        'Push the usage counters to this Prometheus remote-write URL (more in the config file [remote_write])',
      valueHint: 'url',
    },
  },
  async run({ args, rawArgs }) {
    const port = parsePort(args.port);
    const hostname = parseHost(args.host);
    const intervalMs = parseInterval(args.interval ?? process.env.CCO_INTERVAL ?? '2s');
    const costMode = parseCostMode(args['cost-mode']);
    const machineLabel = args['machine-label'] !== undefined ? parseMachineLabel(args['machine-label']) : undefined;
    const configFile = configFileFromFlags(args, process.env, homedir());
    const alerts = alertConfigOver(args, () => configFile.alerts);
    const pricing = configFile.pricing;
    let remoteWrite: RemoteWriteConfig | undefined;
    try {
      remoteWrite = remoteWriteConfig(configFile.remoteWrite, args['remote-write'], configFile.path ?? 'config');
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
    const token = tokenFromFlags(args, process.env, (line) => process.stderr.write(`cco: warning: ${line}\n`));
    const corsOrigin = args.cors !== undefined ? parseCorsOrigin(args.cors) : undefined;
    const allowedHosts = allowedHostsFrom(
      repeatedFlag(rawArgs, 'allowed-host'),
      { names: configFile.allowedHosts, file: configFile.path },
      hostname,
    );
    const maxEventClients =
      args['max-event-clients'] !== undefined ? parseMaxEventClients(args['max-event-clients']) : undefined;
    const decided = decideAccess({ hostname, token, corsOrigin });
    const access = { ...decided.access, allowedHosts };
    const { generatedToken } = decided;
    const dataDirs = args['data-dir'] ? [args['data-dir']] : undefined;
    let roots = resolveDataRoots({ dataDirs, env: process.env, home: homedir() });
    let cleanup = async () => {};
    // (a data root without a single transcript, e.g. a fresh install's empty projects/, has no data to show)
    const found = hasLogs(roots);
    if (args.demo || (!found && args['demo-if-empty'])) {
      if (!args.demo)
        process.stderr.write(
          'cco: no Claude Code data found (CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude); serving demo data\n',
        );
      ({ roots, cleanup } = await demoRoot());
    } else if (!found) {
      process.stderr.write(
        `cco: no Claude Code data found yet in ${roots.map((r) => r.projectsDir).join(', ') || '~/.config/claude, ~/.claude'}; watching for it\n`,
      );
    }

    const demo = args.demo || (!found && args['demo-if-empty']);
    const dbPath = !args.persist
      ? undefined
      : args.db
        ? resolve(args.db)
        : demo
          ? undefined
          : defaultDbPath(process.env, homedir());

    // From here a SIGINT/SIGTERM exits 0: one that comes while the store opens stops the daemon as soon as it exists.
    let stopRequested = false;
    let stop = async () => {
      stopRequested = true;
    };
    const onStopSignal = () => void stop();
    process.once('SIGINT', onStopSignal);
    process.once('SIGTERM', onStopSignal);
    let daemon;
    try {
      daemon = await startDaemon({
        clock: systemClock,
        version: VERSION,
        roots,
        port,
        hostname,
        intervalMs,
        costMode,
        dbPath,
        access,
        machine: machineLabel,
        alerts,
        pricing,
        maxEventClients,
        limits: demo ? undefined : limitSourcesFor(process.env, homedir()),
        remoteWrite,
        warn: (message) => process.stderr.write(`cco: warning: ${message}\n`),
      });
    } catch (error) {
      await cleanup();
      if (error instanceof Error && /another cco daemon is using/.test(error.message)) {
        throw new CommandFailure(error.message, 'stop it first (cco daemon stop), or use --db PATH or --no-persist');
      }
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE')
        throw new CommandFailure(`port ${port} on ${hostname} is already in use`, 'pick another with --port');
      if (code === 'EACCES')
        throw new CommandFailure(`not allowed to bind ${hostname}:${port}`, 'use a port above 1023');
      if (code === 'EADDRNOTAVAIL')
        throw new CommandFailure(`cannot bind ${hostname}: no such local address`, 'try --host 127.0.0.1');
      throw error;
    }
    // Handlers go in before the listening line: whoever reads that line may signal at once.
    const running = daemon;
    stop = async () => {
      await running.stop();
      await cleanup();
      process.exit(0);
    };
    if (stopRequested) return void stop();
    const reload = configReloader({
      flags: args,
      env: process.env,
      home: homedir(),
      apply: (settings) => running.reload(settings),
    });
    process.on('SIGHUP', () => void reload().then((line) => process.stderr.write(`${line}\n`)));
    // Printed once, never stored: a restart generates a new one unless --token-file or CCO_TOKEN fixes it.
    if (generatedToken)
      process.stderr.write(
        `cco: ${hostname} is not a loopback address, so the API requires a token (choose your own with --token-file or CCO_TOKEN); generated access token: ${generatedToken}\n`,
      );
    process.stderr.write(
      `cco ${VERSION} listening on ${running.url} (data: ${roots.map((r) => r.root).join(', ') || 'none'}; every ${intervalMs / 1000}s; store: ${dbPath ?? 'memory only'}${access.token ? '; token required' : ''}${remoteWrite ? `; remote write: ${new URL(remoteWrite.url).host} every ${remoteWrite.intervalMs / 1000}s` : ''}${corsOrigin ? `; CORS: ${corsOrigin}` : ''}${
        Object.keys(alerts.budgets).length
          ? `; budgets: ${Object.entries(alerts.budgets)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}`
          : ''
      })\n`,
    );
  },
});
