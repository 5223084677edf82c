// The compiled daemon runs ingest and parsing in threads below the HTTP thread's priority, so requests stay fast while
// a cold start reads gigabytes (Linux: nice values are per thread, read here from /proc).
import { beforeAll, describe, expect, it } from 'bun:test';
import { readFileSync } from 'node:fs';
import { compiledBinary, spawnDaemon } from '../helpers/binary.ts';
import { mostThreadsByNice, threadNice } from '../helpers/threads.ts';
import { tempDir } from '../helpers/temp.ts';
import { health, waitFor } from '../helpers/wait.ts';
import { generateDemoRoot } from '../../src/demo/index.ts';
import { BULK_THRESHOLD_BYTES } from '../../src/ingest/engine.ts';
import { BACKGROUND_NICE, currentThreadId, PARSE_NICE } from '../../src/platform/thread-priority.ts';

/** Runs lowerThreadPriority in a worker (with `threadSelf` standing for /proc/thread-self when given). */
const workerNice = async (
  threadSelf?: string,
): Promise<{ tid: number | undefined; nice: number; lowered: boolean }> => {
  const source = `
    import { readFileSync } from 'node:fs';
    import { BACKGROUND_NICE, currentThreadId, lowerThreadPriority } from ${JSON.stringify(`${import.meta.dir}/../../src/platform/thread-priority.ts`)};
    const lowered = ${threadSelf === undefined ? 'lowerThreadPriority()' : `lowerThreadPriority(BACKGROUND_NICE, ${JSON.stringify(threadSelf)})`};
    const tid = currentThreadId();
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    postMessage({ tid, lowered, nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) });`;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'application/typescript' })));
  try {
    return await new Promise((resolve) => {
      worker.onmessage = (e) => resolve(e.data);
    });
  } finally {
    worker.terminate();
  }
};

describe('thread priority', () => {
  it('lowers only the calling thread', async () => {
    const result = await workerNice();
    expect(result.lowered).toBe(true);
    expect(result.nice).toBe(BACKGROUND_NICE);
    expect(result.tid).not.toBe(currentThreadId());
    expect(threadNice(process.pid).get(process.pid)).toBe(0);
  });

  it('changes nothing, neither the thread nor the process, where threads cannot be named (macOS, Windows)', async () => {
    const result = await workerNice('/nonexistent/thread-self');
    expect(result.lowered).toBe(false);
    expect(result.nice).toBe(0);
    expect(threadNice(process.pid).get(process.pid)).toBe(0);
  });

  describe('in the compiled daemon', () => {
    let binary = '';
    beforeAll(async () => {
      binary = await compiledBinary();
    }, 120_000);

    it('runs the ingest worker below the HTTP thread, and both parse workers lowest while they parse a backlog', async () => {
      await using dir = await tempDir('cco-priority-');
      await generateDemoRoot(dir.path, { now: Date.now(), targetBytes: BULK_THRESHOLD_BYTES * 4, projects: 4 });
      await using daemon = await spawnDaemon(binary, ['--data-dir', dir.path, '--no-persist']);
      const ready = async () => (await health(daemon.url).catch(() => undefined))?.ready ?? false;
      const most = await mostThreadsByNice(daemon.proc.pid, ready);
      const nice = threadNice(daemon.proc.pid);
      expect(nice.get(daemon.proc.pid)).toBe(0);
      // The ingest worker at the background level, the two parse workers at the lowest during the cold start; the
      // runtime's own helper threads stay at 0.
      expect(most.get(BACKGROUND_NICE) ?? 0).toBeGreaterThanOrEqual(1);
      expect(most.get(PARSE_NICE) ?? 0).toBeGreaterThanOrEqual(2); // (threads a worker starts inherit its nice value)
      // Once the backlog is read the parse workers stop: an idle daemon keeps no heap it does not use.
      await waitFor(
        () => ([...threadNice(daemon.proc.pid).values()].includes(PARSE_NICE) ? undefined : true),
        'the parse workers to stop',
        10_000,
      );
    });
  });
});
