// /api/stats into the page: totals, models with share bars, top projects, recent calls. Every figure also carries
// its exact value in data-value / data-* attributes, so tests compare the page with the API without parsing text.
import { byTestId, h, showValue } from './dom.ts';
import { formatClock, formatCompact, formatCount, formatDateTime, formatMs, formatPercent, formatUsd, formatUsdSmall, modelLabel, projectLabel } from './labels.ts';
import { RANGE_LABELS } from '../tui/labels.ts';
import type { Stats } from './types.ts';

export function renderTotals(root: ParentNode, stats: Stats): void {
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

const empty = (tag: 'li' | 'tr', text: string, columns = 1) =>
  tag === 'li' ? h('li', { class: 'empty' }, text) : h('tr', { class: 'empty' }, h('td', { colspan: columns }, text));

export function renderModels(list: HTMLElement, stats: Stats): void {
  const rows = stats.models.map((m) => {
    const bar = h('span', { class: 'bar' });
    // CSSOM, not a style attribute: the page's CSP allows no inline styles.
    bar.style.width = `${Math.min(100, Math.max(0, m.percentage))}%`;
    return h(
      'li',
      { 'data-testid': 'model-row', 'data-model': m.model, 'data-percentage': m.percentage, 'data-cost': m.cost, 'data-tokens': m.tokens },
      h('span', { class: 'name', title: m.model }, modelLabel(m.model)),
      h('span', { class: 'track' }, bar),
      h('span', { class: 'pct num' }, formatPercent(m.percentage)),
      h('span', { class: 'cost num', title: `${formatCount(m.tokens)} tokens, ${formatCount(m.messages)} messages` }, formatUsd(m.cost)),
    );
  });
  list.replaceChildren(...(rows.length > 0 ? rows : [empty('li', 'No usage in this range')]));
}

export function renderProjects(body: HTMLElement, stats: Stats): void {
  const rows = stats.projects.map((p) =>
    h(
      'tr',
      { 'data-testid': 'project-row', 'data-name': p.name, 'data-cost': p.cost, 'data-tokens': p.tokens, 'data-messages': p.messages, 'data-percentage': p.percentage },
      h('td', { class: 'name', title: p.path ?? p.name }, projectLabel(p.name, p.path)),
      h('td', { class: 'num' }, formatUsd(p.cost)),
      h('td', { class: 'num wide' }, formatCompact(p.tokens)),
      h('td', { class: 'num wide' }, formatCount(p.messages)),
      h('td', { class: 'num' }, formatPercent(p.percentage)),
    ),
  );
  body.replaceChildren(...(rows.length > 0 ? rows : [empty('tr', 'No usage in this range', 5)]));
}

export function renderCalls(body: HTMLElement, stats: Stats): void {
  const paths = new Map(stats.projects.map((p) => [p.name, p.path]));
  const rows = stats.activity.recent_calls.map((c) =>
    h(
      'tr',
      { 'data-testid': 'call-row', 'data-time': c.time, 'data-model': c.model, 'data-tokens': c.tokens, 'data-cost': c.cost },
      h('td', { class: 'time', title: formatDateTime(c.time) }, formatClock(c.time)),
      h('td', { class: 'name', title: c.model }, modelLabel(c.model)),
      h('td', { class: 'name wide', title: paths.get(c.project) ?? c.project }, projectLabel(c.project, paths.get(c.project) ?? null)),
      h('td', { class: 'num' }, formatCompact(c.tokens)),
      h('td', { class: 'num' }, formatUsdSmall(c.cost)),
    ),
  );
  body.replaceChildren(...(rows.length > 0 ? rows : [empty('tr', 'No calls yet', 5)]));
}
