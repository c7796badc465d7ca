// Question reports: reported by command text (reason required), listed for admins newest first
// with path:line, per workspace, resolved; content:check --reports prints the open ones.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';

describe.each(dbTargets)('question reports on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const deck = apiGatewayDeck();
  deck.questions = [question(deck.id, 'Q1', { source: { path: 'content/api-gateway.md', line: 70 } }), question(deck.id, 'Q2', { source: { path: 'content/api-gateway.md', line: 93 } })];

  beforeAll(async () => {
    t = await openTestDatabase(target, 'learn_reports');
  });
  afterAll(() => t?.close());
  let content: OneQuestionContent;
  beforeEach(async () => {
    await t.reset();
    now = new Date('2026-03-02T09:00:00Z');
    chat = new RecordingChat('slack');
    content = oneQuestionContent([deck]);
    bot = createStudybot({ store: createQuizStore(t.database), decks: content.catalog, clock: { now: () => now }, countEditIntervalMs: 60_000, random: () => 0 });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });

  it('stores reports with deck, question and source line; admins list them newest first and resolve them', async () => {
    const alice = talk.user('U1', 'alice');
    const admin = talk.user('U9', 'ada', true);
    const first = await talk.say(alice, 'report 1 the answer should be C');
    expect(textOf(first[0]!.view)).toContain('Report #1 on API Gateway Q1');
    now = new Date(now.getTime() + 60_000);
    await talk.say(alice, 'report Q2   option D is a typo');

    // Another workspace's admin sees none of them.
    const other = new Conversation(bot, chat, { platform: 'slack', workspace: 'T2', channel: 'C5' });
    expect(textOf((await other.say(other.user('U1', 'zed', true), 'reports'))[0]!.view)).toContain('No open question reports');

    const list = textOf((await talk.say(admin, 'reports'))[0]!.view);
    const q2 = list.indexOf('#2 API Gateway Q2 at content/api-gateway.md:93: "option D is a typo" (alice in this channel, 2026-03-02)');
    const q1 = list.indexOf('#1 API Gateway Q1 at content/api-gateway.md:70: "the answer should be C" (alice');
    expect(q2).toBeGreaterThan(-1);
    expect(q1).toBeGreaterThan(q2); // newest first

    expect(textOf((await talk.say(alice, 'reports'))[0]!.view)).toContain('Only admins can see and resolve question reports.');
    expect(textOf((await talk.say(alice, 'reports resolve 1'))[0]!.view)).toContain('Only admins can see and resolve question reports.');
    expect(textOf((await other.say(other.user('U1', 'zed', true), 'reports resolve 1'))[0]!.view)).toContain('There is no report #1');
    expect(textOf((await talk.say(admin, 'reports resolve 1'))[0]!.view)).toContain('Report #1 resolved');
    expect(textOf((await talk.say(admin, 'reports resolve #1'))[0]!.view)).toContain('already resolved');
    expect(textOf((await talk.say(admin, 'reports resolve 99'))[0]!.view)).toContain('There is no report #99');
    const after = textOf((await talk.say(admin, 'reports'))[0]!.view);
    expect(after).toContain('#2 API Gateway Q2');
    expect(after).not.toContain('#1 API Gateway Q1');
  });

  it('a reason is required, and the question must exist', async () => {
    const alice = talk.user('U1', 'alice');
    expect(textOf((await talk.say(alice, 'report'))[0]!.view)).toContain('Usage: /apigw report <question number> <what is wrong>');
    expect(textOf((await talk.say(alice, 'report 1'))[0]!.view)).toContain('Add a short reason');
    expect(textOf((await talk.say(alice, `report 1 ${'x'.repeat(501)}`))[0]!.view)).toContain('under 500 characters');
    expect(textOf((await talk.say(alice, 'report 7 wrong answer'))[0]!.view)).toContain('API Gateway has no question 7');
    expect(textOf((await talk.say(talk.user('U9', 'ada', true), 'reports'))[0]!.view)).toContain('No open question reports');
  });

  it('the "Report a problem" button on a question opens a form; its submit stores the report once per submit', async () => {
    const alice = talk.user('U1', 'alice');
    const admin = talk.user('U9', 'ada', true);
    await content.only('Q2', () => talk.say(alice, 'quiz'));
    const q = chat.lastPost(channel);
    const [opened] = await talk.click(alice, q.ref, 'Report a problem');
    expect(opened!.visibility).toBe('private');
    const form = opened!.form!;
    expect(form.title.length).toBeLessThanOrEqual(24);
    expect(form.field).toMatchObject({ label: 'What is wrong with Q2?', minLength: 3, maxLength: 500, multiline: true });
    // The fallback, for when no modal can be opened, says how to type the same report.
    expect(textOf(opened!.view)).toContain('/apigw report 2 <what is wrong>');

    const [short] = await talk.act(alice, { actionId: form.id, values: ['no'] });
    expect(textOf(short!.view)).toContain('Add a short reason');
    expect(textOf(short!.view)).toContain('Nothing was reported');
    const [thanks] = await talk.act(alice, { actionId: form.id, values: ['  option D is a typo  '] });
    expect(textOf(thanks!.view)).toContain('Report #1 on API Gateway Q2');

    // The same form id submitted from another channel (tampered) is refused.
    const elsewhere = await talk.act(alice, { actionId: form.id, values: ['sneaky report'], channel: { ...channel, channel: 'C2' } });
    expect(textOf(elsewhere[0]!.view)).toContain('Nothing was reported');
    const list = textOf((await talk.say(admin, 'reports'))[0]!.view);
    expect(list).toContain('#1 API Gateway Q2 at content/api-gateway.md:93: "option D is a typo" (alice');
    expect(list).not.toContain('sneaky');
    expect(list).not.toContain('#2');
  });

  it('counts a reason in user-perceived characters (emoji, flags, combining accents count one each) and stores it cut between graphemes', async () => {
    const store = createQuizStore(t.database);
    await content.only('Q1', () => talk.say(talk.user('U9', 'ada', true), 'quiz'));
    const q = chat.lastPost(channel).ref;
    let n = 0;
    /** Each report from a new user (5 per user and hour are taken). */
    const submit = async (reason: string) => {
      const who = talk.user(`U${++n}`, `user${n}`);
      const [opened] = await talk.click(who, q, 'Report a problem');
      return textOf((await talk.act(who, { actionId: opened!.form!.id, values: [reason] }))[0]!.view);
    };
    const typed = async (reason: string) => textOf((await talk.say(talk.user(`U${++n}`, `user${n}`), `report 1 ${reason}`))[0]!.view);
    const emoji = '😀'.repeat(300); // 600 UTF-16 units
    const accents = 'e\u0301'.repeat(300); // é as e + U+0301: 600 units
    const skinTones = '👍🏽'.repeat(500); // 2,000 units, 500 characters: the modal's max_length
    expect(await typed(emoji)).toContain('Report #1');
    expect(await typed(accents)).toContain('Report #2');
    expect(await submit(skinTones)).toContain('Report #3');
    expect(await submit('🇫🇷'.repeat(501))).toContain('Keep the reason under 500 characters');
    expect(await submit(`${'x'.repeat(499)}e\u0301`)).toContain('Report #4');
    expect(await submit(`${'x'.repeat(500)}e\u0301`)).toContain('Keep the reason under 500 characters');
    expect(await submit('😀😀')).toContain('Add a short reason'); // two characters, four units
    expect(await typed('e\u0301\u0301')).toContain('Add a short reason');
    // A pile of combining marks is one character: taken, but stored cut (between code points, well-formed).
    const pile = `bad 😀${'\u0301'.repeat(20_000)}`;
    expect(await submit(pile)).toContain('Report #5');
    const stored = new Map((await store.reports!.openReports('slack:T1:', 10)).map((r) => [r.id, r.reason]));
    expect(stored.get('1')).toBe(emoji);
    expect(stored.get('2')).toBe(accents);
    expect(stored.get('3')).toBe(skinTones);
    expect(stored.get('4')).toBe(`${'x'.repeat(499)}e\u0301`);
    expect(stored.get('5')!.length).toBe(8000);
    expect(pile.startsWith(stored.get('5')!)).toBe(true);
    expect(stored.get('5')!.isWellFormed()).toBe(true);
  });

  it('the answer reply carries the report button too', async () => {
    const alice = talk.user('U1', 'alice');
    await content.only('Q1', () => talk.say(alice, 'quiz'));
    const [answered] = await talk.click(alice, chat.lastPost(channel).ref, 'A');
    const [opened] = await talk.click(alice, answered!.view, 'Report a problem');
    expect(opened!.form?.field.label).toBe('What is wrong with Q1?');
    await talk.act(alice, { actionId: opened!.form!.id, values: ['the explanation contradicts the answer'] });
    expect(textOf((await talk.say(talk.user('U9', 'ada', true), 'reports'))[0]!.view)).toContain('content/api-gateway.md:70');
  });
});

describe('content:check --reports', () => {
  it('prints the open reports as path:line beside the findings', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openDatabase } = await import('../../src/db/index.js');
    const { createReportStore } = await import('../../src/db/report-store.js');
    const { runContentCheck } = await import('../../src/content/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'studybot-reports-'));
    const saved = { url: process.env.DATABASE_URL, dir: process.env.STUDYBOT_DATA_DIR };
    try {
      const database = await openDatabase({ dataDir: dir });
      const store = createReportStore(database.db);
      const base = { deckId: 'api-gateway', sourcePath: 'content/api-gateway.md', reporterKey: 'slack:T1:U1', channelKey: 'slack:T1:C1' };
      await store.addReport({ ...base, questionId: 'q1', questionNumber: 'Q1', sourceLine: 70, reason: 'answer\nshould be C', createdAt: new Date('2026-03-02T09:00:00Z') });
      await store.addReport({ ...base, questionId: 'q2', questionNumber: 'Q2', sourceLine: 93, reason: 'typo', createdAt: new Date('2026-03-03T09:00:00Z') });
      await store.resolveReport('2', null, 'slack:T1:U9', new Date('2026-03-04T09:00:00Z'));
      await database.close();

      delete process.env.DATABASE_URL;
      process.env.STUDYBOT_DATA_DIR = dir;
      const out: string[] = [];
      const code = await runContentCheck(['content', '--reports'], { out: (t) => out.push(t), err: (t) => out.push(t) });
      expect(code).toBe(0);
      expect(out).toContain('content/api-gateway.md:70: report #1 on api-gateway Q1 (2026-03-02): answer should be C');
      expect(out.join('\n')).not.toContain('typo'); // resolved
      expect(out).toContain('1 open question report');

      process.env.STUDYBOT_DATA_DIR = join(dir, 'missing');
      const err: string[] = [];
      expect(await runContentCheck(['content', '--reports'], { out: () => {}, err: (t) => err.push(t) })).toBe(2);
      expect(err.join('\n')).toContain('no database');
    } finally {
      if (saved.url === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved.url;
      if (saved.dir === undefined) delete process.env.STUDYBOT_DATA_DIR;
      else process.env.STUDYBOT_DATA_DIR = saved.dir;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
