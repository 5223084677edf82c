// The HTTP front hands at most a bounded number of requests to the app at once, each counted until its answer's body
// has gone to the client. While the app is slow (its thread busy: a long history answer, a pause), requests past the
// cap are answered 503 JSON with Retry-After at once instead of queueing for Bun's 256 fetch slots, the front's own
// routes keep answering, and once the app answers again requests are handed over as before.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Daemon } from '../../src/daemon/daemon.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { startInProcessDaemon } from '../helpers/in-process-daemon.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';

const CAP = 3;
const EXTRA = 3;
const LARGE = '/swagger/assets/swagger-ui-bundle.js';

let dir: TempDir;
let daemon: Daemon;
beforeAll(async () => {
  dir = await tempDir('cco-proxy-cap-');
  await mkdir(join(dir.path, 'projects', '-p'), { recursive: true });
  await writeFile(
    join(dir.path, 'projects', '-p', 's.jsonl'),
    `${assistant({ timestamp: new Date().toISOString() })}\n`,
  );
  // (in-process: the app answers on this thread, which the test can keep busy; the front has a thread of its own)
  daemon = await startInProcessDaemon(dir.path, { maxProxiedRequests: CAP });
  await daemon.aggregator.tickNow();
});
afterAll(async () => {
  await daemon.stop();
  await dir[Symbol.asyncDispose]();
});

/** A client in a process of its own (it runs while this thread is busy): status line and headers of one GET. */
const curl = (path: string) =>
  Bun.spawn(['curl', '-s', '-i', '-o', '-', '-m', '20', `${daemon.url}${path}`], { stdout: 'pipe' });

const head = async (proc: ReturnType<typeof curl>) => {
  const text = await new Response(proc.stdout).text();
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
    retryAfter: /\r\nretry-after: (\S+)\r\n/i.exec(text)?.[1],
    body: text.slice(text.indexOf('\r\n\r\n') + 4),
  };
};

/** Keeps this thread (and so the app) busy for `ms`, without yielding to its event loop. */
const busyFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('requests the front hands to the app', () => {
  it('answers those past the cap 503 with Retry-After at once while the app is busy, and the rest once it answers', async () => {
    const clients = Array.from({ length: CAP + EXTRA }, () => curl('/metrics'));
    const own = [curl('/api/stats'), curl('/api/health')];
    busyFor(3000); // (time for the clients' processes to start and ask: the front answers them meanwhile)
    const answers = await Promise.all(clients.map(head));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(CAP).fill(200), ...Array(EXTRA).fill(503)]);
    for (const over of answers.filter((a) => a.status === 503)) {
      expect(over.retryAfter).toBe('1');
      expect(JSON.parse(over.body)).toMatchObject({ error: 'busy' });
    }
    expect((await Promise.all(own.map(head))).map((a) => a.status)).toEqual([200, 200]);
  }, 15_000);

  it('counts a request only until its answer is complete: many more than the cap in turn all succeed', async () => {
    for (let i = 0; i < CAP * 4; i++) {
      const res = await fetch(`${daemon.url}${LARGE}`);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
    }
    const together = await Promise.all(Array.from({ length: CAP }, () => fetch(`${daemon.url}/api/blocks`)));
    expect(together.map((r) => r.status)).toEqual(Array(CAP).fill(200));
    await Promise.all(together.map((r) => r.arrayBuffer()));
  });
});
