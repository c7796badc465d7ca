import { describe, expect, it } from 'vitest';
import { commandText } from '../../adapters/slack/index.js';
import { DeliveryLog } from '../../adapters/slack/once.js';
import { decodeMessageRef, encodeMessageRef } from '../../adapters/slack/refs.js';
import { responseUrlFetch } from '../../adapters/slack/respond-fetch.js';

describe('message refs', () => {
  it('round-trips and rejects anything that is not a Slack ref', () => {
    const ref = encodeMessageRef({ team: 'T1', channel: 'C2', ts: '1712345678.000100' });
    expect(ref).toBe('slack:T1:C2:1712345678.000100');
    expect(decodeMessageRef(ref)).toEqual({ team: 'T1', channel: 'C2', ts: '1712345678.000100' });
    for (const bad of ['discord:G1:C2:1.2', 'slack:T1:C2', 'slack:T1:C2:abc', 'slack::C2:1.2', 'slack:T1:C2:1.2:extra']) {
      expect(() => decodeMessageRef(bad)).toThrow(/not a Slack message reference/);
    }
  });
});

describe('DeliveryLog', () => {
  it('says "first" once per key within the TTL, again after it, and stays bounded', () => {
    let now = 0;
    const log = new DeliveryLog(1000, 3, () => now);
    expect(log.first('a')).toBe(true);
    expect(log.first('a')).toBe(false);
    now = 999;
    expect(log.first('a')).toBe(false);
    now = 1000;
    expect(log.first('a')).toBe(true);
    for (const k of ['b', 'c', 'd', 'e']) log.first(k);
    expect(log.size).toBe(3);
    expect(log.first('e')).toBe(false);
    expect(log.first('a')).toBe(true); // evicted as the oldest
  });
});

describe('commandText', () => {
  it('decodes Slack entities and normalises escaped mentions', () => {
    expect(commandText(' stats <@U123|bob> ')).toBe('stats <@U123>');
    expect(commandText('stats <@W9>')).toBe('stats <@W9>');
    expect(commandText('explain a &amp; b &lt;tag&gt;')).toBe('explain a & b <tag>');
    // A literal "&lt;@U1|x&gt;" typed by a user stays literal text (it was not a Slack mention).
    expect(commandText('&lt;@U1|x&gt;')).toBe('<@U1|x>');
  });
});

describe('responseUrlFetch', () => {
  const reply = (status: number, headers: Record<string, string> = {}) => new Response('{}', { status, headers });

  it('retries a rate-limited response_url after Retry-After, and passes Web API calls straight through', async () => {
    const seen: string[] = [];
    const waits: number[] = [];
    const answers = [reply(429, { 'retry-after': '2' }), reply(429, { 'retry-after': '0' }), reply(200)];
    const f = responseUrlFetch({
      apiUrl: 'http://api.test/api/',
      sleep: async (ms) => void waits.push(ms),
      fetch: async (input) => {
        seen.push(String(input));
        return String(input).startsWith('http://api.test/api/') ? reply(429, { 'retry-after': '5' }) : answers.shift()!;
      },
    });
    expect((await f('http://hooks.test/r/1', { method: 'POST', body: '{}' })).status).toBe(200);
    expect(waits).toEqual([2000, 0]);
    expect((await f('http://api.test/api/chat.update', { method: 'POST' })).status).toBe(429);
    expect(seen).toEqual(['http://hooks.test/r/1', 'http://hooks.test/r/1', 'http://hooks.test/r/1', 'http://api.test/api/chat.update']);
  });

  it('gives up after its retries and caps a huge Retry-After', async () => {
    const waits: number[] = [];
    const f = responseUrlFetch({
      apiUrl: 'http://api.test/api/',
      retries: 2,
      maxWaitSeconds: 30,
      sleep: async (ms) => void waits.push(ms),
      fetch: async () => reply(429, { 'retry-after': '86400' }),
    });
    expect((await f('http://hooks.test/r/2', { method: 'POST' })).status).toBe(429);
    expect(waits).toEqual([30_000, 30_000]);
  });
});
