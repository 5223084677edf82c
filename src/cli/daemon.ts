// `cco daemon`: the background daemon's life cycle; each sub-command is loaded when used.
import { defineCommand } from 'citty';

export default defineCommand({
  meta: {
    name: 'daemon',
    description: "Run 'cco serve' in the background: start, stop, status, restart, logs, install, uninstall",
  },
  subCommands: {
    start: () => import('./daemon/start.ts').then((m) => m.default),
    stop: () => import('./daemon/stop.ts').then((m) => m.default),
    status: () => import('./daemon/status.ts').then((m) => m.default),
    restart: () => import('./daemon/restart.ts').then((m) => m.default),
    logs: () => import('./daemon/logs.ts').then((m) => m.default),
    install: () => import('./daemon/install.ts').then((m) => m.default),
    uninstall: () => import('./daemon/uninstall.ts').then((m) => m.default),
  },
});
