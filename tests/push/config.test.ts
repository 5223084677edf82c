// [remote_write] in the config file and --remote-write: credentials read from files and sent as Authorization, extra
// headers sent, bad settings refused as usage errors (exit 2, one line).
import { describe, expect, it } from 'bun:test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfigFile } from '../../src/config/config-file.ts';
import { remoteWriteConfig } from '../../src/config/remote-write.ts';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { cli } from '../helpers/cli.ts';
import { metricsStack } from '../helpers/metrics.ts';
import { tempDir } from '../helpers/temp.ts';
import { waitFor } from '../helpers/wait.ts';

async function configIn(dir: string, text: string): Promise<string> {
  const file = join(dir, 'config.toml');
  await writeFile(file, text);
  return file;
}

describe('remote write settings', () => {
  it('sends the bearer token from its file, the extra headers and the protocol headers to the receiver', async () => {
    await using dir = await tempDir('cco-rw-config-');
    await writeFile(join(dir.path, 'token'), 's3cret-token\n');
    const seen: Headers[] = [];
    await using receiver = (() => {
      const server = Bun.serve({
        hostname: '127.0.0.1',
        port: 0,
        fetch(request) {
          seen.push(request.headers);
          return new Response(null, { status: 204 });
        },
      });
      return { url: `http://127.0.0.1:${server.port}/push`, [Symbol.asyncDispose]: () => server.stop(true) };
    })();
    const file = await configIn(
      dir.path,
      `[remote_write]\nurl = "${receiver.url}"\nbearer_token_file = "${join(dir.path, 'token')}"\ninterval = "200ms"\n\n[remote_write.headers]\nX-Scope-OrgID = "team-a"\n`,
    );
    const config = remoteWriteConfig(loadConfigFile(file, {}, '/nonexistent').remoteWrite, undefined, file);
    expect(config).toEqual({
      url: receiver.url,
      headers: { 'X-Scope-OrgID': 'team-a', authorization: 'Bearer s3cret-token' },
      intervalMs: 200,
      timeoutMs: 10_000,
      maxBacklogSamples: 500_000,
    });
    await generateDemoRoot(join(dir.path, 'root'), { now: Date.now(), sessions: 2 });
    const stack = metricsStack(join(dir.path, 'root'), { now: Date.now(), remoteWrite: config });
    await stack.aggregator.tickNow();
    const [headers] = await waitFor(() => (seen.length > 0 ? seen : undefined), 'a push');
    await stack.close();
    expect(headers?.get('authorization')).toBe('Bearer s3cret-token');
    expect(headers?.get('x-scope-orgid')).toBe('team-a');
    expect(headers?.get('content-type')).toBe('application/x-protobuf');
    expect(headers?.get('content-encoding')).toBe('snappy');
    expect(headers?.get('x-prometheus-remote-write-version')).toBe('0.1.0');
  });

  it('takes the URL from --remote-write over the file, keeping the file’s other settings; basic auth from a file', async () => {
    await using dir = await tempDir('cco-rw-config-');
    await writeFile(join(dir.path, 'pw'), 'hunter2');
    const file = await configIn(
      dir.path,
      `[remote_write]\ninterval = "30s"\n[remote_write.basic_auth]\nusername = "ada"\npassword_file = "${join(dir.path, 'pw')}"\n`,
    );
    const section = loadConfigFile(file, {}, '/nonexistent').remoteWrite;
    expect(remoteWriteConfig(section, 'https://mimir.example/api/v1/push', file)).toMatchObject({
      url: 'https://mimir.example/api/v1/push',
      intervalMs: 30_000,
      headers: { authorization: `Basic ${Buffer.from('ada:hunter2').toString('base64')}` },
    });
    expect(() => remoteWriteConfig(section, undefined, file)).toThrow('remote_write.url is missing');
    expect(remoteWriteConfig(undefined, undefined, file)).toBeUndefined();
  });

  it.each([
    ['[remote_write]\nurl = "ftp://x"', 'remote_write.url must be an http(s) URL'],
    ['[remote_write]\nurl = "http://x/w"\nbatch = 5', "remote_write: unknown setting 'batch'"],
    ['[remote_write]\nurl = "http://x/w"\ninterval = "50ms"', 'remote_write.interval must be a duration'],
    ['[remote_write]\nurl = "http://x/w"\nbearer_token_file = "/nonexistent/t"', 'cannot read /nonexistent/t'],
    ['[remote_write]\nurl = "http://x/w"\n[remote_write.headers]\nContent-Type = "x"', "'Content-Type' is set by cco"],
    [
      '[remote_write]\nurl = "http://x/w"\nbearer_token_file = "/t"\n[remote_write.basic_auth]\nusername = "a"',
      'set bearer_token_file or basic_auth, not both',
    ],
  ])('refuses %p', async (text, message) => {
    await using dir = await tempDir('cco-rw-config-');
    const file = await configIn(dir.path, text);
    expect(() => loadConfigFile(file, {}, '/nonexistent')).toThrow(message);
  });

  it('cco serve exits 2 with one line for a bad --remote-write URL', async () => {
    const r = await cli('serve', '--no-persist', '--remote-write', 'not a url');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--remote-write must be an http(s) URL');
    expect(r.err.split('\n')).toHaveLength(1);
  });
});
