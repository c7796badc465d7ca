import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandText } from '../../adapters/slack/index.js';
import { decodeFormRoute, encodeFormRoute, formModal, resultModal, submittedText } from '../../adapters/slack/forms.js';
import { DeliveryLog, SharedOutcome } from '../../adapters/slack/once.js';
import { isBlocksRefusal, refusalDetail, TextOnlyMessages } from '../../adapters/slack/picture-fallback.js';
import { decodeMessageRef, encodeMessageRef } from '../../adapters/slack/refs.js';
import { responseUrlClient, responseUrlFetch } from '../../adapters/slack/respond-fetch.js';

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

describe('SharedOutcome', () => {
  it('runs the work once per key within the TTL and hands repeats the same promise', async () => {
    let now = 0;
    let runs = 0;
    const shared = new SharedOutcome<number>(1000, 2, () => now);
    const a = shared.run('k', async () => ++runs);
    const b = shared.run('k', async () => ++runs);
    expect([a.first, b.first]).toEqual([true, false]);
    expect([await a.result, await b.result]).toEqual([1, 1]);
    now = 1000;
    expect(await shared.run('k', async () => ++runs).result).toBe(2);
    shared.run('x', async () => 0);
    shared.run('y', async () => 0);
    expect(shared.size).toBe(2);
  });
});

describe('forms', () => {
  const form = { id: 'r:abc', title: 'Report a problem', submitLabel: 'Send report', field: { label: 'Why?', placeholder: 'e.g.', minLength: 3, maxLength: 500, multiline: true } };

  it('round-trips the route in private_metadata and rejects anything else', () => {
    const meta = encodeFormRoute({ team: 'T1', channel: 'C2' });
    expect(decodeFormRoute(meta)).toEqual({ team: 'T1', channel: 'C2' });
    expect(formModal(form, { team: 'T1', channel: 'C2' })!.private_metadata).toBe(meta);
    for (const bad of [undefined, '', 'x', '{}', '{"team":"T1","channel":"C2"}', meta.replace('C2', 'C2\\u0000'), meta.replace('"T1"', '1'), 'x'.repeat(4000)]) {
      expect(decodeFormRoute(bad)).toBeNull();
    }
  });

  it('refuses an id Slack cannot carry as callback_id', () => {
    expect(formModal({ ...form, id: 'x'.repeat(256) }, { team: 'T1', channel: 'C2' })).toBeNull();
    expect(formModal({ ...form, id: '' }, { team: 'T1', channel: 'C2' })).toBeNull();
  });

  it('reads the typed text, empty when absent', () => {
    expect(submittedText({ 'sb-form': { text: { type: 'plain_text_input', value: 'hi' } } })).toBe('hi');
    expect(submittedText({ 'sb-form': { text: { type: 'plain_text_input', value: null } } })).toBe('');
    expect(submittedText(undefined)).toBe('');
  });

  it('shows replies in a result modal: escaped, no controls, at most 100 blocks, title within 24', () => {
    const modal = resultModal('Report &amp; a problem with a long title', [
      { text: 'x', blocks: [{ type: 'text', text: '<!channel> thanks' }], actions: [{ type: 'buttons', buttons: [{ id: 'n:1', label: 'Next' }] }] },
    ]);
    expect(modal.title.text).toBe('Report &amp; a problem…'); // counted escaped: within 24 whatever Slack counts
    expect(modal.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '&lt;!channel&gt; thanks' } }]);
    const many = resultModal('t', Array.from({ length: 150 }, (_, i) => ({ text: `${i}`, blocks: [{ type: 'text' as const, text: `line ${i}` }] })));
    expect(many.blocks).toHaveLength(100);
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
    const record = (answer: () => Response) => async (input: unknown) => {
      seen.push(String(input));
      return answer();
    };
    const f = responseUrlFetch({
      apiUrl: 'http://api.test/api/',
      allowedHosts: ['hooks.test'],
      sleep: async (ms) => void waits.push(ms),
      fetch: record(() => answers.shift()!) as typeof fetch,
      apiFetch: record(() => reply(429, { 'retry-after': '5' })) as typeof fetch,
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
      allowedHosts: ['hooks.test'],
      retries: 2,
      maxWaitSeconds: 30,
      sleep: async (ms) => void waits.push(ms),
      fetch: async () => reply(429, { 'retry-after': '86400' }),
    });
    expect((await f('http://hooks.test/r/2', { method: 'POST' })).status).toBe(429);
    expect(waits).toEqual([30_000, 30_000]);
  });
});

describe('responseUrlFetch against real servers (undici, pooled)', () => {
  /** A server that records each request's path and answers with `answer(path)`. */
  async function server(answer: (path: string) => { status: number; headers?: Record<string, string> }) {
    const seen: string[] = [];
    const recorded = { onBody: (_body: string) => {} };
    const s = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        recorded.onBody(body);
        const a = answer(req.url ?? '');
        res.writeHead(a.status, a.headers ?? {}).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return Object.assign(recorded, { seen, host: `127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => s.close(() => r())) });
  }
  let slack: Awaited<ReturnType<typeof server>>;
  let evil: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => {
    evil = await server(() => ({ status: 200 }));
    slack = await server((path) => (path.startsWith('/redirect') ? { status: 307, headers: { location: `http://${evil.host}/stolen` } } : { status: 200 }));
  });
  afterAll(async () => {
    await slack.close();
    await evil.close();
  });

  it('posts to the API URL host, never to another host, and follows no redirect', async () => {
    const f = responseUrlFetch({ apiUrl: `http://${slack.host}/api/` });
    const post = (url: string) => f(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
    expect((await post(`http://${slack.host}/response/1`)).status).toBe(200);
    await expect(post(`http://${evil.host}/response/2`)).rejects.toThrow(/not allowed/);
    await expect(post(`file:///etc/passwd`)).rejects.toThrow(/not allowed/);
    const redirected = await post(`http://${slack.host}/redirect/3`);
    expect(redirected.status).toBe(307);
    expect(redirected.ok).toBe(false);
    expect(slack.seen).toEqual(['POST /response/1', 'POST /redirect/3']);
    expect(evil.seen).toEqual([]);
  });

  it('post() sends the message as JSON through the same guards, and rejects what Slack does not take', async () => {
    const bodies: string[] = [];
    const hooks = await server((path) => (path.startsWith('/gone') ? { status: 404 } : path.startsWith('/redirect') ? { status: 302, headers: { location: `http://${evil.host}/x` } } : { status: 200 }));
    hooks.onBody = (body) => bodies.push(body);
    try {
      const { post } = responseUrlClient({ apiUrl: `http://${hooks.host}/api/` });
      await post(`http://${hooks.host}/response/1`, { text: 'Correct!', replace_original: false });
      expect(bodies).toEqual(['{"text":"Correct!","replace_original":false}']);
      await expect(post(`http://${hooks.host}/gone/2`, { text: 'x' })).rejects.toThrow('Failed to respond to the response_url: 404');
      await expect(post(`http://${hooks.host}/redirect/3`, { text: 'x' })).rejects.toThrow('Failed to respond to the response_url: 302');
      await expect(post(`http://${evil.host}/response/4`, { text: 'x' })).rejects.toThrow(/not allowed/);
      expect(hooks.seen).toEqual(['POST /response/1', 'POST /gone/2', 'POST /redirect/3']);
      expect(evil.seen).toEqual([]);
    } finally {
      await hooks.close();
    }
  });

  it("allows only Slack's host by default besides the API URL's", async () => {
    const f = responseUrlFetch({ apiUrl: 'https://slack.com/api/', fetch: (async () => new Response('{}', { status: 200 })) as typeof fetch });
    expect((await f('https://hooks.slack.com/actions/T1/1/abc', { method: 'POST' })).status).toBe(200);
    await expect(f('https://hooks.slack.com.evil.example/actions/T1/1/abc', { method: 'POST' })).rejects.toThrow(/not allowed/);
    await expect(f(`http://${evil.host}/x`, { method: 'POST' })).rejects.toThrow(/not allowed/);
  });
});

describe('picture fallback helpers', () => {
  it('remembers the most recently refused messages, forgetting the oldest past its bound', () => {
    const refs = new TextOnlyMessages(2);
    refs.add('a');
    refs.add('b');
    refs.add('a'); // refreshed: now the newest
    refs.add('c');
    expect(['a', 'b', 'c'].filter((r) => refs.has(r))).toEqual(['a', 'c']);
  });

  it('tells a blocks refusal from other Web API errors and keeps Slack\'s words for the log', () => {
    const refused = { code: 'slack_webapi_platform_error', data: { ok: false, error: 'invalid_blocks', response_metadata: { messages: ['[ERROR] downloading image failed [json-pointer:/blocks/2/image_url]'] } } };
    expect(isBlocksRefusal(refused)).toBe(true);
    expect(refusalDetail(refused)).toEqual(['[ERROR] downloading image failed [json-pointer:/blocks/2/image_url]']);
    expect(isBlocksRefusal({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'channel_not_found' } })).toBe(false);
    expect(isBlocksRefusal(new Error('socket hang up'))).toBe(false);
  });
});
