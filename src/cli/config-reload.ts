// SIGHUP for `cco serve`: read the config file again and apply what can change while running (budgets, webhook,
// prices), with the flags still laid over it; the rest (port, host, allowed hosts, data roots, store, interval, token,
// CORS) stays. The file is read off the thread that answers requests (alerts/config-text.ts).
import { findConfigFile, reloadConfigFile } from '../config/config-file.ts';
import { errorMessage } from '../platform/error-message.ts';
import type { ReloadableSettings } from '../daemon/daemon.ts';
import { alertConfigOver, type BudgetFlagValues } from './budget-flags.ts';

export interface ConfigReloadOptions {
  readonly flags: BudgetFlagValues;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  /** Applies the settings; returns what changed, one phrase each. */
  readonly apply: (settings: ReloadableSettings) => string[];
}

/** Returns a reload to run on SIGHUP; each run resolves to the one line to log (a bad file changes nothing). */
export function configReloader({ flags, env, home, apply }: ConfigReloadOptions): () => Promise<string> {
  const once = async (): Promise<string> => {
    const file = findConfigFile(flags.config, env, home) ?? 'no config file';
    let settings;
    try {
      const read = await reloadConfigFile(flags.config, env, home);
      settings = { alerts: alertConfigOver(flags, () => read.alerts), pricing: read.pricing };
    } catch (error) {
      return `cco: warning: SIGHUP: not reloaded, keeping the current settings: ${errorMessage(error)}`;
    }
    const changes = apply(settings);
    return `cco: SIGHUP: reloaded ${file}: ${changes.length > 0 ? changes.join(', ') : 'nothing changed'}`;
  };
  // One reload at a time, in the order the signals came: a later one never applies an older read.
  let last: Promise<unknown> = Promise.resolve();
  return () => {
    const run = last.then(once, once);
    last = run;
    return run;
  };
}
