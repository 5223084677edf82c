import { describe, expect, it } from 'bun:test';
import { decodeKeys } from '../../src/tui/keys.ts';

describe('monitor keys', () => {
  it('maps q, Ctrl-C, r, t and ? to their actions', () => {
    expect(decodeKeys('q')).toEqual(['quit']);
    expect(decodeKeys('\x03')).toEqual(['quit']);
    expect(decodeKeys('r')).toEqual(['refresh']);
    expect(decodeKeys('t')).toEqual(['range']);
    expect(decodeKeys('?')).toEqual(['help']);
  });

  it('reads several keys from one chunk in order', () => {
    expect(decodeKeys('tq')).toEqual(['range', 'quit']);
  });

  it('skips arrow keys and other escape sequences, but a lone Esc closes', () => {
    expect(decodeKeys('\x1b[A\x1b[1;5Cq')).toEqual(['quit']);
    expect(decodeKeys('\x1b')).toEqual(['close']);
    expect(decodeKeys('x')).toEqual([]);
  });
});
