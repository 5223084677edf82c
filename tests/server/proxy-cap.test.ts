// The HTTP front hands at most a bounded number of requests to the app at once, each counted until its answer has gone
// to the client: slow clients (here: ones that stop reading a large answer) cannot take every one of Bun's fetch slots
// and leave the other routes without an answer. Over the cap: 503 JSON with Retry-After at once; the front's own
// routes keep answering; once the slow clients are gone, requests are handed over again.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Daemon } from '../../src/daemon/daemon.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { startInProcessDaemon } from '../helpers/in-process-daemon.ts';
import { tempDir, type TempDir } from '../helpers/temp.ts';
import { waitFor } from '../helpers/wait.ts';

const CAP = 3;
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
  daemon = await startInProcessDaemon(dir.path, { maxProxiedRequests: CAP });
  await daemon.aggregator.tickNow();
});
afterAll(async () => {
  await daemon.stop();
  await dir[Symbol.asyncDispose]();
});

/** A client that asks for a large answer, takes its first bytes, then stops reading (its socket is paused). */
function slowReader(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${LARGE} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    });
    socket.once('data', (chunk) => {
      if (!chunk.toString('latin1').startsWith('HTTP/1.1 200')) reject(new Error(chunk.toString('latin1', 0, 80)));
      socket.pause();
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

const get = (path: string) => fetch(`${daemon.url}${path}`, { signal: AbortSignal.timeout(5000) });

describe('requests the front hands to the app', () => {
  it('answers 503 with Retry-After past the cap while slow clients hold it, and hands requests over once they go', async () => {
    const slow = await Promise.all(Array.from({ length: CAP }, () => slowReader(daemon.port)));
    try {
      const over = await get('/metrics');
      expect(over.status).toBe(503);
      expect(over.headers.get('retry-after')).toBe('1');
      expect(over.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await over.json()).toMatchObject({ error: 'busy' });
      // The front's own answers take no slot.
      expect((await get('/api/stats')).status).toBe(200);
      expect((await get('/api/health')).status).toBe(200);
    } finally {
      for (const socket of slow) socket.destroy();
    }
    const again = await waitFor(
      async () => {
        const res = await get('/metrics');
        if (res.status === 200) return res;
        await res.body?.cancel();
      },
      'a free slot once the slow clients left',
      5000,
    );
    expect(await again.text()).toContain('claude_code_messages_total');
  });

  it('counts a request only until its answer is complete: many more than the cap in turn all succeed', async () => {
    for (let i = 0; i < CAP * 4; i++) {
      const res = await get(LARGE);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
    }
    const together = await Promise.all(Array.from({ length: CAP }, () => get('/api/blocks')));
    expect(together.map((r) => r.status)).toEqual(Array(CAP).fill(200));
    await Promise.all(together.map((r) => r.arrayBuffer()));
  });
});
