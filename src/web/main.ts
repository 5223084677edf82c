// The dashboard page: wires the API, live updates and rendering to the elements of index.html.
import { createApi } from './api.ts';
import { drawChart, type ChartGeometry, type ChartHit } from './chart.ts';
import { byTestId } from './dom.ts';
import { formatAge, formatClock, formatCompact, formatDateTime, formatUsd, formatUsdSmall } from './labels.ts';
import { runLive, type Connection } from './live.ts';
import { reportsView } from './reports.ts';
import { renderBlock, renderBudgets, renderCalls, renderModels, renderProjects, renderTotals } from './render.ts';
import { renderLimits } from './limits.ts';
import { tokenStore } from './token.ts';
import { CHART_RANGES, type ChartRange } from './types.ts';
import type { HistoryBody, StatsBody, TimeRangeName } from '../client/types.ts';
import { TIME_RANGES } from '../api/values.ts';

const RANGE_WORDS: Readonly<Record<ChartRange, string>> = {
  '5m': '5 minutes',
  '15m': '15 minutes',
  '1h': 'hour',
  '6h': '6 hours',
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
};

interface View {
  statsRange: TimeRangeName;
  chartRange: ChartRange;
  stats?: { readonly body: StatsBody; readonly receivedAt: number };
  history?: HistoryBody;
  geometry?: ChartGeometry;
  /** Where the pointer is over the chart, px; kept so a redraw on a tick keeps the readout. */
  hoverX?: number;
  intervalS: number;
  /** Bumped per request, so an answer for a range no longer selected is dropped. */
  statsSeq: number;
  historySeq: number;
}

function start(doc: Document): void {
  const el = {
    status: byTestId(doc, 'status'),
    updated: byTestId(doc, 'last-updated'),
    banner: byTestId(doc, 'disconnected'),
    statsRanges: byTestId(doc, 'stats-range'),
    chartRanges: byTestId(doc, 'chart-range'),
    chart: byTestId<SVGSVGElement>(doc, 'chart'),
    chartSummary: byTestId(doc, 'chart-summary'),
    models: byTestId(doc, 'models'),
    projects: byTestId(doc, 'projects'),
    calls: byTestId(doc, 'calls'),
    version: byTestId(doc, 'version'),
    budgetsPanel: byTestId(doc, 'budgets-panel'),
    limitsPanel: byTestId(doc, 'limits-panel'),
    limits: byTestId(doc, 'limits'),
    budgets: byTestId(doc, 'budgets'),
  };
  const view: View = { statsRange: 'today', chartRange: '1h', intervalS: 2, statsSeq: 0, historySeq: 0 };
  const token = tokenStore(sessionStorage, byTestId<HTMLFormElement>(doc, 'token-form'));
  const api = createApi(token.get);

  const summarize = (hit?: ChartHit) => {
    const history = view.history;
    if (!history) return;
    if (hit) {
      const { point, stepMs } = hit;
      // Steps of an hour or more fall on other days too: name the day.
      const from =
        stepMs >= 3_600_000
          ? formatDateTime(point.timestamp - stepMs)
          : formatClock(point.timestamp - stepMs).slice(0, 5);
      el.chartSummary.textContent = `${from}–${formatClock(point.timestamp).slice(0, 5)}: ${formatUsdSmall(point.cost)} · ${formatCompact(point.tokens)} tokens`;
      return;
    }
    const cost = history.points.reduce((sum, p) => sum + p.cost, 0);
    const tokens = history.points.reduce((sum, p) => sum + p.tokens, 0);
    el.chartSummary.textContent = `${formatUsd(cost)} · ${formatCompact(tokens)} tokens in the last ${RANGE_WORDS[view.chartRange]} (per ${history.step})`;
  };

  const drawHistory = () => {
    const history = view.history;
    if (!history) return;
    view.geometry = drawChart(el.chart, history, Math.max(280, Math.floor(el.chart.getBoundingClientRect().width)));
    const dataset = el.chart.dataset;
    dataset.range = history.range;
    dataset.step = history.step;
    dataset.points = String(history.points.length);
    dataset.cost = String(history.points.reduce((sum, p) => sum + p.cost, 0));
    dataset.tokens = String(history.points.reduce((sum, p) => sum + p.tokens, 0));
    showHover();
  };

  const showHover = () => {
    const hit = view.hoverX === undefined ? undefined : view.geometry?.hitAt(view.hoverX);
    const cursor = el.chart.querySelector('.cursor');
    cursor?.setAttribute('visibility', hit ? 'visible' : 'hidden');
    if (hit) cursor?.setAttribute('x', String(hit.x)), cursor?.setAttribute('width', String(hit.width));
    summarize(hit);
  };

  const showStats = (stats: StatsBody) => {
    view.stats = { body: stats, receivedAt: performance.now() };
    renderTotals(doc, stats);
    renderModels(el.models, stats);
    renderProjects(el.projects, stats);
    renderCalls(el.calls, stats);
    doc.body.dataset.statsRange = stats.time_range;
    showAge();
  };

  /** "updated 3s ago", counted on from the daemon's own stale_s (no clock skew between browser and daemon). */
  const showAge = () => {
    const stats = view.stats;
    if (!stats) return;
    const age = stats.body.stale_s + (performance.now() - stats.receivedAt) / 1000;
    el.updated.textContent = `updated ${formatAge(age)} ago`;
    el.updated.title = `figures computed at ${formatDateTime(stats.body.last_updated)}`;
    el.updated.classList.toggle('stale', age > 2 * view.intervalS + 1);
  };

  const loadStats = async () => {
    const seq = ++view.statsSeq;
    const stats = await api.stats(view.statsRange);
    if (seq === view.statsSeq) showStats(stats);
  };
  const loadHistory = async () => {
    const seq = ++view.historySeq;
    const history = await api.history(view.chartRange);
    if (seq !== view.historySeq) return;
    view.history = history;
    drawHistory();
  };

  const showConnection = (c: Connection) => {
    el.status.dataset.state = c.state;
    doc.body.dataset.connection = c.state;
    el.banner.hidden = c.state !== 'disconnected';
    if (c.state === 'live' || c.state === 'polling') view.intervalS = c.intervalS;
    switch (c.state) {
      case 'connecting':
        el.status.textContent = 'connecting…';
        break;
      case 'live':
        el.status.textContent = 'live';
        break;
      case 'polling':
        el.status.textContent = `polling every ${c.intervalS}s`;
        break;
      case 'disconnected':
        el.status.textContent = 'disconnected, retrying';
        el.banner.title = c.reason;
        break;
      case 'locked':
        el.status.textContent = 'token needed';
        break;
    }
  };

  /** Range buttons: aria-pressed marks the chosen one; a click loads that range at once. */
  const wirePicker = <R extends string>(
    group: HTMLElement,
    ranges: readonly R[],
    chosen: R,
    choose: (r: R) => Promise<void>,
  ) => {
    for (const range of ranges) {
      const button = doc.createElement('button');
      button.type = 'button';
      button.textContent = range;
      button.dataset.range = range;
      button.setAttribute('aria-pressed', String(range === chosen));
      button.addEventListener('click', () => {
        for (const b of group.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
        // A failure here shows through the live connection, which retries.
        choose(range).catch(() => {});
      });
      group.append(button);
    }
  };
  // Live figures or reports: one shown at a time; #reports opens (and bookmarks) the reports.
  const reports = reportsView(doc, api);
  const liveView = byTestId(doc, 'live-view');
  const reportsMain = byTestId(doc, 'reports-view');
  const viewButtons = [...byTestId(doc, 'view-picker').querySelectorAll<HTMLButtonElement>('button')];
  const showView = (name: string) => {
    const wanted = name === 'reports' ? 'reports' : 'live';
    for (const b of viewButtons) b.setAttribute('aria-pressed', String(b.dataset.view === wanted));
    liveView.hidden = wanted !== 'live';
    reportsMain.hidden = wanted !== 'reports';
    doc.body.dataset.view = wanted;
    if (wanted === 'reports') void reports.load();
    else drawHistory();
  };
  for (const b of viewButtons)
    b.addEventListener('click', () => {
      history.replaceState(null, '', b.dataset.view === 'reports' ? '#reports' : '#');
      showView(b.dataset.view ?? 'live');
    });
  showView(location.hash === '#reports' ? 'reports' : 'live');

  wirePicker(el.statsRanges, TIME_RANGES, view.statsRange, (r) => ((view.statsRange = r), loadStats()));
  wirePicker(el.chartRanges, CHART_RANGES, view.chartRange, (r) => ((view.chartRange = r), loadHistory()));

  el.chart.addEventListener('pointermove', (event) => {
    view.hoverX = event.offsetX;
    showHover();
  });
  el.chart.addEventListener('pointerleave', () => {
    view.hoverX = undefined;
    showHover();
  });
  new ResizeObserver(drawHistory).observe(el.chart);
  setInterval(showAge, 1000);

  void runLive(api, {
    async refresh() {
      const [health, blocks, alerts, limits] = await Promise.all([
        view.stats ? undefined : api.health(),
        api.blocks(),
        api.alerts(),
        api.limits(),
        loadStats(),
        loadHistory(),
      ]);
      renderBlock(doc, blocks);
      renderBudgets(el.budgetsPanel, el.budgets, alerts);
      renderLimits(el.limitsPanel, el.limits, limits, Date.now());
      if (health) el.version.textContent = `v${health.version}`;
    },
    connection: showConnection,
    askToken: token.ask,
  });
}

start(document);
