// The root `cco` command: sub-commands are loaded lazily so `--help` stays fast.
import { defineCommand } from 'citty';
import { VERSION_LINE } from '../platform/version.ts';

export const main = defineCommand({
  meta: {
    name: 'cco',
    version: VERSION_LINE,
    description: 'Usage metrics for Claude Code: a single-binary daemon with an HTTP API',
  },
  subCommands: {
    serve: () => import('./serve.ts').then((m) => m.default),
    daemon: () => import('./daemon.ts').then((m) => m.default),
    stats: () => import('./stats.ts').then((m) => m.default),
    history: () => import('./history.ts').then((m) => m.default),
    blocks: () => import('./blocks.ts').then((m) => m.default),
    daily: () => import('./reports/daily.ts').then((m) => m.default),
    weekly: () => import('./reports/weekly.ts').then((m) => m.default),
    monthly: () => import('./reports/monthly.ts').then((m) => m.default),
    session: () => import('./reports/session.ts').then((m) => m.default),
    project: () => import('./reports/project.ts').then((m) => m.default),
    monitor: () => import('./monitor.ts').then((m) => m.default),
    pricing: () => import('./pricing.ts').then((m) => m.default),
    statusline: () => import('./statusline.ts').then((m) => m.default),
    limits: () => import('./limits.ts').then((m) => m.default),
  },
});
