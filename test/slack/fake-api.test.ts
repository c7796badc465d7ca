// The fake Slack API is shared with the load benchmark: pin the behaviour it relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi, modalProblems } from '../fakes/slack-api.js';

let now = 60_000 * 1000;
let fake: FakeSlackApi;
const post = (method: string, body: Record<string, string>, token = fake.token) =>
  fetch(`${fake.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });

beforeAll(async () => {
  fake = await FakeSlackApi.start({ now: () => now });
});
afterAll(() => fake.close());

describe('FakeSlackApi', () => {
  it('counts calls per method per minute and in the busiest 60-second window', async () => {
    fake.clearCalls();
    for (const dt of [0, 10_000, 50_000, 70_000, 130_000]) {
      now = 60_000 * 1000 + dt;
      await post('chat.postEphemeral', { channel: 'C1', user: 'U1', text: 'x' });
    }
    expect(fake.callsPerMinute()['chat.postEphemeral']).toEqual({ 1000: 3, 1001: 1, 1002: 1 });
    expect(fake.peakPerMinute('chat.postEphemeral')).toBe(3);
  });

  it('answers 429 with Retry-After on demand, then normally', async () => {
    fake.rateLimit('chat.update', { times: 1, retryAfter: 7 });
    const limited = await post('chat.update', { channel: 'C1', ts: '1.000001' });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    expect(await (await post('chat.update', { channel: 'C1', ts: '1.000001' })).json()).toEqual({ ok: false, error: 'message_not_found' });
  });

  it('refuses a wrong token and a response_url used more than five times', async () => {
    expect(await (await post('chat.postMessage', { channel: 'C1', text: 'x' }, 'xoxb-wrong')).json()).toEqual({ ok: false, error: 'invalid_auth' });
    const url = fake.responseUrl('five');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(url, { method: 'POST', body: '{"text":"x"}', headers: { 'content-type': 'application/json' } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect(fake.responses('five').map((c) => c.body.text)).toEqual(['x', 'x', 'x', 'x', 'x', 'x']);
  });

  it('views.open checks the modal like Slack, uses each trigger once, fails on demand, and builds the submission', async () => {
    const modal = {
      type: 'modal',
      callback_id: 'r:1',
      title: { type: 'plain_text', text: 'Report a problem' },
      submit: { type: 'plain_text', text: 'Send' },
      private_metadata: '{"team":"T1"}',
      blocks: [{ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'Why?' }, element: { type: 'plain_text_input', action_id: 'a', min_length: 3, max_length: 500 } }],
    };
    const open = async (trigger: string | undefined, view: unknown) =>
      (await post('views.open', { ...(trigger ? { trigger_id: trigger } : {}), view: JSON.stringify(view) })).json() as Promise<Record<string, any>>;

    expect((await open(undefined, modal)).error).toBe('invalid_arguments');
    const long = await open('t-long', { ...modal, title: { type: 'plain_text', text: 'x'.repeat(25) } });
    expect(long).toMatchObject({ ok: false, error: 'invalid_arguments', response_metadata: { messages: [expect.stringContaining('/view/title/text')] } });
    expect(modalProblems({ ...modal, submit: undefined })).toEqual([expect.stringContaining('submit is required')]);
    expect(modalProblems({ ...modal, type: 'home' })).toEqual([expect.stringContaining('/view/type')]);
    expect(modalProblems({ ...modal, blocks: [] })).toEqual([expect.stringContaining('/view/blocks')]);
    expect(modalProblems({ ...modal, blocks: [{ ...modal.blocks[0], element: { type: 'plain_text_input', action_id: 'a', min_length: 9, max_length: 3 } }] })).toEqual([
      expect.stringContaining('min_length must not exceed max_length'),
    ]);

    const ok = await open('t-1', modal);
    expect(ok).toMatchObject({ ok: true, view: { id: expect.stringMatching(/^V/), callback_id: 'r:1', private_metadata: '{"team":"T1"}' } });
    expect((await open('t-1', modal)).error).toBe('exchanged_trigger_id');
    fake.failTriggers();
    expect((await open('t-2', modal)).error).toBe('expired_trigger_id');
    expect((await open('t-3', modal)).ok).toBe(true);

    const payload = fake.viewSubmissionPayload(ok.view.id, { user: { id: 'U1', name: 'ann' }, values: 'because' }) as Record<string, any>;
    expect(payload).toMatchObject({
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: 'U1', username: 'ann', team_id: 'T1' },
      view: { id: ok.view.id, callback_id: 'r:1', private_metadata: '{"team":"T1"}', state: { values: { b: { a: { type: 'plain_text_input', value: 'because' } } } } },
    });
    expect(() => fake.viewSubmissionPayload('VNONE', { user: { id: 'U1' }, values: '' })).toThrow(/no view VNONE/);
  });

  it('waitForCalls resolves on arrival and times out naming what did arrive', async () => {
    const waiting = fake.waitForCalls('chat.postMessage', 1, (c) => c.body.channel === 'CWAIT');
    await post('chat.postMessage', { channel: 'CWAIT', text: 'hello' });
    expect((await waiting).map((c) => c.body.text)).toEqual(['hello']);
    await expect(fake.waitForCalls('never.called', 1, () => true, 50)).rejects.toThrow(/timed out after 50 ms; calls so far: \[.*chat\.postMessage/);
  });
});
