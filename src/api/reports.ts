// Schemas of GET /api/reports/{kind}: rows in ccusage 20.0.24's JSON shape, plus cco's own keys.
import { t } from 'elysia';
import { BREAKDOWNS, ORDERS, WEEKDAYS } from './values.ts';

const Tokens = {
  inputTokens: t.Integer(),
  outputTokens: t.Integer(),
  cacheCreationTokens: t.Integer({ description: '5-minute and 1-hour cache writes' }),
  cacheReadTokens: t.Integer(),
};

const ModelBreakdown = t.Object({ modelName: t.String(), ...Tokens, cost: t.Number({ description: 'USD' }) });
const ProjectBreakdown = t.Object({
  project: t.String(),
  cwd: t.Union([t.String(), t.Null()]),
  ...Tokens,
  cost: t.Number({ description: 'USD' }),
});

const Usage = {
  ...Tokens,
  totalTokens: t.Integer(),
  totalCost: t.Number({ description: 'USD' }),
  modelsUsed: t.Array(t.String(), { description: 'costliest first' }),
  modelBreakdowns: t.Array(ModelBreakdown, {
    description: 'costliest first; model-less and <synthetic> usage counts only in the row',
  }),
  messageCount: t.Integer({ description: 'cco: successful responses' }),
  projectBreakdowns: t.Optional(t.Array(ProjectBreakdown, { description: 'cco, with breakdown=project' })),
};

const PeriodRow = t.Object({
  date: t.Optional(t.String({ description: 'daily: local YYYY-MM-DD' })),
  week: t.Optional(t.String({ description: 'weekly: the local date the week starts' })),
  month: t.Optional(t.String({ description: 'monthly: YYYY-MM' })),
  ...Usage,
});

const Share = {
  totalTokens: t.Integer(),
  totalCost: t.Number(),
  tokenShare: t.Number({ description: '0-1' }),
  costShare: t.Number({ description: '0-1' }),
};

const SessionRow = t.Object({
  sessionId: t.String(),
  projectPath: t.String({ description: 'the project folder under projects/ (as ccusage)' }),
  cwd: t.Union([t.String(), t.Null()], { description: "cco: the project's working directory from the logs" }),
  firstActivity: t.String({ format: 'date-time' }),
  lastActivity: t.String({ format: 'date-time' }),
  ...Usage,
  subagent: t.Object({ ...Tokens, ...Share }, { description: 'cco: usage of its subagents (sidechain responses)' }),
});

const ProjectRow = t.Object({
  project: t.String({ description: 'the project folder under projects/' }),
  cwd: t.Union([t.String(), t.Null()]),
  sessionCount: t.Integer({ description: 'sessions whose last activity is in the range' }),
  ...Usage,
});

export const ReportResponse = t.Object({
  daily: t.Optional(t.Array(PeriodRow)),
  weekly: t.Optional(t.Array(PeriodRow)),
  monthly: t.Optional(t.Array(PeriodRow)),
  sessions: t.Optional(t.Array(SessionRow)),
  projects: t.Optional(t.Array(ProjectRow)),
  totals: t.Object(
    { ...Tokens, totalTokens: t.Integer(), totalCost: t.Number(), messageCount: t.Integer() },
    { description: 'over the whole range, also rows a limit leaves out' },
  ),
});

const SessionCallEntry = t.Object({
  timestamp: t.String({ format: 'date-time' }),
  model: t.String({ description: "empty when the line named none; '<synthetic>' for API errors" }),
  fastMode: t.Boolean({ description: 'cco: priced as fast mode (usage.speed "fast")' }),
  ...Tokens,
  costUSD: t.Number({ description: "USD as cco prices the call (ccusage writes the line's own costUSD, else 0)" }),
  isSidechain: t.Boolean({ description: "cco: a subagent's call" }),
});

export const SessionCallsResponse = t.Object({
  sessionId: t.String(),
  totalCost: t.Number({ description: 'USD' }),
  totalTokens: t.Integer(),
  entries: t.Array(SessionCallEntry, { description: 'oldest first (order=desc: newest first)' }),
});

const list = (values: readonly string[]) => values.join(', ');

export const ReportQuerySchema = t.Object({
  since: t.Optional(t.String({ description: 'first local day, YYYYMMDD or YYYY-MM-DD (inclusive)' })),
  until: t.Optional(t.String({ description: 'last local day (inclusive)' })),
  tz: t.Optional(t.String({ description: "IANA time zone of the days (default: the daemon's)" })),
  breakdown: t.Optional(
    t.String({ description: `second level: ${list(BREAKDOWNS)} (model breakdowns are always in the JSON)` }),
  ),
  order: t.Optional(
    t.String({ description: `${list(ORDERS)}; default: periods oldest first, sessions and projects costliest first` }),
  ),
  limit: t.Optional(t.String({ description: 'at most this many rows, 1-100000' })),
  start_of_week: t.Optional(t.String({ description: `weekly: ${list(WEEKDAYS)} (default sunday, as ccusage)` })),
  id: t.Optional(t.String({ description: 'session: only this session' })),
});

export const SessionCallsQuerySchema = t.Object({
  since: ReportQuerySchema.properties.since,
  until: ReportQuerySchema.properties.until,
  tz: ReportQuerySchema.properties.tz,
  order: t.Optional(t.String({ description: `${list(ORDERS)}; default oldest first` })),
});
