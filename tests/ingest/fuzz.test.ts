// Random and mutated lines never throw and never change the count of the valid lines around them (bounded, seeded).
import { describe, expect, it } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom, type Random } from '../../src/demo/index.ts';
import { parseAsciiLine, parseLine } from '../../src/ingest/parse-line.ts';
import { assistant } from '../fixtures/log-lines.ts';
import { ingestOnce } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/temp.ts';

const ALPHABET = '{}[]":,\\ \r\t0123456789-+.eEtruefalsn"usage"input_tokens\u00e9\u{1F600}\uFEFF';

function garbage(rng: Random): string {
  const n = rng.int(0, 200);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[rng.int(0, ALPHABET.length - 1)];
  return s;
}

/** A valid line with one random edit: a deleted, duplicated or replaced character, or a cut. */
function mutate(rng: Random, line: string): string {
  const at = rng.int(0, line.length - 1);
  switch (rng.int(0, 3)) {
    case 0:
      return line.slice(0, at) + line.slice(at + 1);
    case 1:
      return line.slice(0, at) + (line[at] ?? '') + line.slice(at);
    case 2:
      return line.slice(0, at) + (ALPHABET[rng.int(0, ALPHABET.length - 1)] ?? '') + line.slice(at + 1);
    default:
      return line.slice(0, at);
  }
}

describe('fuzz', () => {
  it('parseLine never throws on random or mutated input', () => {
    const rng = seededRandom(1234);
    const valid = assistant({ id: 'm', requestId: 'r' });
    for (let i = 0; i < 20_000; i++) {
      const text = i % 2 === 0 ? garbage(rng) : mutate(rng, valid);
      expect(() => parseLine(text)).not.toThrow();
    }
  });

  it('parseAsciiLine (bytes, in place) decides every ASCII line exactly as parseLine (JSON.parse of its text)', () => {
    const rng = seededRandom(4321);
    const valid = assistant({ id: 'm', requestId: 'r', costUSD: 0.5 });
    const shapes = [
      '',
      ' ',
      '{}',
      '[1]',
      '"x"',
      '1',
      'null',
      `${valid} `,
      ` ${valid}`,
      `${valid}\r`,
      `${valid}${valid}`,
      `${valid} {}`,
      `${valid} x`,
    ];
    for (let i = 0; i < 20_000 + shapes.length; i++) {
      const text = (shapes[i] ?? (i % 2 === 0 ? garbage(rng) : mutate(rng, valid)))
        .replace(/[^\x00-\x7f]/g, 'x')
        .replace(/\n/g, ' ');
      // Inside a bigger buffer, as the reader hands lines over: bytes around the line must not leak into it.
      const bytes = Buffer.from(`{"usage":1}\n${text}\n[2]`, 'latin1');
      const start = 12;
      expect(parseAsciiLine(bytes, start, start + text.length)).toEqual(parseLine(text));
    }
  });

  it('parseAsciiLine agrees with parseLine on every ASCII byte inside a string, before, after and between values', () => {
    const valid = assistant({ id: 'm', requestId: 'r', text: 'X' });
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      if (ch === '\n') continue; // (never inside a line)
      for (const text of [
        valid.replace('"X"', `"${ch}"`),
        `${ch}${valid}`,
        `${valid}${ch}`,
        valid.replace('"input_tokens":10,', `"input_tokens":10${ch},`),
      ]) {
        expect(parseAsciiLine(Buffer.from(text, 'latin1'), 0, text.length)).toEqual(parseLine(text));
      }
    }
  });

  it('garbage between valid lines leaves their totals unchanged', async () => {
    const rng = seededRandom(99);
    await using dir = await tempDir('cco-fuzz-');
    const project = join(dir.path, 'projects', '-fuzz');
    await mkdir(project, { recursive: true });
    let expected = 0;
    for (let f = 0; f < 20; f++) {
      const lines: string[] = [];
      for (let i = 0; i < 50; i++) {
        const input = rng.int(1, 1000);
        const valid = assistant({
          id: `m-${f}-${i}`,
          requestId: `r-${f}-${i}`,
          input,
          cacheWrite: 0,
          cacheRead: 0,
          output: 0,
        });
        expected += input;
        lines.push(valid);
        // Noise: garbage, or a mutated line with its own message id. A mutation can still leave a valid usage line
        // (an edited digit); then it counts as the parser says, and must not disturb its neighbours either way.
        const noise = (
          rng.chance(0.5)
            ? garbage(rng)
            : mutate(
                rng,
                assistant({
                  id: `noise-${f}-${i}`,
                  requestId: `x-${f}-${i}`,
                  input: 0,
                  cacheWrite: 0,
                  cacheRead: 0,
                  output: 0,
                }),
              )
        ).replace(/[\r\n]/g, ' ');
        const parsed = parseLine(noise);
        if (parsed.kind === 'usage') expected += parsed.line.tokens.input;
        lines.push(noise);
      }
      await writeFile(join(project, `f${f}.jsonl`), `${lines.join('\n')}\n`);
    }
    const engine = await ingestOnce(dir.path);
    expect(engine.ledger.totals.input).toBe(expected);
  });
});
