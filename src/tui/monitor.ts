// The monitor's loop: refresh from the source every interval (never two at once), redraw on answers, keys and resizes,
// and finish on q/Ctrl-C or a signal. The caller owns the terminal and restores it.
import { errorMessage } from '../platform/error-message.ts';
import { decodeKeys, type KeyAction } from './keys.ts';
import { renderScreen } from './screen.ts';
import type { Style } from '../text/style.ts';
import type { Terminal } from './terminal.ts';
import { nextRange, SourceUnavailable, type MonitorSource, type MonitorState, type TimeRangeName } from './types.ts';

export interface MonitorOptions {
  readonly source: MonitorSource;
  readonly terminal: Terminal;
  readonly style: Style;
  /** ms between refreshes (after the previous one finished). */
  readonly refreshMs: number;
  readonly range: TimeRangeName;
  readonly home: string;
  readonly now?: () => number;
  /** Signals that end the monitor (default SIGINT, SIGTERM, SIGHUP). */
  readonly signals?: readonly NodeJS.Signals[];
}

/** How the monitor ended: a key (exit 0) or a signal (exit 128 + its number). */
export type MonitorExit = { readonly by: 'key' } | { readonly by: 'signal'; readonly signal: NodeJS.Signals };

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

export function exitCodeOf(exit: MonitorExit): number {
  return exit.by === 'key' ? 0 : 128 + (SIGNAL_NUMBERS[exit.signal] ?? 0);
}

export function runMonitor(options: MonitorOptions): Promise<MonitorExit> {
  const { source, terminal, style } = options;
  const now = options.now ?? Date.now;
  const state: MonitorState = {
    url: source.url,
    range: options.range,
    refreshMs: options.refreshMs,
    failures: 0,
    showHelp: false,
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let again = false;
  let finished = false;

  return new Promise<MonitorExit>((resolve, reject) => {
    const draw = () => {
      if (finished) return;
      try {
        terminal.draw(
          renderScreen(state, {
            width: terminal.columns,
            height: terminal.rows,
            style,
            now: now(),
            home: options.home,
          }),
        );
      } catch (error) {
        finish(undefined, error);
      }
    };

    const refresh = async () => {
      if (finished) return;
      if (inFlight) {
        again = true;
        return;
      }
      clearTimeout(timer);
      inFlight = true;
      const range = state.range;
      try {
        const data = await source.fetch(range);
        // A range switched while this was in flight is fetched again below; don't show stale-range figures as current.
        if (range === state.range || !state.data) state.data = data;
        state.lastOkAt = now();
        state.error = undefined;
        if (range !== state.range) again = true;
      } catch (error) {
        state.failures++;
        state.error = {
          message: errorMessage(error),
          reachable: error instanceof SourceUnavailable ? error.reachable : true,
        };
      } finally {
        inFlight = false;
      }
      draw();
      if (finished) return;
      if (again) {
        again = false;
        void refresh();
      } else {
        timer = setTimeout(() => void refresh(), options.refreshMs);
      }
    };

    const onKey = (action: KeyAction) => {
      switch (action) {
        case 'quit':
          return finish({ by: 'key' });
        case 'refresh':
          draw();
          return void refresh();
        case 'range':
          state.range = nextRange(state.range);
          draw();
          return void refresh();
        case 'help':
          state.showHelp = !state.showHelp;
          return draw();
        case 'close':
          state.showHelp = false;
          return draw();
        case 'redraw':
          return draw();
      }
    };

    const signals = options.signals ?? ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const onSignal = (signal: NodeJS.Signals) => finish({ by: 'signal', signal });
    const handlers = signals.map((signal) => [signal, () => onSignal(signal)] as const);

    function finish(exit: MonitorExit | undefined, error?: unknown) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      for (const [signal, handler] of handlers) process.off(signal, handler);
      if (exit) resolve(exit);
      else reject(error);
    }

    for (const [signal, handler] of handlers) process.on(signal, handler);
    terminal.onInput((chunk) => {
      for (const action of decodeKeys(chunk)) {
        onKey(action);
        if (finished) return;
      }
    });
    terminal.onResize(draw);
    draw();
    void refresh();
  });
}
