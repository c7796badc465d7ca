// Question pictures on Slack: the real Bolt app (signed requests) on the real core, with a deck
// parsed from markdown whose question and options are images (test/fixtures/pictures), against
// the fake Slack API. The question shows them as image blocks Slack downloads (image_url); when
// Slack cannot download one it refuses the whole message (invalid_blocks), and the bot sends it
// again without the image blocks: the text still names every picture as "alt (url)".
// Runs on PGlite always, and on real Postgres too when TEST_DATABASE_URL is set.

import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createExamStore } from '../../src/db/exam-store.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { FakeSlackApi, RecordedCall } from '../fakes/slack-api.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import type { SlackBlock } from '../support/slack-client.js';
import { startSlackHarness, textOf, type SlackHarness } from '../support/slack-harness.js';
import { dva } from '../exam/support.js';

const HOST = 'img.example.com';
const BASE = `https://${HOST}/bank/main/images`;
const alice = { id: 'UALICE', name: 'alice' };
const boss = { id: 'UBOSS', name: 'boss' };

type Block = { type: string; image_url?: string; alt_text?: string; title?: { type: string; text: string }; text?: { text: string } };
const blocksOf = (call: RecordedCall) => (call.body.blocks ?? []) as Block[];
const pictures = (call: RecordedCall) => blocksOf(call).filter((b) => b.type === 'image');

/** The question's pictures, as every Slack message showing the question carries them. */
const QUESTION_PICTURES = [
  { type: 'image', image_url: `${BASE}/routes.png`, alt_text: 'Route tables of two subnets' },
  { type: 'image', image_url: `${BASE}/nat.png`, alt_text: 'Diagram with a NAT gateway', title: { type: 'plain_text', text: 'Option A', emoji: true } },
  { type: 'image', image_url: `${BASE}/endpoint.png`, alt_text: 'Picture of option B', title: { type: 'plain_text', text: 'Option B', emoji: true } },
];

/** The links the text keeps, with or without the pictures. */
function expectLinksInText(call: RecordedCall) {
  const text = textOf(blocksOf(call).filter((b) => b.type !== 'image'));
  expect(text).toContain(`Route tables of two subnets (${BASE}/routes.png)`);
  expect(text).toContain(`Diagram with a NAT gateway (${BASE}/nat.png)`);
  expect(text).toContain(`${BASE}/endpoint.png`);
}

describe.each(dbTargets)('Slack question pictures on the real core ($name)', (target) => {
  let t: TestDatabase;
  let h: SlackHarness;
  let fake: FakeSlackApi;
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });

  beforeAll(async () => {
    t = await openTestDatabase(target, 'slack_qpictures');
    const decks = await DeckLibrary.load('test/fixtures/pictures', { log });
    const bot = createStudybot({
      store: createQuizStore(t.database),
      decks,
      explain,
      clock: { now: () => new Date() },
      log,
      exams: { store: createExamStore(t.database.db), blueprints: () => [dva()] },
    });
    h = await startSlackHarness({ bot, signingSecret: 'question-pictures-secret', users: [alice, { ...boss, is_admin: true }], log });
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

  const command = (text: string, channelId: string, user = alice) => h.command({ command: '/diagrams', text, user, channelId });

  const refusalWarnings = () => warnings.filter((w) => /refused the (message|reply) with its pictures/.test(w));

  it('quiz: the channel post shows the prompt picture after the prompt and each option picture captioned, before the buttons; the reveal keeps them', async () => {
    await command('quiz', 'CQ1');
    const [post] = fake.calls('chat.postMessage');
    expect(post!.response!.ok).toBe(true);
    expect(pictures(post!)).toEqual(QUESTION_PICTURES);
    const types = blocksOf(post!).map((b) => b.type);
    const prompt = blocksOf(post!).findIndex((b) => b.text?.text.includes('Which diagram shows a gateway endpoint?'));
    expect(types.indexOf('image')).toBe(prompt + 1);
    expect(types.lastIndexOf('image')).toBeLessThan(types.indexOf('actions'));
    expectLinksInText(post!);

    await command('quiz cancel', 'CQ1', boss);
    const [reveal] = fake.calls('chat.update');
    expect(reveal!.response!.ok).toBe(true);
    expect(textOf(reveal!.body.blocks)).toMatch(/closed/);
    expect(pictures(reveal!)).toEqual(QUESTION_PICTURES);
    expect(refusalWarnings()).toEqual([]);
  });

  it('quiz with a picture Slack cannot download: posted again without the image blocks, one warning; the reveal goes text-only at once', async () => {
    fake.unreachableImageHost(HOST);
    await command('quiz', 'CQ2');
    const posts = fake.calls('chat.postMessage');
    expect(posts.map((p) => p.response!.ok)).toEqual([false, true]);
    expect(posts[0]!.response!.error).toBe('invalid_blocks');
    expect(posts[0]!.response!.errors).toHaveLength(3);
    expect(posts[0]!.response!.errors[0]).toMatch(/^downloading image failed \[json-pointer:\/blocks\/\d+\/image_url\]$/);
    expect(pictures(posts[1]!)).toEqual([]);
    expectLinksInText(posts[1]!);
    // Still a question: its answer buttons survive the fallback.
    expect((posts[1]!.body.blocks as SlackBlock[]).flatMap((b) => b.elements ?? []).map((e) => e.text?.text)).toEqual(expect.arrayContaining(['A', 'B']));
    expect(refusalWarnings()).toHaveLength(1);
    expect(refusalWarnings()[0]).toContain('downloading image failed');

    // The message is known to be text-only: its edits do not try the pictures again.
    await command('quiz cancel', 'CQ2', boss);
    const updates = fake.calls('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.response!.ok).toBe(true);
    expect(pictures(updates[0]!)).toEqual([]);
    expectLinksInText(updates[0]!);
  });

  it('a reveal whose picture Slack can no longer download (chat.update) is sent again without the image blocks', async () => {
    await command('quiz', 'CQ6');
    expect(pictures(fake.calls('chat.postMessage')[0]!)).toEqual(QUESTION_PICTURES);
    fake.unreachableImageHost(HOST);
    await command('quiz cancel', 'CQ6', boss);
    const updates = fake.calls('chat.update');
    expect(updates.map((u) => u.response!.ok)).toEqual([false, true]);
    expect(updates[0]!.response!.error).toBe('invalid_blocks');
    expect(pictures(updates[1]!)).toEqual([]);
    expect(textOf(updates[1]!.body.blocks)).toMatch(/closed/);
    expectLinksInText(updates[1]!);
    expect(refusalWarnings()).toHaveLength(1);
  });

  it('practice (response_url): the private question carries the pictures', async () => {
    const replies = await command('practice', 'CQ3');
    expect(replies.map((r) => r.status)).toEqual([200]);
    expect(replies[0]!.body.response_type).toBe('ephemeral');
    expect(pictures(replies[0]!)).toEqual(QUESTION_PICTURES);
    expectLinksInText(replies[0]!);
  });

  it('practice with a picture Slack cannot download: the refused reply goes again without the image blocks, one warning', async () => {
    fake.unreachableImageHost(HOST);
    const replies = await command('practice', 'CQ4');
    expect(replies.map((r) => r.status)).toEqual([400, 200]);
    expect(pictures(replies[1]!)).toEqual([]);
    expect(replies[1]!.body.response_type).toBe('ephemeral');
    expectLinksInText(replies[1]!);
    expect(refusalWarnings()).toHaveLength(1);
  });

  it('mock exam screen (response_url): the question shows its pictures', async () => {
    const replies = await command('exam 1', 'CQ7');
    expect(replies.map((r) => r.status)).toEqual([200]);
    expect(textOf(replies[0]!.body.blocks)).toMatch(/Mock exam .* question 1 of 1/);
    expect(pictures(replies[0]!)).toEqual(QUESTION_PICTURES);
    expectLinksInText(replies[0]!);
  });

  it('a click on Next question replaces the reply with the next question, falling back the same way', async () => {
    const [question] = await command('practice', 'CQ5');
    fake.unreachableImageHost(HOST);
    const { replies: [feedback] } = await h.click({
      user: alice, channelId: 'CQ5', message: { blocks: question!.body.blocks as SlackBlock[], ephemeral: true }, button: 'B',
    });
    expect(textOf(feedback!.body.blocks)).toMatch(/Correct!/);
    const { replies } = await h.click({
      user: alice, channelId: 'CQ5', message: { blocks: feedback!.body.blocks as SlackBlock[], ephemeral: true }, button: 'Next question',
    });
    expect(replies.map((r) => r.status)).toEqual([400, 200]);
    expect(replies[1]!.body.replace_original).toBe(true);
    expect(pictures(replies[1]!)).toEqual([]);
    expectLinksInText(replies[1]!);
  });
});
