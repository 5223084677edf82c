import { describe, expect, it } from 'bun:test';
import { UsageError } from '../../src/cli/errors.ts';
import { parseHost, parsePort } from '../../src/cli/parse.ts';

describe('parsePort', () => {
  it.each([
    ['0', 0],
    ['3000', 3000],
    ['65535', 65535],
  ])('accepts %p', (raw, port) => {
    expect(parsePort(raw)).toBe(port);
  });
  it.each(['abc', '70000', '65536', '-1', '1.5', '', '3000x'])('rejects %p as a usage error', (raw) => {
    expect(() => parsePort(raw)).toThrow(UsageError);
  });
});

describe('parseHost', () => {
  it('accepts names and addresses', () => {
    expect(parseHost('127.0.0.1')).toBe('127.0.0.1');
    expect(parseHost('localhost')).toBe('localhost');
    expect(parseHost('::1')).toBe('::1');
  });
  it('rejects empty and path-like values', () => {
    expect(() => parseHost('')).toThrow(UsageError);
    expect(() => parseHost('a/b')).toThrow(UsageError);
  });
});
