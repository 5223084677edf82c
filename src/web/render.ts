// /api/stats into the page: totals, models with share bars, top projects, recent calls. Every figure also carries
// its exact value in data-value / data-* attributes, so tests compare the page with the API without parsing text.
import { byTestId, h, showValue } from './dom.ts';
import {
  formatAge,
  formatClock,
  formatCompact,
  formatCount,
  formatDateTime,
  formatMs,
  formatPercent,
  formatUsd,
  formatUsdSmall,
  modelLabel,
  projectLabel,
} from './labels.ts';
import { RANGE_LABELS } from '../text/labels.ts';
import type { AlertsBody, BlocksBody, StatsBody } from '../client/types.ts';

export function renderTotals(root: ParentNode, stats: StatsBody): void {
  const t = stats.totals;
  const show = (id: string, text: string, value: number) => showValue(byTestId(root, id), text, value);
  show('total-cost', formatUsd(t.cost), t.cost);
  show('total-tokens', formatCompact(t.total_tokens), t.total_tokens);
  show('input-tokens', formatCount(t.input_tokens), t.input_tokens);
  show('output-tokens', formatCount(t.output_tokens), t.output_tokens);
  show('cache-creation-tokens', formatCount(t.cache_creation_tokens), t.cache_creation_tokens);
  show('cache-read-tokens', formatCount(t.cache_read_tokens), t.cache_read_tokens);
  show('messages', formatCount(t.messages), t.messages);
  show('requests-ok', formatCount(t.requests_ok), t.requests_ok);
  show('requests-failed', formatCount(t.requests_failed), t.requests_failed);
  show('avg-response-time', formatMs(t.avg_response_time), t.avg_response_time);
  byTestId(root, 'total-tokens').title = `${formatCount(t.total_tokens)} tokens`;
  const perMessage = t.messages > 0 ? ` · ${formatUsdSmall(t.cost / t.messages)} per message` : '';
  byTestId(root, 'cost-note').textContent = `${RANGE_LABELS[stats.time_range]}${perMessage}`;
}

/** The active 5-hour block: cost so far, time gone, burn rate and projection; hidden when the daemon has no blocks. */
export function renderBlock(root: ParentNode, blocks: BlocksBody | undefined): void {
  const card = byTestId(root, 'block-card');
  card.hidden = blocks === undefined;
  const active = blocks?.active;
  const cost = byTestId(root, 'block-cost');
  const elapsed = byTestId(root, 'block-elapsed');
  const projection = byTestId(root, 'block-projection');
  const remaining = byTestId(root, 'block-remaining');
  if (!active) {
    cost.textContent = '–';
    cost.removeAttribute('data-value');
    elapsed.style.width = '0';
    projection.textContent = 'No active block';
    remaining.textContent = 'one starts with the next call';
    return;
  }
  showValue(cost, formatUsd(active.cost), active.cost);
  const left = active.projection?.remaining_minutes ?? 0;
  elapsed.style.width = `${Math.min(100, Math.max(0, 100 - (left / 300) * 100))}%`;
  const rate = active.burn_rate ? ` · ${formatUsd(active.burn_rate.cost_per_hour)}/h` : '';
  projection.textContent = active.projection
    ? `→ ${formatUsd(active.projection.total_cost)} projected${rate}`
    : rate.slice(3);
  const reset = active.usage_limit_reset_time;
  if (reset !== null) projection.textContent = `Usage limit reached · resets ${formatClock(reset).slice(0, 5)}`;
  remaining.textContent = `${formatAge(left * 60)} left, ends ${formatClock(active.end).slice(0, 5)} · ${formatCompact(active.total_tokens)} tokens`;
  card.title = `block from ${formatDateTime(active.start)} to ${formatDateTime(active.end)}`;
}

const PERIOD_WORDS = { day: 'today', month: 'this month', block: 'this block' } as const;

/** Each budget with how much of it is spent (green, amber from 80 %, red once reached); hidden when none is set. */
export function renderBudgets(panel: HTMLElement, list: HTMLElement, alerts: AlertsBody | undefined): void {
  const standing = alerts?.standing ?? [];
  panel.hidden = standing.length === 0;
  const amount = (unit: 'usd' | 'tokens', v: number) => (unit === 'usd' ? formatUsd(v) : formatCompact(v));
  list.replaceChildren(
    ...standing.map((b) => {
      const bar = h('span', { class: 'bar' });
      bar.style.width = `${Math.min(100, Math.max(0, b.percent))}%`;
      const raised = alerts?.alerts.find((a) => a.budget === b.budget && a.period_start === b.period_start);
      return h(
        'li',
        {
          class: b.exceeded ? 'over' : b.percent >= 80 ? 'near' : undefined,
          'data-testid': 'budget-row',
          'data-budget': b.budget,
          'data-percent': b.percent,
          'data-exceeded': String(b.exceeded),
          title: raised ? `alert raised ${formatDateTime(raised.triggered_at)}` : undefined,
        },
        h('span', { class: 'name' }, `${PERIOD_WORDS[b.period]} ${b.unit === 'usd' ? 'cost' : 'tokens'}`),
        h('span', { class: 'track' }, bar),
        h('span', { class: 'pct num' }, formatPercent(b.percent)),
        h('span', { class: 'cost num' }, `${amount(b.unit, b.value)} / ${amount(b.unit, b.limit)}`),
      );
    }),
  );
}

const empty = (tag: 'li' | 'tr', text: string, columns = 1) =>
  tag === 'li' ? h('li', { class: 'empty' }, text) : h('tr', { class: 'empty' }, h('td', { colspan: columns }, text));

export function renderModels(list: HTMLElement, stats: StatsBody): void {
  const rows = stats.models.map((m) => {
    const bar = h('span', { class: 'bar' });
    // CSSOM, not a style attribute: the page's CSP allows no inline styles.
    bar.style.width = `${Math.min(100, Math.max(0, m.percentage))}%`;
    return h(
      'li',
      {
        'data-testid': 'model-row',
        'data-model': m.model,
        'data-percentage': m.percentage,
        'data-cost': m.cost,
        'data-tokens': m.tokens,
      },
      h('span', { class: 'name', title: m.model }, modelLabel(m.model)),
      h('span', { class: 'track' }, bar),
      h('span', { class: 'pct num' }, formatPercent(m.percentage)),
      h(
        'span',
        { class: 'cost num', title: `${formatCount(m.tokens)} tokens, ${formatCount(m.messages)} messages` },
        formatUsd(m.cost),
      ),
    );
  });
  list.replaceChildren(...(rows.length > 0 ? rows : [empty('li', 'No usage in this range')]));
}

export function renderProjects(body: HTMLElement, stats: StatsBody): void {
  const rows = stats.projects.map((p) =>
    h(
      'tr',
      {
        'data-testid': 'project-row',
        'data-name': p.name,
        'data-cost': p.cost,
        'data-tokens': p.tokens,
        'data-messages': p.messages,
        'data-percentage': p.percentage,
      },
      h('td', { class: 'name', title: p.path ?? p.name }, projectLabel(p.name, p.path)),
      h('td', { class: 'num' }, formatUsd(p.cost)),
      h('td', { class: 'num wide' }, formatCompact(p.tokens)),
      h('td', { class: 'num wide' }, formatCount(p.messages)),
      h('td', { class: 'num' }, formatPercent(p.percentage)),
    ),
  );
  body.replaceChildren(...(rows.length > 0 ? rows : [empty('tr', 'No usage in this range', 5)]));
}

export function renderCalls(body: HTMLElement, stats: StatsBody): void {
  const paths = new Map(stats.projects.map((p) => [p.name, p.path]));
  const rows = stats.activity.recent_calls.map((c) =>
    h(
      'tr',
      {
        'data-testid': 'call-row',
        'data-time': c.time,
        'data-model': c.model,
        'data-tokens': c.tokens,
        'data-cost': c.cost,
      },
      h('td', { class: 'time', title: formatDateTime(c.time) }, formatClock(c.time)),
      h('td', { class: 'name', title: c.model }, modelLabel(c.model)),
      h(
        'td',
        { class: 'name wide', title: paths.get(c.project) ?? c.project },
        projectLabel(c.project, paths.get(c.project) ?? null),
      ),
      h('td', { class: 'num' }, formatCompact(c.tokens)),
      h('td', { class: 'num' }, formatUsdSmall(c.cost)),
    ),
  );
  body.replaceChildren(...(rows.length > 0 ? rows : [empty('tr', 'No calls yet', 5)]));
}
