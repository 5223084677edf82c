// The dashboard's SSE reader: events split across chunks, CRLF, several data lines, comments and heartbeats.
import { describe, expect, it } from 'bun:test';
import { Unreachable } from '../../src/web/api.ts';
import { createSseParser, sseBatches } from '../../src/web/sse.ts';

const stream = (chunks: string[], keepOpen = false) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      if (!keepOpen) controller.close();
    },
  });

describe('createSseParser', () => {
  it('holds an event back until its blank line arrives, across chunks', () => {
    const parse = createSseParser();
    expect(parse('event: snap')).toEqual([]);
    expect(parse('shot\ndata: {"a":')).toEqual([]);
    expect(parse('1}\n')).toEqual([]);
    expect(parse('\n')).toEqual([{ event: 'snapshot', data: '{"a":1}' }]);
  });

  it('reads CRLF lines, joins several data lines and skips comments, retry lines and data-less frames', () => {
    const parse = createSseParser();
    const text =
      'retry: 3000\r\n: connected\r\n\r\nevent: call\r\ndata: a\r\ndata: b\r\n\r\n: heartbeat\n\ndata: plain\n\n';
    expect(parse(text)).toEqual([
      { event: 'call', data: 'a\nb' },
      { event: 'message', data: 'plain' },
    ]);
  });
});

describe('sseBatches', () => {
  it('yields the events of each chunk and ends with the stream', async () => {
    const batches: string[][] = [];
    for await (const batch of sseBatches(
      stream([': hi\n\nevent: snapshot\ndata: 1\n\n', 'event: call\ndata: 2\n\nevent: snap', 'shot\ndata: 3\n\n']),
      1000,
    )) {
      batches.push(batch.map((e) => `${e.event}:${e.data}`));
    }
    expect(batches).toEqual([['snapshot:1'], ['call:2'], ['snapshot:3']]);
  });

  it('gives up with Unreachable when nothing arrives for the idle time', async () => {
    const read = async () => {
      for await (const _ of sseBatches(stream([], true), 30));
    };
    await expect(read()).rejects.toBeInstanceOf(Unreachable);
  });
});
