// Server-Sent Events read with fetch(): EventSource cannot send an Authorization header, so the page parses the
// stream itself. Comments (heartbeats) and `retry:` lines are skipped; the page only needs to know that events came.
import { Unreachable } from './api.ts';

export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/** Splits streamed text into complete events (blank-line separated), keeping a partial one for the next chunk. */
export function createSseParser(): (text: string) => SseEvent[] {
  let buffer = '';
  return (text) => {
    buffer += text.replace(/\r\n?/g, '\n');
    const events: SseEvent[] = [];
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) events.push({ event, data: data.join('\n') });
    }
    return events;
  };
}

/**
 * The events of a stream, one batch per chunk read. Ends when the stream does; throws Unreachable when nothing (not
 * even a heartbeat) arrives for `idleMs`, so a daemon that hangs without closing the socket is noticed too.
 */
export async function* sseBatches(body: ReadableStream<Uint8Array>, idleMs: number): AsyncGenerator<SseEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parse = createSseParser();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    for (;;) {
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Unreachable(`no events for ${idleMs / 1000}s`)), idleMs);
      });
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await Promise.race([reader.read(), idle]);
      } catch (error) {
        throw error instanceof Unreachable
          ? error
          : new Unreachable(`the event stream broke (${error instanceof Error ? error.message : String(error)})`);
      } finally {
        clearTimeout(timer);
      }
      if (chunk.done) return;
      yield parse(decoder.decode(chunk.value, { stream: true }));
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
