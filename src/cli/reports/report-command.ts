// What `cco daily|weekly|monthly|session|project` share: ccusage's flags, the daemon when one runs (else the logs),
// and the output as a table, `--json` (ccusage 20.0.24's shape) or `--csv`.
import { defineCommand } from 'citty';
import { reportCsv } from '../../reports/csv.ts';
import type { ReportBody } from '../../reports/report-engine.ts';
import { parseReportQuery, ReportQueryError, type RawReportQuery } from '../../reports/report-query.ts';
import { systemZone } from '../../reports/zone-calendar.ts';
import { createStyle, colorWanted } from '../../text/style.ts';
import { answerFromDaemonOrLogs } from '../daemon-or-logs.ts';
import { clientArgs } from '../target.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { commandData } from '../io.ts';
import { renderSessionCalls, sessionCallsCsv } from '../report/session-calls-report.ts';
import type { SessionCallsBody } from '../../reports/session-calls-report.ts';
import { renderUsageReport } from '../report/usage-report.ts';
import type { ReportKind } from '../../api/values.ts';
import { ReportBook } from '../../reports/report-book.ts';
import { ReportEngine } from '../../reports/report-engine.ts';
import { answerFromLogs, logsArgs } from '../one-shot.ts';

const reportArgs = {
  since: {
    type: 'string',
    alias: 's',
    description: 'First day, YYYYMMDD or YYYY-MM-DD (inclusive)',
    valueHint: 'date',
  },
  until: { type: 'string', alias: 'u', description: 'Last day (inclusive)', valueHint: 'date' },
  timezone: {
    type: 'string',
    alias: 'z',
    description: 'IANA time zone of the days (default: TZ, else the system zone)',
    valueHint: 'zone',
  },
  breakdown: { type: 'boolean', alias: 'b', default: false, description: 'Show each row per model' },
  'breakdown-by': { type: 'string', description: 'model or project (implies --breakdown)', valueHint: 'by' },
  order: {
    type: 'string',
    alias: 'o',
    description: 'asc or desc (default: periods oldest first, sessions costliest first)',
    valueHint: 'order',
  },
  json: { type: 'boolean', alias: 'j', default: false, description: "Print JSON in ccusage's shape" },
  csv: { type: 'boolean', default: false, description: 'Print CSV (RFC 4180)' },
  ...clientArgs,
  ...logsArgs,
} as const;

const weekArgs = {
  'start-of-week': {
    type: 'string',
    alias: 'w',
    description: 'sunday (default, as ccusage) … saturday',
    valueHint: 'day',
  },
} as const;

const sessionArgs = {
  id: {
    type: 'string',
    alias: 'i',
    description: "This session's calls (ccusage's session --id JSON)",
    valueHint: 'id',
  },
} as const;

export function reportCommand(kind: ReportKind, description: string) {
  return defineCommand({
    meta: { name: kind, description },
    args: { ...reportArgs, ...(kind === 'weekly' ? weekArgs : {}), ...(kind === 'session' ? sessionArgs : {}) },
    async run({ args, data }) {
      const { io, env } = commandData(data);
      const flags = args as typeof args & { 'start-of-week'?: string; id?: string };
      const by = flags['breakdown-by'] ?? (flags.breakdown ? 'model' : undefined);
      const raw: RawReportQuery = {
        since: flags.since,
        until: flags.until,
        tz: flags.timezone ?? (env.TZ || systemZone()),
        breakdown: by,
        order: flags.order,
        start_of_week: flags['start-of-week'],
        id: flags.id,
      };
      let query;
      try {
        query = parseReportQuery(kind, raw, 'UTC');
      } catch (error) {
        if (error instanceof ReportQueryError)
          throw new UsageError(
            error.message.replace(/^invalid (\w+)/, (_, w: string) => `invalid --${w.replace(/_/g, '-')}`),
            `run 'cco ${kind} --help'`,
          );
        throw error;
      }
      const params = Object.fromEntries(
        Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
      );
      const style = createStyle(colorWanted(env, io.isTTY === true));
      const columns = io.columns ?? (Number(env.COLUMNS) || undefined);
      if (kind === 'session' && query.sessionId !== undefined) {
        const { id: _, ...rest } = params;
        const answer = await answerFromDaemonOrLogs({
          flags,
          env,
          io,
          ask: async (client) =>
            (await client.sessionCallsText(query.sessionId ?? '', new URLSearchParams(rest).toString())) ?? 'null',
          fromLogs: (dataDirs) =>
            answerFromLogs({ dataDirs, env, config: flags.config, now: Date.now() }, async (tick, _pricing, ingest) => {
              const book = new ReportBook();
              book.apply(tick.reports);
              const calls = await ingest.sessionCalls(query.sessionId ?? '');
              return JSON.stringify(new ReportEngine(book).sessionCalls(query, calls) ?? null);
            }),
        });
        // As ccusage: `null` for a session with no call in the range, exit 0.
        if (flags.json) return io.out(answer.text);
        const body = JSON.parse(answer.text) as SessionCallsBody | null;
        if (!body)
          throw new CommandFailure(
            `no calls of session '${query.sessionId}' in this range`,
            `run 'cco session' to list the sessions`,
          );
        if (flags.csv) return io.out(sessionCallsCsv(body).trimEnd());
        const from = answer.source.kind === 'daemon' ? `daemon at ${answer.source.url}` : 'the logs';
        return io.out(
          renderSessionCalls(body, {
            style,
            columns,
            zone: query.zone,
            footer: `Times in ${query.zone}; figures from ${from}.`,
          }).join('\n'),
        );
      }
      const answer = await answerFromDaemonOrLogs({
        flags,
        env,
        io,
        ask: (client) => client.reportText(kind, new URLSearchParams(params).toString()),
        fromLogs: (dataDirs) =>
          answerFromLogs({ dataDirs, env, config: flags.config, now: Date.now() }, (tick) => {
            const book = new ReportBook();
            book.apply(tick.reports);
            return JSON.stringify(new ReportEngine(book).build(query));
          }),
      });
      if (flags.json) return io.out(answer.text);
      const body = JSON.parse(answer.text) as ReportBody;
      if (flags.csv) return io.out(reportCsv(body, kind, query.breakdown).trimEnd());
      const from = answer.source.kind === 'daemon' ? `daemon at ${answer.source.url}` : 'the logs';
      io.out(
        renderUsageReport(body, {
          kind,
          breakdown: query.breakdown,
          style,
          columns,
          zone: query.zone,
          footer: `Days in ${query.zone}; figures from ${from}.`,
        }).join('\n'),
      );
    },
  });
}
