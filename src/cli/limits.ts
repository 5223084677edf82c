// `cco limits`: the plan limits the daemon recorded (5-hour, weekly, per-model weekly): current %, reset, source and
// age, the forecast at the current burn rate and the calibration against local spend; `--json` for /api/limits.
import { defineCommand } from 'citty';
import { createApiClient, DaemonError, DaemonUnreachable } from '../client/api-client.ts';
import type { LimitCurrentBody, LimitsBody } from '../client/types.ts';
import { formatAge, formatUsd } from '../text/format.ts';
import { sparkline } from '../text/sparkline.ts';
import { colorWanted, createStyle, type Style } from '../text/style.ts';
import { renderTable } from '../text/table.ts';
import { CommandFailure } from './errors.ts';
import { commandData } from './io.ts';
import { formatLeft } from './statusline/segments.ts';
import { clientArgs, resolveTarget } from './target.ts';

const WINDOW_LABEL: Record<LimitCurrentBody['window'], string> = {
  five_hour: '5-hour',
  seven_day: 'weekly',
  seven_day_model: 'weekly',
};

function forecastText(c: LimitCurrentBody, now: number): string {
  const f = c.forecast;
  if (c.expired) return 'window has reset';
  if (f.rate_percent_per_hour === null) return 'rate unknown';
  if (f.reaches_limit_at === null) return `${f.rate_percent_per_hour.toFixed(1)}%/h: no limit`;
  const at = Date.parse(f.reaches_limit_at);
  return `${f.rate_percent_per_hour.toFixed(1)}%/h: ${f.limit_before_reset ? `limit in ${formatLeft(at - now)}, before reset` : 'resets first'}`;
}

function calibrationText(c: LimitCurrentBody): string {
  const k = c.calibration;
  if (k.usd_per_percent === null) return '-';
  const err = k.usd_per_percent_error === null ? '' : ` ±${formatUsd(k.usd_per_percent_error, 3)}`;
  const left = k.remaining_usd === null ? '' : ` (≈${formatUsd(k.remaining_usd)} left)`;
  return `${formatUsd(k.usd_per_percent, 3)}${err}/1%${left}`;
}

export function renderLimits(body: LimitsBody, now: number, style: Style): string[] {
  if (body.current.length === 0)
    return [
      'No plan-limit figures recorded yet: they come from `cco statusline` (Claude Code Pro/Max) and ~/.claude.json.',
    ];
  const rows = body.current.map((c) => {
    const reset = c.resets_at ? formatLeft(Date.parse(c.resets_at) - now) : '-';
    const used = `${Math.round(c.used_percent)}%`;
    const coloured = c.used_percent >= 90 ? style.red(used) : c.used_percent >= 80 ? style.yellow(used) : used;
    return [
      `${WINDOW_LABEL[c.window]}${c.model ? ` ${c.model}` : ''}`,
      coloured,
      c.expired ? 'reset' : reset,
      `${c.source}, ${formatAge(c.age_s)} ago`,
      forecastText(c, now),
      calibrationText(c),
      sparkline(
        body.history
          .filter((s) => s.window === c.window && s.model === c.model)
          .slice(-24)
          .map((s) => s.used_percent),
      ),
    ];
  });
  const headers = ['window', 'used', 'resets in', 'source', 'forecast', 'local $ per 1%', 'history'];
  return renderTable(
    headers.map((header) => ({ header, align: header === 'used' ? 'right' : 'left' })),
    rows,
  );
}

export default defineCommand({
  meta: { name: 'limits', description: 'Plan limits (5-hour, weekly): current %, resets, history, forecast' },
  args: {
    json: { type: 'boolean', default: false, description: 'Print the JSON of /api/limits' },
    range: { type: 'string', default: '7d', description: 'History span (1h, 24h, 7d, 30d, all)', valueHint: 'range' },
    ...clientArgs,
  },
  async run({ args, data }) {
    const { io, env } = commandData(data);
    const target = resolveTarget(args, env);
    const client = createApiClient(target);
    let text: string;
    try {
      text = await client.limitsText(args.range);
    } catch (error) {
      if (error instanceof DaemonUnreachable)
        throw new CommandFailure(
          error.message,
          "plan limits are recorded by the daemon: start it with 'cco daemon start'",
        );
      if (error instanceof DaemonError) throw new CommandFailure(error.message);
      throw error;
    }
    if (args.json) return io.out(text);
    const style = createStyle(colorWanted(env, io.isTTY === true));
    io.out(renderLimits(JSON.parse(text) as LimitsBody, Date.now(), style).join('\n'));
  },
});
