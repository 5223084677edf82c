// SIGHUP for `cco serve`: read the config file again and apply what can change while running (budgets, webhook, prices),
// with the flags still laid over it; the rest (port, host, data roots, store, interval, token, CORS) stays.
import { findConfigFile } from '../alerts/config-file.ts';
import { errorMessage } from '../error-message.ts';
import type { ReloadableSettings } from '../server/daemon.ts';
import { settingsFromFlags, type BudgetFlagValues } from './budget-flags.ts';

export interface ConfigReloadOptions {
  readonly flags: BudgetFlagValues;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  /** Applies the settings; returns what changed, one phrase each. */
  readonly apply: (settings: ReloadableSettings) => string[];
}

/** Returns a reload to run on SIGHUP; each run returns the one line to log (a bad file changes nothing). */
export function configReloader({ flags, env, home, apply }: ConfigReloadOptions): () => string {
  return () => {
    const file = findConfigFile(flags.config, env, home) ?? 'no config file';
    let settings;
    try {
      settings = settingsFromFlags(flags, env, home);
    } catch (error) {
      return `cco: warning: SIGHUP: not reloaded, keeping the current settings: ${errorMessage(error)}`;
    }
    const changes = apply(settings);
    return `cco: SIGHUP: reloaded ${file}: ${changes.length > 0 ? changes.join(', ') : 'nothing changed'}`;
  };
}
