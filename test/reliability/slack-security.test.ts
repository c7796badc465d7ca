// Security of the Slack HTTP endpoint, through the real Bolt app on the real core and store:
// forged and replayed requests, and tampered interaction payloads. Every case asserts what the
// user was told AND what is in the answers table (nothing recorded twice, nothing recorded at all
// for a refused request).
//
// Replay: Bolt refuses any request whose signed timestamp is more than 5 minutes old, so a captured
// body can only be replayed inside that window; there, our idempotency decides: a redelivery
// (x-slack-retry-num) is dropped by the adapter, and a plain replay of the same click reaches the
// core, which answers "already answered" and records nothing more.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore, sql } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import type { FakeSlackApi, RecordedCall } from '../fakes/slack-api.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { SlackTestClient, signSlackRequest, type SlackBlock } from '../support/slack-client.js';
import { lastPosted, startSlackHarness, type SlackHarness } from '../support/slack-harness.js';

const log = pino({ level: 'silent' });
const SECRET = 'security-signing-secret';

describe.each(dbTargets)('Slack endpoint under attack ($name)', (target) => {
  let t: TestDatabase;
  let h: SlackHarness;
  let fake: FakeSlackApi;
  let bot: Studybot;
  let client: SlackTestClient;
  let now = Date.parse('2026-11-26T10:00:00Z');
  const clock = { now: () => new Date(now) };

  beforeAll(async () => {
    t = await openTestDatabase(target, 'rel_slack_sec');
    const decks = await DeckLibrary.load('content', { log });
    bot = createStudybot({ store: createQuizStore(t.database), decks, explain, clock, log });
    h = await startSlackHarness({
      bot,
      signingSecret: SECRET,
      users: [{ id: 'UHOST', name: 'host', is_admin: true }], // `quiz 1` is an admin's preview
      config: { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 1 } },
      log,
      clock,
    });
    ({ fake, client } = h);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
  });

  beforeEach(async () => {
    await t.reset();
    fake.clearCalls();
    now += 86_400_000;
  });

  async function answerRows(): Promise<{ user_key: string; round_id: string }[]> {
    const res = await t.database.db.execute(sql.raw('select user_key, round_id::text as round_id from answers order by user_key'));
    return ((res as { rows?: { user_key: string; round_id: string }[] }).rows ?? []);
  }

  const command = (user: string, channel: string, text: string, team = 'T1'): Promise<RecordedCall[]> =>
    h.command({ command: '/apigw', text, user: { id: user }, channelId: channel, teamId: team });

  /** Starts a channel quiz in T1:`channel` and returns the posted message. */
  async function openQuiz(channel: string) {
    await command('UHOST', channel, 'quiz 1');
    return lastPosted(fake, channel);
  }

  function clickPayload(user: string, channel: string, message: { ts?: string; blocks: SlackBlock[]; ephemeral?: boolean }, button: string, team = 'T1') {
    const response = h.responseUrl('click');
    const payload = SlackTestClient.blockActionsPayload({
      user: { id: user, name: user.toLowerCase() }, teamId: team, channelId: channel, responseUrl: response.url, message, button,
    });
    return { payload, responseId: response.id };
  }

  const send = (payload: object, opts: Parameters<SlackTestClient['interactive']>[1] = {}) => h.interact(payload, opts);

  const repliesText = (responseId: string) => fake.responses(responseId).map((c) => String(c.body.text));

  it('a wrong signature, a stale timestamp or no signature: 401, the core never runs, nothing recorded', async () => {
    const q = await openQuiz('CSEC');
    for (const forge of ['bad-signature', 'stale-timestamp', 'no-signature'] as const) {
      const { payload, responseId } = clickPayload(`U${forge.replace(/-/g, '').toUpperCase()}`, 'CSEC', q, 'B');
      expect((await send(payload, { forge })).status).toBe(401);
      expect(fake.responses(responseId)).toEqual([]);
    }
    // The same forgeries on a command do not start anything either.
    const args = { command: '/apigw', text: 'quiz 1', user: { id: 'UEVE' }, channelId: 'CFORGED', teamId: 'T1', responseUrl: fake.responseUrl('forged') };
    expect((await client.command(args, { forge: 'bad-signature' })).status).toBe(401);
    expect((await client.command(args, { forge: 'stale-timestamp' })).status).toBe(401);
    await h.slack.idle();
    expect(fake.calls('chat.postMessage').filter((c) => c.body.channel === 'CFORGED')).toEqual([]);
    expect(await answerRows()).toEqual([]);
  });

  it('a body signed for another timestamp or altered after signing is refused', async () => {
    const q = await openQuiz('CSEC');
    const { payload, responseId } = clickPayload('UMALLORY', 'CSEC', q, 'B');
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = signSlackRequest(SECRET, ts, body);
    const post = (headers: Record<string, string>, raw: string) =>
      fetch(client.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: raw });
    // The signature of this body, sent with a different timestamp header.
    expect((await post({ 'x-slack-request-timestamp': String(ts + 1), 'x-slack-signature': signature }, body)).status).toBe(401);
    // The signed body with the user swapped (answering for someone else).
    const altered = body.replace('UMALLORY', 'UALICE');
    expect((await post({ 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }, altered)).status).toBe(401);
    // A captured body replayed 6 minutes later, re-stamped with its old timestamp: outside Bolt's window.
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await post({ 'x-slack-request-timestamp': String(old), 'x-slack-signature': signSlackRequest(SECRET, old, body) }, body)).status).toBe(401);
    await h.slack.idle();
    expect(fake.responses(responseId)).toEqual([]);
    expect(await answerRows()).toEqual([]);
  });

  it('a replay inside the 5-minute window is recorded once: redeliveries and exact replays dropped, a fresh second click told "already answered"', async () => {
    const q = await openQuiz('CSEC');
    const { payload, responseId } = clickPayload('UALICE', 'CSEC', q, 'B');
    expect((await send(payload)).status).toBe(200);
    for (let i = 1; i <= 3; i++) expect((await send(payload, { retryNum: i })).status).toBe(200);
    expect(repliesText(responseId)).toHaveLength(1);
    // The exact body again without the retry header (same action_ts and trigger_id): dropped too.
    expect((await send(payload)).status).toBe(200);
    expect(repliesText(responseId)).toEqual([expect.stringMatching(/^Correct!/)]);
    // A fresh, correctly signed click by the same user (a real double click): told, not recorded.
    const again = clickPayload('UALICE', 'CSEC', q, 'A');
    expect((await send(again.payload)).status).toBe(200);
    expect(repliesText(again.responseId)).toEqual([expect.stringMatching(/already answered/)]);
    expect((await answerRows()).map((r) => r.user_key)).toEqual(['slack:T1:UALICE']);
  });

  it('a button naming a round of another channel or another workspace: refused, nothing recorded', async () => {
    const q = await openQuiz('CSEC');
    // The message and its button are real, but the click claims to come from elsewhere.
    const otherChannel = clickPayload('UBOB', 'COTHER', q, 'B');
    const otherTeam = clickPayload('UBOB', 'CSEC', q, 'B', 'T2');
    for (const c of [otherChannel, otherTeam]) {
      expect((await send(c.payload)).status).toBe(200);
      expect(repliesText(c.responseId)).toEqual([expect.stringMatching(/belongs to another channel\. Nothing was recorded/)]);
    }
    expect(await answerRows()).toEqual([]);
  });

  it('a non-existent option, a non-existent round, a malformed id, a closed round: clear refusal, nothing recorded', async () => {
    const q = await openQuiz('CSEC');
    const roundId = JSON.stringify(q.blocks).match(/"a:(\d+):/)![1]!;
    const cases: [string, RegExp][] = [
      [`a:${roundId}:Z`, /option does not exist.*Nothing was recorded/],
      [`a:${roundId}:${'A'.repeat(9)}`, /not one I know.*Nothing was recorded/],
      [`a:99999999:A`, /cannot find that question.*Nothing was recorded/],
      [`a:${roundId}:A; drop table answers`, /not one I know.*Nothing was recorded/],
      [`a:0${roundId}:A`, /not one I know/],
      ['x'.repeat(5000), /not one I know/],
      [`s:${roundId}`, /Choose exactly|takes|Nothing was recorded/],
    ];
    for (const [actionId, expected] of cases) {
      const c = clickPayload('UBOB', 'CSEC', q, 'A');
      const action = (c.payload.actions as Record<string, unknown>[])[0]!;
      action.action_id = actionId;
      action.value = actionId;
      expect((await send(c.payload)).status).toBe(200);
      expect(repliesText(c.responseId), actionId.slice(0, 40)).toEqual([expect.stringMatching(expected)]);
    }
    expect(await answerRows()).toEqual([]);

    now += 24 * 60 * 60_000;
    await bot.closeDueRounds();
    const late = clickPayload('UCAROL', 'CSEC', q, 'B');
    await send(late.payload);
    expect(repliesText(late.responseId)).toEqual([expect.stringMatching(/closed.*not recorded/)]);
    expect(await answerRows()).toEqual([]);
  });

  it('a response_url on another host, or one that redirects elsewhere: nothing is sent there, the answer is still recorded once', async () => {
    const q = await openQuiz('CSEC');
    const evilHits: string[] = [];
    const evil = http.createServer((req, res) => {
      evilHits.push(`${req.method} ${req.url}`);
      res.writeHead(200).end('{}');
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    try {
      const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/response/stolen`;
      const foreign = clickPayload('UALICE', 'CSEC', q, 'B');
      foreign.payload.response_url = evilUrl;
      expect((await send(foreign.payload)).status).toBe(200);
      const hop = clickPayload('UBOB', 'CSEC', q, 'B');
      fake.redirectResponse(hop.responseId, evilUrl);
      expect((await send(hop.payload)).status).toBe(200);
      // The reply and the failure note that follows it both met the redirect; neither followed it.
      expect(fake.responses(hop.responseId).map((c) => c.status)).toEqual([307, 307]);
      expect(evilHits).toEqual([]);
      expect((await answerRows()).map((r) => r.user_key)).toEqual(['slack:T1:UALICE', 'slack:T1:UBOB']);
    } finally {
      await new Promise<void>((r) => evil.close(() => r()));
    }
  });

  it("answering someone else's practice question: refused, nothing recorded for either user", async () => {
    const replies = await command('UALICE', 'CPRACTICE', 'practice');
    // A single-answer question has option buttons, a multi-answer one a Submit button: either will do,
    // the owner is checked first.
    const practice = replies.find((c) => /"[as]:\d+/.test(JSON.stringify(c.body.blocks ?? '')))!;
    expect(practice, JSON.stringify(replies.map((r) => r.body.text))).toBeDefined();
    const message = { blocks: practice.body.blocks as SlackBlock[], ephemeral: true };
    const label = message.blocks.flatMap((b) => b.elements ?? []).find((e) => e.type === 'button' && /^[as]:/.test(e.action_id ?? ''))!.text!.text;
    const c = clickPayload('UBOB', 'CPRACTICE', message, label);
    await send(c.payload);
    expect(repliesText(c.responseId)).toEqual([expect.stringMatching(/belongs to someone else/)]);
    expect(await answerRows()).toEqual([]);
  });
});
