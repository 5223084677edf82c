// `cco daily|weekly|monthly|session|project`: the daemon's figures and the logs' are the same; tables, CSV and
// exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assistant } from '../fixtures/log-lines.ts';
import { cliWith } from '../helpers/cli.ts';
import { startDemoDaemon, type DemoDaemon } from '../helpers/demo-daemon.ts';
import { tempDir } from '../helpers/temp.ts';

let daemon: DemoDaemon;
beforeAll(async () => {
  daemon = await startDemoDaemon('cco-cli-reports-', { now: Date.UTC(2026, 10, 28, 12), sessions: 20, seed: 3 });
});
afterAll(() => daemon[Symbol.asyncDispose]());

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; lines end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

describe('report commands', () => {
  it.each(['daily', 'weekly', 'monthly', 'session', 'project'])(
    '%s --json gives the same figures from the daemon and from the logs',
    async (kind) => {
      const env = daemon.env();
      const [fromDaemon, fromLogs] = await Promise.all([
        cliWith(env, kind, '--json', '-z', 'Asia/Kathmandu', '--url', daemon.base),
        cliWith(env, kind, '--json', '-z', 'Asia/Kathmandu', '--data-dir', daemon.root),
      ]);
      expect(fromDaemon.code).toBe(0);
      expect(fromLogs.code).toBe(0);
      expect(JSON.parse(fromDaemon.out)).toEqual(JSON.parse(fromLogs.out));
    },
  );

  it('prints an aligned table with a totals row and no escape codes under NO_COLOR', async () => {
    const { code, out } = await cliWith(
      daemon.env({ NO_COLOR: '1' }),
      'weekly',
      '--breakdown',
      '--url',
      daemon.base,
      '-z',
      'UTC',
    );
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(
      /^Week\s+Models\s+Input\s+Output\s+Cache create\s+Cache read\s+Total tokens\s+Cost \(USD\)$/,
    );
    expect(lines.some((l) => l.startsWith('  └ '))).toBe(true);
    expect(lines.find((l) => l.startsWith('Total'))).toMatch(/\$[\d,]+\.\d\d$/);
    expect(out).not.toContain('\x1b[');
  });

  it('drops the model and cache columns when COLUMNS is narrow', async () => {
    const { out } = await cliWith(daemon.env({ COLUMNS: '80' }), 'daily', '--url', daemon.base, '-z', 'UTC');
    expect(out.split('\n')[0]).toMatch(/^Date\s+Input\s+Output\s+Total tokens\s+Cost \(USD\)$/);
  });

  it("shows a session's last activity on the clock of the -z zone, not UTC", async () => {
    const env = daemon.env({ NO_COLOR: '1', COLUMNS: '200' });
    const [table, json] = await Promise.all([
      cliWith(env, 'session', '-z', 'Asia/Kathmandu', '--url', daemon.base),
      cliWith(env, 'session', '--json', '-z', 'Asia/Kathmandu', '--url', daemon.base),
    ]);
    const sessions = (JSON.parse(json.out) as { sessions: { sessionId: string; lastActivity: string }[] }).sessions;
    expect(sessions.length).toBeGreaterThan(0);
    const lines = table.out.split('\n');
    expect(lines[0]).toContain('Last activity');
    // Kathmandu is UTC+05:45 all year.
    const kathmandu = (iso: string) =>
      new Date(Date.parse(iso) + 345 * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    for (const s of sessions) {
      const line = lines.find((l) => l.startsWith(s.sessionId)) ?? '';
      expect(line).toContain(kathmandu(s.lastActivity));
    }
  });

  it("session --id lists one session's calls, the same from the daemon and from the logs, null for none", async () => {
    const env = daemon.env({ NO_COLOR: '1', COLUMNS: '200' });
    const list = await cliWith(env, 'session', '--json', '-z', 'UTC', '--url', daemon.base);
    const [top] = (JSON.parse(list.out) as { sessions: { sessionId: string; totalCost: number }[] }).sessions;
    const id = top?.sessionId ?? '';
    const [fromDaemon, fromLogs, table, none] = await Promise.all([
      cliWith(env, 'session', '--id', id, '--json', '-z', 'UTC', '--url', daemon.base),
      cliWith(env, 'session', '-i', id, '--json', '-z', 'UTC', '--data-dir', daemon.root),
      cliWith(env, 'session', '--id', id, '-z', 'Asia/Kathmandu', '--url', daemon.base),
      cliWith(env, 'session', '--id', 'no-such-session', '--json', '--url', daemon.base),
    ]);
    const body = JSON.parse(fromDaemon.out) as {
      sessionId: string;
      totalCost: number;
      entries: { timestamp: string }[];
    };
    expect(body.sessionId).toBe(id);
    expect(body.totalCost).toBeCloseTo(top?.totalCost ?? -1, 9);
    expect(body.entries.length).toBeGreaterThan(1);
    expect(JSON.parse(fromLogs.out)).toEqual(body);
    const lines = table.out.split('\n');
    expect(lines[1]).toMatch(
      /^Time\s+Model\s+Input\s+Output\s+Cache create\s+Cache read\s+Total tokens\s+Cost \(USD\)$/,
    );
    const first = new Date(Date.parse(body.entries[0]?.timestamp ?? '') + 345 * 60_000).toISOString();
    expect(lines[2]?.startsWith(first.slice(0, 19).replace('T', ' '))).toBe(true);
    expect(lines.find((l) => l.startsWith('Total'))).toContain(`(${body.entries.length} calls)`);
    expect({ code: none.code, out: none.out }).toEqual({ code: 0, out: 'null' });
    expect((await cliWith(env, 'session', '--id', 'no-such-session', '--url', daemon.base)).code).toBe(1);
  });

  it('answers 2 with the allowed values for a bad flag value', async () => {
    const bad = await cliWith(daemon.env(), 'weekly', '--start-of-week', 'funday', '--url', daemon.base);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('sunday, monday');
    expect((await cliWith(daemon.env(), 'daily', '--since', '20261131', '--url', daemon.base)).code).toBe(2);
    expect((await cliWith(daemon.env(), 'daily', '-z', 'Mars/Olympus', '--url', daemon.base)).err).toContain(
      'unknown time zone',
    );
  });

  it('writes CSV that parses back (RFC 4180) to the JSON figures, a project path with commas and quotes included', async () => {
    await using dir = await tempDir('cco-cli-csv-');
    const folder = join(dir.path, 'projects', '-home-ada-a--b');
    await mkdir(folder, { recursive: true });
    const cwd = '/home/ada/a, "b"';
    await writeFile(
      join(folder, 's1.jsonl'),
      `${[1, 2, 3].map((i) => assistant({ id: `m${i}`, requestId: `r${i}`, sessionId: 's1', timestamp: `2026-11-2${i}T10:00:00.000Z`, input: 100 * i, extra: { cwd } })).join('\n')}\n`,
    );
    const env = daemon.env();
    for (const kind of ['daily', 'session'] as const) {
      const [csv, json] = await Promise.all([
        cliWith(env, kind, '--csv', '--data-dir', dir.path, '-z', 'UTC'),
        cliWith(env, kind, '--json', '--data-dir', dir.path, '-z', 'UTC'),
      ]);
      const [header = [], ...rows] = parseCsv(csv.out);
      const body = JSON.parse(json.out) as Record<string, Record<string, unknown>[]>;
      const jsonRows = body[kind === 'daily' ? 'daily' : 'sessions'] ?? [];
      expect(rows).toHaveLength(jsonRows.length);
      rows.forEach((r, i) => {
        const record = Object.fromEntries(header.map((h, j) => [h, r[j]]));
        const j = jsonRows[i] ?? {};
        for (const key of [
          'inputTokens',
          'outputTokens',
          'cacheCreationTokens',
          'cacheReadTokens',
          'totalTokens',
          'totalCost',
        ])
          expect(Number(record[key])).toBe(j[key] as number);
        if (kind === 'session') expect(record.cwd).toBe(cwd);
      });
    }
  });
});
