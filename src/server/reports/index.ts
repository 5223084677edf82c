// GET /api/reports/{daily|weekly|monthly|session|project}: reports from the HTTP side's report book (no file I/O);
// bad values answer 400 naming the allowed ones. GET /api/reports/session/{id} asks the ingest side for the calls.
import { Elysia, t } from 'elysia';
import { ReportEngine, type ReportBody } from '../../reports/report-engine.ts';
import { JSON_HEADERS } from '../security-headers.ts';
import { parseReportQuery, ReportQueryError, type RawReportQuery } from '../../reports/report-query.ts';
import { systemZone } from '../../reports/zone-calendar.ts';
import { whenWarm } from '../cold-start.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { ErrorResponse } from '../../api/stats.ts';
import type { AppDeps } from '../types.ts';
import { ReportQuerySchema, ReportResponse, SessionCallsQuerySchema, SessionCallsResponse } from '../../api/reports.ts';
import { REPORT_KINDS, type ReportKind } from '../../api/values.ts';

const SUMMARY: Record<ReportKind, string> = {
  daily: 'Usage per local day (ccusage daily JSON)',
  weekly: 'Usage per week from a chosen weekday (ccusage weekly JSON)',
  monthly: 'Usage per local month (ccusage monthly JSON)',
  session: 'Usage per session, subagents included, with first/last activity (ccusage session JSON)',
  project: 'Usage per project folder',
};

/** One documented route per report kind. */
export const reportsRoutes = (deps: AppDeps) => {
  const engine = new ReportEngine(deps.cache.reports);
  // A body is serialized once (the engine hands a kept report back as the same object) and sent as a Response: the
  // engine builds bodies to the declared schema, and checking a year of rows against it again cost more than
  // building them.
  const serialized = new WeakMap<ReportBody, string>();
  const reportResponse = (body: ReportBody): Response => {
    let text = serialized.get(body);
    if (text === undefined) serialized.set(body, (text = JSON.stringify(body)));
    return new Response(text, { headers: JSON_HEADERS });
  };
  const zone = systemZone();
  const plugin = new Elysia({ name: 'reports', prefix: '/api/reports' });
  const parse = (kind: ReportKind, query: RawReportQuery) => {
    try {
      return parseReportQuery(kind, query, zone);
    } catch (error) {
      if (error instanceof ReportQueryError)
        throw new BadRequestError(error.message, error.allowed ? { allowed: error.allowed } : undefined);
      throw error;
    }
  };
  // Before the kinds' routes, so `/session/{id}` is its own route and not a kind.
  plugin.get(
    '/session/:id',
    async ({ params, query }) => {
      const parsed = parse('session', { ...query, id: params.id });
      await whenWarm(deps.cache, deps.coldTimeoutMs, deps.cache.reports);
      const calls = deps.sessionCalls ? await deps.sessionCalls(params.id) : [];
      const body = engine.sessionCalls(parsed, calls);
      if (!body) throw new NotFoundError(`no calls of session '${params.id.slice(0, 80)}' in this range`);
      return body;
    },
    {
      params: t.Object({ id: t.String({ minLength: 1, maxLength: 200, description: 'the session id (file name)' }) }),
      query: SessionCallsQuerySchema,
      response: { 200: SessionCallsResponse, 400: ErrorResponse, 404: ErrorResponse, 503: ErrorResponse },
      detail: {
        tags: ['reports'],
        summary: "One session's calls, subagents included, asked of the ingest side (ccusage session --id JSON)",
      },
    },
  );
  for (const kind of REPORT_KINDS) {
    plugin.get(
      `/${kind}`,
      async ({ query }) => {
        const parsed = parse(kind, query);
        await whenWarm(deps.cache, deps.coldTimeoutMs, deps.cache.reports);
        return reportResponse(engine.build(parsed));
      },
      {
        query: ReportQuerySchema,
        response: { 200: ReportResponse, 400: ErrorResponse, 503: ErrorResponse },
        detail: { tags: ['reports'], summary: SUMMARY[kind] },
      },
    );
  }
  return plugin;
};
