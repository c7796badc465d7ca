// Chart pictures on Slack: the real Bolt app (signed requests) on the real core with exam prep
// (the shipped DVA-C02 blueprint and deck), against the fake Slack API. `readiness` uploads the
// chart with files upload v2 (unshared) and the private reply shows it as an image block after
// its text; when the upload or the image block fails, the text reply still arrives.
// Runs on PGlite always, and on real Postgres too when TEST_DATABASE_URL is set.

import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createExamStore } from '../../src/db/exam-store.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { FakeSlackApi, RecordedCall } from '../fakes/slack-api.js';
import { dva } from '../exam/support.js';
import { decodePng } from '../exam/png.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import type { SlackBlock } from '../support/slack-client.js';
import { startSlackHarness, textOf, type SlackHarness } from '../support/slack-harness.js';

const log = pino({ level: 'silent' });
const alice = { id: 'UALICE', name: 'alice' };

const imageBlocks = (call: RecordedCall) => (call.body.blocks as { type: string; slack_file?: { id: string }; alt_text?: string }[]).filter((b) => b.type === 'image');

describe.each(dbTargets)('Slack chart pictures on the real core ($name)', (target) => {
  let t: TestDatabase;
  let h: SlackHarness;
  let fake: FakeSlackApi;
  const now = Date.parse('2026-11-26T10:00:00Z');

  beforeAll(async () => {
    t = await openTestDatabase(target, 'slack_pictures');
    const decks = await DeckLibrary.load('content', { log });
    const bot = createStudybot({
      store: createQuizStore(t.database),
      decks,
      explain,
      clock: { now: () => new Date(now) },
      log,
      exams: { store: createExamStore(t.database.db), blueprints: () => [dva()] },
    });
    h = await startSlackHarness({
      bot,
      signingSecret: 'pictures-signing-secret',
      users: [alice],
      config: { imageRetryDelaysMs: [5, 5], imageUploadBudgetMs: 2500 },
      log,
    });
    fake = h.fake;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
  });

  afterEach(() => fake.clearCalls());

  const command = (text: string) => h.command({ command: '/apigw', text, user: alice, channelId: 'CPIC' });

  it('readiness: the chart is uploaded unshared as a valid PNG and shown under the text of the private reply', async () => {
    const before = fake.uploads().length;
    const replies = await command('readiness');
    const uploads = fake.uploads().slice(before);
    expect(uploads).toHaveLength(1);
    const upload = uploads[0]!;
    // files.uploadV2 went through all three steps, with the bot token.
    expect(fake.calls('files.getUploadURLExternal')).toHaveLength(1);
    expect(fake.calls('upload_url')).toHaveLength(1);
    expect(fake.calls('files.completeUploadExternal')).toHaveLength(1);
    expect(fake.calls().filter((c) => c.method.startsWith('files.') || c.method === 'upload_url').every((c) => c.authorized)).toBe(true);
    // Never shared into the channel: the chart is private.
    expect(fake.calls('files.completeUploadExternal')[0]!.body.channel_id).toBeUndefined();
    expect(upload.sharedTo).toBeUndefined();
    expect(upload.completed).toBe(true);
    expect(upload.filename).toMatch(/^readiness-dva-c02-.*\.png$/);
    const png = decodePng(upload.bytes!);
    expect(png.width).toBe(720);
    expect(png.height).toBeGreaterThan(200);

    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply.status).toBe(200);
    expect(reply.body.response_type).toBe('ephemeral');
    const blocks = reply.body.blocks as { type: string }[];
    expect(textOf(blocks)).toMatch(/Predicted score: \d+ \/ 1000/);
    expect(textOf(blocks)).toContain('Development with AWS Services');
    // Text first, the picture last, referencing the uploaded file.
    expect(blocks.at(-1)).toEqual({ type: 'image', slack_file: { id: upload.id }, alt_text: expect.stringContaining('passing score 720') });
    expect(blocks.filter((b) => b.type === 'image')).toHaveLength(1);
    expect(fake.calls('chat.postMessage')).toHaveLength(0);
  });

  it('a reply refused while Slack still processes the file is sent again and then shows the picture', async () => {
    fake.processFilesAfter(1);
    const replies = await command('readiness');
    expect(replies.map((r) => r.status)).toEqual([400, 200]);
    expect(fake.calls('files.getUploadURLExternal')).toHaveLength(1);
    const id = fake.uploads().at(-1)!.id;
    expect(imageBlocks(replies[1]!)).toEqual([expect.objectContaining({ slack_file: { id } })]);
  });

  it('a reply Slack keeps refusing goes out as text only after the retries', async () => {
    fake.processFilesAfter(10);
    const replies = await command('readiness');
    expect(replies.map((r) => r.status)).toEqual([400, 400, 400, 200]);
    const last = replies.at(-1)!;
    expect(imageBlocks(last)).toEqual([]);
    expect(textOf(last.body.blocks)).toMatch(/Predicted score: \d+ \/ 1000/);
    fake.processFilesAfter(0);
  });

  it.each([
    ['the upload URL keeps failing', () => fake.failUploads(2)],
    ['files.getUploadURLExternal is refused', () => fake.onMethod('files.getUploadURLExternal', () => ({ ok: false, error: 'missing_scope', needed: 'files:write' }))],
    // The bot token goes along to the upload URL: only Slack's upload host (or the API's) gets it.
    // (localhost:<port> is this same fake under another host name: it would take the upload.)
    ['the upload URL points at another host', () => fake.uploadUrlsOn(fake.url.replace('127.0.0.1', 'localhost'))],
  ])('when %s, the text reply still arrives, without a picture', async (_name, breakIt) => {
    breakIt();
    try {
      const replies = await command('readiness');
      expect(replies).toHaveLength(1);
      expect(replies[0]!.status).toBe(200);
      expect(replies[0]!.body.response_type).toBe('ephemeral');
      expect(textOf(replies[0]!.body.blocks)).toMatch(/Predicted score: \d+ \/ 1000/);
      expect(imageBlocks(replies[0]!)).toEqual([]);
      expect(fake.calls('files.completeUploadExternal')).toHaveLength(0);
      expect(fake.calls('upload_url').filter((c) => c.status === 200)).toHaveLength(0);
    } finally {
      fake.resetMethod('files.getUploadURLExternal');
      fake.uploadUrlsOn(null);
    }
  });

  it('a mock exam ended with a click: the result replaces the exam message, with its chart', async () => {
    const [screen] = await command('exam 2');
    expect(screen!.status).toBe(200);
    // End with both questions unanswered asks first; End exam on that question ends it.
    const { replies: [ask] } = await h.click({
      user: alice, channelId: 'CPIC', message: { blocks: screen!.body.blocks as SlackBlock[], ephemeral: true }, button: 'End',
    });
    expect(ask!.body.replace_original).toBe(true);
    expect(textOf(ask!.body.blocks)).toContain('End now? 2 unanswered count as wrong.');
    const { replies: [result] } = await h.click({
      user: alice, channelId: 'CPIC', message: { blocks: ask!.body.blocks as SlackBlock[], ephemeral: true }, button: 'End exam',
    });
    expect(result!.body.replace_original).toBe(true);
    expect(textOf(result!.body.blocks)).toMatch(/Mock exam result · DVA-C02: \d+ \/ 1000/);
    const upload = fake.uploads().at(-1)!;
    expect(upload.filename).toMatch(/^exam-dva-c02-/);
    expect(upload.sharedTo).toBeUndefined();
    expect(decodePng(upload.bytes!).width).toBe(720);
    expect(imageBlocks(result!)).toEqual([expect.objectContaining({ slack_file: { id: upload.id } })]);
  });

  it('replies without a picture upload nothing', async () => {
    const replies = await command('help');
    expect(replies).toHaveLength(1);
    expect(imageBlocks(replies[0]!)).toEqual([]);
    expect(fake.calls('files.getUploadURLExternal')).toHaveLength(0);
  });

  // Last: the abandoned upload finishes in the background after the reply.
  it('an upload slower than its budget does not hold the reply: the text goes alone', async () => {
    fake.delayUploads(5000);
    try {
      const replies = await command('readiness');
      expect(replies).toHaveLength(1);
      expect(textOf(replies[0]!.body.blocks)).toMatch(/Predicted score: \d+ \/ 1000/);
      expect(imageBlocks(replies[0]!)).toEqual([]);
    } finally {
      fake.delayUploads(0);
    }
  });
});
