// GET /api/reports/{daily|weekly|monthly|session|project}: reports from the HTTP side's report book (no file I/O);
// bad values answer 400 naming the allowed ones.
import { Elysia } from 'elysia';
import { ReportEngine } from '../../reports/report-engine.ts';
import { parseReportQuery, ReportQueryError } from '../../reports/report-query.ts';
import { systemZone } from '../../reports/zone-calendar.ts';
import { whenWarm } from '../cold-start.ts';
import { BadRequestError } from '../errors.ts';
import { ErrorResponse } from '../../api/stats.ts';
import type { AppDeps } from '../types.ts';
import { ReportQuerySchema, ReportResponse } from '../../api/reports.ts';
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
  const zone = systemZone();
  const plugin = new Elysia({ name: 'reports', prefix: '/api/reports' });
  for (const kind of REPORT_KINDS) {
    plugin.get(
      `/${kind}`,
      async ({ query }) => {
        let parsed;
        try {
          parsed = parseReportQuery(kind, query, zone);
        } catch (error) {
          if (error instanceof ReportQueryError)
            throw new BadRequestError(error.message, error.allowed ? { allowed: error.allowed } : undefined);
          throw error;
        }
        await whenWarm(deps.cache, deps.coldTimeoutMs, deps.cache.reports);
        return engine.build(parsed);
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
