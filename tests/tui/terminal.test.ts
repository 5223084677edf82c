// The terminal wrapper: alternate screen and cursor on open, both restored once, on restore() and on process exit.
import { describe, expect, it } from 'bun:test';
import { EventEmitter } from 'node:events';
import { appendFileSync, closeSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENTER, frame, LEAVE, openTerminal } from '../../src/tui/terminal.ts';
import { tempDir } from '../helpers/temp.ts';

class FakeStdin extends EventEmitter {
  isTTY = true;
  raw: boolean[] = [];
  paused = false;
  setRawMode(on: boolean) {
    this.raw.push(on);
    return this;
  }
  setEncoding() {
    return this;
  }
  resume() {
    this.paused = false;
    return this;
  }
  pause() {
    this.paused = true;
    return this;
  }
}

class FakeStdout extends EventEmitter {
  columns = 90;
  rows = 20;
  constructor(
    readonly fd: number,
    readonly path: string,
  ) {
    super();
  }
  write(text: string) {
    // Same file as the synchronous writes, so the order of everything written is kept.
    appendFileSync(this.path, text);
    return true;
  }
}

describe('terminal', () => {
  it('enters the alternate screen with a hidden cursor and raw keys, and restores all of it once', async () => {
    await using dir = await tempDir();
    const path = join(dir.path, 'tty');
    const fd = openSync(path, 'a');
    try {
      const stdin = new FakeStdin();
      const stdout = new FakeStdout(fd, path);
      const term = openTerminal({
        stdin: stdin as unknown as NodeJS.ReadStream,
        stdout: stdout as unknown as NodeJS.WriteStream,
      });
      expect(term.columns).toBe(90);
      expect(term.rows).toBe(20);
      const keys: string[] = [];
      term.onInput((k) => keys.push(k));
      stdin.emit('data', 'q');
      expect(keys).toEqual(['q']);
      let resized = 0;
      term.onResize(() => resized++);
      stdout.emit('resize');
      expect(resized).toBe(1);
      term.draw(['hello']);
      term.restore();
      term.restore();
      term.draw(['after']);
      expect(readFileSync(path, 'utf8')).toBe(`${ENTER}${frame(['hello'])}${LEAVE}`);
      expect(stdin.raw).toEqual([true, false]);
      expect(stdin.paused).toBe(true);
      expect(stdin.listenerCount('data')).toBe(0);
      expect(stdout.listenerCount('resize')).toBe(0);
    } finally {
      closeSync(fd);
    }
  });

  it('restores the screen when the process dies of an uncaught error', async () => {
    const module = resolve(import.meta.dir, '../../src/tui/terminal.ts');
    const script = `
      const { openTerminal } = await import(${JSON.stringify(module)});
      openTerminal({ stdin: process.stdin, stdout: process.stdout });
      setTimeout(() => { throw new Error('render bug'); }, 1);
    `;
    const proc = Bun.spawn([process.execPath, '-e', script], { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
    const [code, out, err] = await Promise.all([
      proc.exited,
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
    ]);
    expect(code).not.toBe(0);
    expect(err).toContain('render bug');
    expect(out.startsWith(ENTER)).toBe(true);
    expect(out.endsWith(LEAVE)).toBe(true);
  });

  it('ends each frame line with clear-to-end and never scrolls past the last line', () => {
    expect(frame(['a', 'b'])).toBe('\x1b[Ha\x1b[0m\x1b[K\r\nb\x1b[0m\x1b[K\x1b[J');
  });
});
