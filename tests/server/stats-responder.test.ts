// StatsResponder keeps one encoded body per range: a changed body must never be answered with the bytes of the last one.
import { describe, expect, it } from 'bun:test';
import { StatsResponder } from '../../src/server/stats/response.ts';

describe('StatsResponder', () => {
  it('answers the body it is given, as JSON, also after the body changes', async () => {
    const responder = new StatsResponder();
    const first = responder.respond('all', '{"n":1,"name":"café"}');
    expect(first.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(await first.text()).toBe('{"n":1,"name":"café"}');
    expect(await responder.respond('all', '{"n":1,"name":"café"}').text()).toBe('{"n":1,"name":"café"}');
    expect(await responder.respond('all', '{"n":2}').text()).toBe('{"n":2}');
  });

  it('answers a direct response with the same bytes and the content-type as the Blob type Bun sends', async () => {
    const responder = new StatsResponder();
    const direct = await responder.respondDirect('month', '{"m":"é"}').blob();
    expect(direct.type).toBe('application/json;charset=utf-8');
    expect(await direct.text()).toBe('{"m":"é"}');
    expect(await responder.respond('month', '{"m":"é"}').text()).toBe('{"m":"é"}');
    expect(await responder.respondDirect('month', '{"m":2}').text()).toBe('{"m":2}');
  });

  it('keeps ranges apart', async () => {
    const responder = new StatsResponder();
    expect(await responder.respond('all', '{"range":"all"}').text()).toBe('{"range":"all"}');
    expect(await responder.respond('today', '{"range":"today"}').text()).toBe('{"range":"today"}');
    expect(await responder.respond('all', '{"range":"all"}').text()).toBe('{"range":"all"}');
  });

  it('can answer the same bytes many times (a Blob body is not consumed by one response)', async () => {
    const responder = new StatsResponder();
    const bodies = await Promise.all(Array.from({ length: 50 }, () => responder.respond('week', '{"w":1}').text()));
    expect(new Set(bodies)).toEqual(new Set(['{"w":1}']));
  });
});
