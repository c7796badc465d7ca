// Explanation and concept pictures on Slack: the real Bolt app (signed requests) on the real core, with a
// deck parsed from markdown (test/fixtures/explanation-pictures) whose explanation and concept show an
// image, against the fake Slack API. The answer feedback, the reveal and `explain` carry them as image
// blocks after the text that names them; a picture Slack cannot download is left out, not the reply.
// Inline code in the prompt reaches Slack as mrkdwn code.

import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { FakeSlackApi, RecordedCall } from '../fakes/slack-api.js';
import { openTestDatabase, dbTargets, type TestDatabase } from '../support/db.js';
import type { SlackBlock } from '../support/slack-client.js';
import { startSlackHarness, textOf, type SlackHarness } from '../support/slack-harness.js';

const HOST = 'img.example.com';
const BASE = `https://${HOST}/notes/images`;
const alice = { id: 'UALICE', name: 'alice' };
const boss = { id: 'UBOSS', name: 'boss' };

type Block = { type: string; image_url?: string; alt_text?: string; text?: { text: string } };
const blocksOf = (call: RecordedCall) => (call.body.blocks ?? []) as Block[];
const pictures = (call: RecordedCall) => blocksOf(call).filter((b) => b.type === 'image');

const EXPLANATION_PICTURES = [
  { type: 'image', image_url: `${BASE}/gateway-endpoint.png`, alt_text: 'Route table with a gateway endpoint' },
  { type: 'image', image_url: `${BASE}/interface-eni.png`, alt_text: 'Picture 2 of the explanation' },
];

/** The pictures follow the explanation (a quote) directly, and the text still names them. */
function expectAfterExplanation(call: RecordedCall) {
  const blocks = blocksOf(call);
  const quote = blocks.findIndex((b) => b.text?.text.startsWith('&gt; A gateway endpoint is a route table target'));
  expect(quote).toBeGreaterThanOrEqual(0);
  expect(blocks.slice(quote + 1, quote + 3)).toEqual(EXPLANATION_PICTURES);
  expect(textOf(blocks)).toContain(`Route table with a gateway endpoint (${BASE}/gateway-endpoint.png)`);
}

describe.each(dbTargets)('Slack explanation and concept pictures on the real core ($name)', (target) => {
  let t: TestDatabase;
  let h: SlackHarness;
  let fake: FakeSlackApi;
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });

  beforeAll(async () => {
    t = await openTestDatabase(target, 'slack_why_pictures');
    const decks = await DeckLibrary.load('test/fixtures/explanation-pictures', { log });
    const bot = createStudybot({ store: createQuizStore(t.database), decks, explain, clock: { now: () => new Date() }, log });
    h = await startSlackHarness({ bot, signingSecret: 'why-pictures-secret', users: [alice, { ...boss, is_admin: true }], log });
    fake = h.fake;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
  });

  afterEach(() => {
    fake.clearCalls();
    fake.unreachableImageHost(HOST, false);
    warnings.length = 0;
  });

  const command = (text: string, channelId: string, user = alice) => h.command({ command: '/why', text, user, channelId });
  const refusalWarnings = () => warnings.filter((w) => /refused the (message|reply) with its pictures/.test(w));

  it('practice: the prompt shows its inline code; the answer feedback shows the explanation pictures after the explanation', async () => {
    const [question] = await command('practice', 'CW1');
    expect(textOf(question!.body.blocks)).toContain('Which endpoint type shows up in `aws ec2 describe-route-tables` as a target?');
    expect(pictures(question!)).toEqual([]);
    const { replies } = await h.click({
      user: alice, channelId: 'CW1', message: { blocks: question!.body.blocks as SlackBlock[], ephemeral: true }, button: 'B',
    });
    expect(replies.map((r) => r.status)).toEqual([200]);
    expect(textOf(replies[0]!.body.blocks)).toMatch(/Correct!/);
    expectAfterExplanation(replies[0]!);
    expect(refusalWarnings()).toEqual([]);
  });

  it('a picture Slack cannot download: the feedback goes again without the image blocks, its text still naming them', async () => {
    const [question] = await command('practice', 'CW2');
    fake.unreachableImageHost(HOST);
    const { replies } = await h.click({
      user: alice, channelId: 'CW2', message: { blocks: question!.body.blocks as SlackBlock[], ephemeral: true }, button: 'A',
    });
    expect(replies.map((r) => r.status)).toEqual([400, 200]);
    expect(pictures(replies[1]!)).toEqual([]);
    expect(textOf(replies[1]!.body.blocks)).toMatch(/Not quite/);
    expect(textOf(replies[1]!.body.blocks)).toContain(`Route table with a gateway endpoint (${BASE}/gateway-endpoint.png)`);
    expect(refusalWarnings()).toHaveLength(1);
  });

  it('the reveal in the channel shows the explanation pictures', async () => {
    await command('quiz', 'CW3');
    expect(pictures(fake.calls('chat.postMessage')[0]!)).toEqual([]);
    await command('quiz cancel', 'CW3', boss);
    const [reveal] = fake.calls('chat.update');
    expect(reveal!.response!.ok).toBe(true);
    expect(textOf(reveal!.body.blocks)).toMatch(/closed/);
    expectAfterExplanation(reveal!);
  });

  it('a reveal whose explanation picture Slack cannot download goes again without it (the question itself had none)', async () => {
    await command('quiz', 'CW5');
    fake.unreachableImageHost(HOST);
    await command('quiz cancel', 'CW5', boss);
    const updates = fake.calls('chat.update');
    expect(updates.map((u) => u.response!.ok)).toEqual([false, true]);
    expect(updates[0]!.response!.error).toBe('invalid_blocks');
    expect(pictures(updates[1]!)).toEqual([]);
    expect(textOf(updates[1]!.body.blocks)).toContain(`Route table with a gateway endpoint (${BASE}/gateway-endpoint.png)`);
    expect(refusalWarnings()).toHaveLength(1);
  });

  it('explain: the concept text keeps its code, its picture follows it', async () => {
    const [reply] = await command('explain gateway endpoint', 'CW4');
    const blocks = blocksOf(reply!);
    expect(textOf(blocks)).toContain('listed by `aws ec2 describe-route-tables`.');
    const quote = blocks.findIndex((b) => b.text?.text.startsWith('&gt; a route table target'));
    expect(blocks[quote + 1]).toEqual({ type: 'image', image_url: `${BASE}/gateway-endpoint.png`, alt_text: 'Route table with a gateway endpoint' });
  });
});
