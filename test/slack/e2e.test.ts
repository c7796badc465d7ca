// End to end: the real Bolt app (signed HTTP requests) on the real core (createStudybot with the
// Postgres store, the real API Gateway deck, the real schedule port) against the fake Slack API.
// Every assertion reads what the fake received: response_url posts and Web API calls.
// Runs on PGlite always, and on real Postgres too when TEST_DATABASE_URL is set.

import { ackLatency } from '../../src/ops/metrics.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { createSchedulePort } from '../../src/schedule/index.js';
import { modalProblems, type FakeSlackApi, type RecordedCall } from '../fakes/slack-api.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { SlackTestClient, type SlackBlock } from '../support/slack-client.js';
import { buttonsOf, lastPosted, startSlackHarness, textOf, type SlackHarness } from '../support/slack-harness.js';
import { oneQuestionContent } from '../support/one-question-content.js';

const log = pino({ level: 'silent' });
const TEAM = 'T1';

const users = {
  alice: { id: 'UALICE', name: 'alice' },
  bob: { id: 'UBOB', name: 'bob' },
  carol: { id: 'UCAROL', name: 'carol' },
  boss: { id: 'UBOSS', name: 'boss' },
  dave: { id: 'UDAVE', name: 'dave' },
  /** A display name that would ping the whole channel if the bot echoed it unescaped. */
  mallory: { id: 'UMAL', name: '<!channel>' },
};
type Who = keyof typeof users;

async function slackCommandAcks(): Promise<number> {
  const values = (await ackLatency.get()).values;
  return values.find((v) => v.metricName === 'studybot_interaction_ack_seconds_count' && v.labels.platform === 'slack' && v.labels.kind === 'command')?.value ?? 0;
}

describe.each(dbTargets)('Slack adapter on the real core ($name)', (target) => {
  let t: TestDatabase;
  let h: SlackHarness;
  let fake: FakeSlackApi;
  let bot: Studybot;
  let decks: DeckLibrary;
  let content: ReturnType<typeof oneQuestionContent>;
  let now = Date.parse('2026-11-26T10:00:00Z');
  const clock = { now: () => new Date(now) };

  beforeAll(async () => {
    t = await openTestDatabase(target, 'slack_e2e');
    const database = t.database;
    const store = createQuizStore(database);
    decks = await DeckLibrary.load('content', { log });
    const schedule = createSchedulePort({ database, decks, clock, channelTimezones: store });
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    content = oneQuestionContent(decks.decks()); // plain `quiz` of a known question: scored, unlike an admin's preview
    bot = createStudybot({ store, decks: content.catalog, explain, clock, schedule, random, log });
    h = await startSlackHarness({
      bot,
      signingSecret: 'e2e-signing-secret',
      users: [{ id: users.boss.id, name: 'boss', is_admin: true }, users.alice, users.bob, users.carol],
      log,
      clock,
    });
    fake = h.fake;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
  });

  /** `/apigw <text>` from `who` in `channel`; resolves with what reached its response_url. */
  const command = (who: Who, channel: string, text: string): Promise<RecordedCall[]> =>
    h.command({ command: '/apigw', text, user: users[who], channelId: channel, teamId: TEAM });

  /** Click `button` in a message as `who`; resolves with what reached that click's response_url. */
  const click = (
    who: Who,
    channel: string,
    message: { blocks: SlackBlock[]; ts?: string; ephemeral?: boolean },
    button: string,
    opts: { checked?: string[] } = {},
  ): Promise<{ replies: RecordedCall[]; payload: Record<string, unknown> }> =>
    h.click({ user: users[who], teamId: TEAM, channelId: channel, message, button, ...(opts.checked ? { checked: opts.checked } : {}) });

  /** Slack delivers a click's payload again (x-slack-retry-num: 1); it is acked with 200. */
  async function redeliver(payload: Record<string, unknown>) {
    expect((await h.interact(payload, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
  }

  /** The message the bot last posted in `channel` with chat.postMessage, as Slack stores it now. */
  function posted(channel: string) {
    const { ts } = lastPosted(fake, channel);
    const stored = fake.message(channel, ts)!;
    return { ts, stored, message: { ts, blocks: stored.blocks as SlackBlock[] } };
  }

  it('help, unknown words and bad input get clear private answers', async () => {
    const acksBefore = await slackCommandAcks();
    const help = await command('alice', 'CHELP', 'help');
    expect((await slackCommandAcks()) - acksBefore).toBe(1); // the ack was timed for /metrics
    expect(help).toHaveLength(1);
    expect(help[0]!.body.response_type).toBe('ephemeral');
    expect(textOf(help[0]!.body.blocks)).toMatch(/explain/);
    expect(textOf(help[0]!.body.blocks)).toMatch(/leaderboard/);

    const unknown = await command('alice', 'CHELP', 'quizz');
    expect(unknown.map((c) => [c.body.response_type, c.body.text])).toEqual([['ephemeral', expect.stringContaining('Did you mean /apigw quiz?')]]);

    const bad = await command('alice', 'CHELP', 'leaderboard yesterday');
    expect(bad[0]!.body.response_type).toBe('ephemeral');
    expect(textOf(bad[0]!.body.blocks)).toMatch(/week|month|all/);
  });

  it('explain: a concept with its source, suggestions for a near miss, the list without a name', async () => {
    const found = await command('alice', 'CEXP', 'explain stage variables');
    expect(found.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    const text = textOf(found[0]!.body.blocks);
    expect(text).toMatch(/\*Stage variables\*/);
    expect(text).toMatch(/&gt; Stage variables are name-value pairs/);
    expect(text).toMatch(/From API Gateway \(.*api-gateway\.md:\d+\)/);

    // The private answer carries a button that shares the concept with the channel, attributed;
    // the answer is then replaced by a note, so its button is gone.
    const answer = { blocks: found[0]!.body.blocks as SlackBlock[], ephemeral: true };
    const shared = await click('bob', 'CEXP', answer, 'Share to channel');
    expect(shared.replies.map((c) => [c.body.response_type, c.body.replace_original])).toEqual([
      ['in_channel', false],
      [undefined, true],
    ]);
    const sharedText = textOf(shared.replies[0]!.body.blocks);
    expect(sharedText).toMatch(/\*Stage variables\*/);
    expect(sharedText).toMatch(/shared by bob/);
    expect(shared.replies[0]!.body.blocks).not.toEqual(expect.arrayContaining([expect.objectContaining({ type: 'actions' })]));
    expect(textOf(shared.replies[1]!.body.blocks)).toMatch(/You shared Stage variables to the channel/);
    expect(shared.replies[1]!.body.blocks).not.toEqual(expect.arrayContaining([expect.objectContaining({ type: 'actions' })]));
    // A second click (a stale copy of the answer) posts nothing and says why, privately.
    const again = await click('bob', 'CEXP', answer, 'Share to channel');
    expect(again.replies.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    expect(textOf(again.replies[0]!.body.blocks)).toMatch(/Stage variables was shared to this channel at .*, so I did not post it again/);

    const near = await command('alice', 'CEXP', 'explain stage varables');
    expect(textOf(near[0]!.body.blocks)).toMatch(/Did you mean|Stage variables/);

    const list = await command('alice', 'CEXP', 'explain');
    expect(textOf(list[0]!.body.blocks)).toMatch(/API Gateway concepts/);
    expect(textOf(list[0]!.body.blocks)).toMatch(/stage-variables/);
    // Nothing went to the channel: explain is private.
    expect(fake.calls('chat.postMessage').filter((c) => c.body.channel === 'CEXP')).toEqual([]);
  });

  it('quiz: posted with labelled buttons; clicks answered privately; double click, retry and late answer; reveal update', async () => {
    const channel = 'CQUIZ';
    const started = await content.only('1', () => command('alice', channel, 'quiz'));
    expect(started.every((c) => c.body.response_type === 'ephemeral')).toBe(true);

    // The question went to the channel through chat.postMessage: prompt and full options in the body, short buttons.
    const q = posted(channel);
    expect(q.stored.text).toMatch(/^Quiz · API Gateway Q1: You are developing an API/);
    const body = textOf(q.message.blocks);
    expect(body).toContain('*A)* HTTP proxy');
    expect(body).toContain('*B)* mock');
    expect(body).toMatch(/0 answers so far/);
    // One button per option, then "Report a problem" in its own actions block.
    expect(buttonsOf(q.message.blocks)).toEqual(['A', 'B', 'C', 'D', 'Report a problem']);

    // alice answers right: a private reply through her click's response_url, no Web API call per click.
    const webApiBefore = fake.calls().filter((c) => c.method !== 'response_url').length;
    const first = await click('alice', channel, q.message, 'B');
    expect(first.replies.map((c) => [c.body.response_type, c.body.replace_original])).toEqual([['ephemeral', false]]);
    expect(first.replies[0]!.body.text).toMatch(/^Correct! \+\d+ points/);
    // A right answer offers the memory rating (docs/learning.md); every answer reply can report the question.
    expect(buttonsOf(first.replies[0]!.body.blocks)).toEqual(['Hard', 'Good', 'Easy', 'Report a problem']);
    expect(fake.calls().filter((c) => c.method !== 'response_url').length).toBe(webApiBefore);

    // Double click: the second click is told she already answered; her first answer stands.
    const second = await click('alice', channel, q.message, 'A');
    expect(second.replies.map((c) => c.body.text)).toEqual([expect.stringMatching(/^You already answered this one: B\) mock/)]);

    // Slack redelivers alice's first click (x-slack-retry-num: 1): acked, nothing runs twice, nothing re-sent.
    const firstResponseId = decodeURIComponent(String(first.payload.response_url).split('/').at(-1)!);
    await redeliver(first.payload);
    expect(fake.responses(firstResponseId)).toHaveLength(1);

    const wrong = await click('bob', channel, q.message, 'C');
    expect(wrong.replies[0]!.body.text).toMatch(/^Not quite/);
    expect(textOf(wrong.replies[0]!.body.blocks)).toContain('The answer is B) mock.');
    await click('mallory', channel, q.message, 'B');

    // The live count: coalesced edits, flushed now; counts only, nothing revealed.
    await bot.flush();
    const live = fake.calls('chat.update').filter((c) => c.body.ts === q.ts).at(-1)!;
    expect(textOf(live.body.blocks)).toMatch(/3 answers so far/);
    expect(textOf(live.body.blocks)).not.toContain(':white_check_mark:');
    expect(buttonsOf(live.body.blocks)).toEqual(['A', 'B', 'C', 'D', 'Report a problem']);

    // Close time passes: the message is updated with the reveal and loses its answer buttons; "Report a problem" stays.
    now += 11 * 60_000;
    expect(await bot.closeDueRounds()).toBe(1);
    const reveal = fake.message(channel, q.ts)!;
    expect(buttonsOf(reveal.blocks as SlackBlock[])).toEqual(['Report a problem']);
    const revealText = textOf(reveal.blocks);
    expect(revealText).toContain(':white_check_mark: *B)* mock');
    expect(revealText).toContain('Answer: B) mock');
    expect(revealText).toMatch(/&gt; .*mock integrations/);
    expect(revealText).toMatch(/`[█░]{10}` \*B\* 2 \(67%\) :white_check_mark:/);
    expect(revealText).toMatch(/`[█░]{10}` \*C\* 1 \(33%\)/);
    // First right, in order, with the hostile display name made inert.
    expect(revealText).toContain('First right: alice, &lt;!channel&gt;');
    expect(JSON.stringify(reveal.blocks)).not.toContain('<!channel>');
    expect(reveal.text).toMatch(/closed: the answer was B\) mock/);

    // An answer after close is refused privately and the reveal is untouched.
    const updatesBefore = fake.calls('chat.update').length;
    const late = await click('carol', channel, q.message, 'B');
    expect(late.replies.map((c) => c.body.text)).toEqual([expect.stringMatching(/^This question closed at .*your answer was not recorded/)]);
    await bot.flush();
    expect(fake.calls('chat.update').length).toBe(updatesBefore);
  });

  it('multi-answer: checkboxes with a Submit button; toggles ignored, the submitted values scored', async () => {
    const channel = 'CMULTI';
    await content.only('2', () => command('alice', channel, 'quiz'));
    const q = posted(channel);
    const checkboxes = q.message.blocks.flatMap((b) => b.elements ?? []).filter((e) => e.type === 'checkboxes');
    expect(checkboxes).toHaveLength(1);
    expect(checkboxes[0]!.options!.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(buttonsOf(q.message.blocks)).toEqual(['Submit', 'Report a problem']);
    expect(textOf(q.message.blocks)).toContain('Select TWO.');

    const toggleUrl = h.responseUrl('toggle');
    const toggle = await h.interact(
      SlackTestClient.checkboxTogglePayload({
        user: users.alice, teamId: TEAM, channelId: channel, responseUrl: toggleUrl.url, message: q.message, checked: ['1'],
      }),
    );
    expect(toggle.status).toBe(200);
    expect(fake.responses(toggleUrl.id)).toEqual([]);

    const tooFew = await click('bob', channel, q.message, 'Submit', { checked: ['1'] });
    expect(tooFew.replies[0]!.body.text).toMatch(/Choose exactly 2 different options \(you chose 1\)/);
    const right = await click('alice', channel, q.message, 'Submit', { checked: ['1', '2'] });
    expect(right.replies[0]!.body.text).toMatch(/^Correct!/);
    const again = await click('alice', channel, q.message, 'Submit', { checked: ['3', '4'] });
    expect(again.replies[0]!.body.text).toMatch(/^You already answered this one: 1\) .*; 2\) /);
    const bobRetry = await click('bob', channel, q.message, 'Submit', { checked: ['2', '5'] });
    expect(bobRetry.replies[0]!.body.text).toMatch(/^(Partly right|Not quite)/);

    now += 11 * 60_000;
    expect(await bot.closeDueRounds()).toBe(1);
    const reveal = fake.message(channel, q.ts)!;
    const text = textOf(reveal.blocks);
    expect((reveal.blocks as SlackBlock[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).map((e) => e.type)).toEqual(['button']); // the checkboxes and Submit are gone
    expect(buttonsOf(reveal.blocks as SlackBlock[])).toEqual(['Report a problem']);
    expect(text).toMatch(/:white_check_mark: \*1\)\* Create an AWS AppSync/);
    expect(text).toMatch(/:white_check_mark: \*2\)\* Create a WebSocket API/);
    expect(text).not.toMatch(/:white_check_mark: \*3\)/);
    expect(text).toContain('First right: alice');
  });

  it('practice: a private question answered in place (replace_original), then the next one', async () => {
    const channel = 'CPRACTICE';
    const posts = fake.calls('chat.postMessage').length;
    const replies = await command('carol', channel, 'practice');
    expect(replies.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    expect(fake.calls('chat.postMessage').length).toBe(posts); // nothing in the channel
    const question = { ephemeral: true, blocks: replies[0]!.body.blocks as SlackBlock[] };
    expect(textOf(question.blocks)).toMatch(/Only you can see this practice question/);
    expect(buttonsOf(question.blocks).at(-1)).toBe('Report a problem');

    const label = buttonsOf(question.blocks)[0] ?? 'Submit';
    const result = await click('carol', channel, question, label, label === 'Submit' ? { checked: ['1', '2'] } : {});
    expect(result.replies.map((c) => c.body.replace_original)).toEqual([true]);
    expect(result.replies[0]!.body.text).toMatch(/^(Correct!|Not quite|Partly right)/);
    // A right answer also offers the spaced-repetition rating (docs/learning.md).
    const right = /^Correct!/.test(String(result.replies[0]!.body.text));
    expect(buttonsOf(result.replies[0]!.body.blocks)).toEqual(
      right ? ['Next question', 'Hard', 'Good', 'Easy', 'Report a problem'] : ['Next question', 'Report a problem'],
    );

    const next = await click('carol', channel, { ephemeral: true, blocks: result.replies[0]!.body.blocks }, 'Next question');
    expect(next.replies.map((c) => c.body.replace_original)).toEqual([true]);
    expect(textOf(next.replies[0]!.body.blocks)).toMatch(/Practice · API Gateway/);
  });

  it('leaderboard and stats: the caller ranked, another user by mention', async () => {
    const board = await command('alice', 'CQUIZ', 'leaderboard week');
    const boardText = textOf(board[0]!.body.blocks);
    expect(boardText).toMatch(/Leaderboard · this week/);
    expect(boardText).toMatch(/1\. alice: \d+ points \(1\/1 right\) ← you/);
    expect(boardText).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(board[0]!.body)).not.toContain('<!channel>');

    const bobsBoard = await command('bob', 'CQUIZ', 'leaderboard all');
    expect(textOf(bobsBoard[0]!.body.blocks)).toMatch(/bob: 0 points \(0\/1 right\)/);

    const mine = await command('alice', 'CQUIZ', 'stats');
    expect(textOf(mine[0]!.body.blocks)).toMatch(/Your stats/);
    const his = await command('alice', 'CQUIZ', 'stats <@UBOB|bob>');
    expect(textOf(his[0]!.body.blocks)).toMatch(/Stats for bob/);
  });

  it('schedule: refused for members, allowed for a workspace admin (users.info is_admin)', async () => {
    const refused = await command('alice', 'CSCHED', 'schedule 09:00 Europe/Paris mon-fri');
    expect(refused[0]!.body.text).toMatch(/Only admins can change the question-of-the-day schedule/);
    // Slack's own rule, and the way in for a team lead who is not a workspace admin (review F16).
    expect(textOf(refused[0]!.body.blocks)).toMatch(/Admins here are Slack workspace admins and owners, and people listed in the bot’s STUDYBOT_ADMINS setting: to become one, ask whoever runs the bot to add your id `slack:T\w+:U\w+`/);

    const lookups = fake.calls('users.info').filter((c) => c.body.user === users.boss.id).length;
    const set = await command('boss', 'CSCHED', 'schedule 09:00 Europe/Paris mon-fri');
    expect(set[0]!.body.response_type).toBeDefined();
    expect(textOf(set[0]!.body.blocks)).toMatch(/09:00/);
    expect(textOf(set[0]!.body.blocks)).toMatch(/Europe\/Paris/);
    expect(fake.calls('users.info').filter((c) => c.body.user === users.boss.id).length).toBe(lookups + 1);

    const off = await command('boss', 'CSCHED', 'schedule off');
    expect(textOf(off[0]!.body.blocks)).toMatch(/off|no longer|stopped|disabled/i);
    // Cached: the second admin command did not ask Slack again.
    expect(fake.calls('users.info').filter((c) => c.body.user === users.boss.id).length).toBe(lookups + 1);
  });

  it('schedule in a public channel the bot is not in: set, plus a note asking for an invite; a lost post there cannot be found', async () => {
    fake.notMemberOf('CPUBLIC');
    const set = await command('boss', 'CPUBLIC', 'schedule 09:00 Europe/Paris mon-fri');
    expect(textOf(set[0]!.body.blocks)).toMatch(/09:00/);
    expect(set.map((c) => String(c.body.text))).toEqual([expect.anything(), expect.stringMatching(/not a member of this channel.*\/invite @studybot/)]);
    expect(set[1]!.body.response_type).toBe('ephemeral');
    // Showing or switching off the schedule, or a channel the bot is in: no note.
    for (const [channel, text] of [['CPUBLIC', 'schedule'], ['CPUBLIC', 'schedule off'], ['CMEMBER', 'schedule 09:00 Europe/Paris mon-fri']]) {
      const replies = await command('boss', channel!, text!);
      expect(replies.map((c) => String(c.body.text)).join('\n'), `${channel} ${text}`).not.toMatch(/not a member/);
    }
    // The documented fallback: the lookup for a lost post fails with the invite message (the day stays unknown).
    const chat = h.slack.chat;
    await expect(chat.findPosted!({ platform: 'slack', workspace: TEAM, channel: 'CPUBLIC' }, 'p:1', new Date(now - 60_000))).rejects.toThrow(/invite me with `\/invite @studybot`/);
    expect(await chat.channelAccess({ platform: 'slack', workspace: TEAM, channel: 'CMEMBER' })).toBe('member');
  });

  describe('report a problem (Slack modal)', () => {
    const channel = 'CREPORT';
    let q: ReturnType<typeof posted>;
    let sourceLine: number;

    beforeAll(async () => {
      await content.only('1', () => command('alice', channel, 'quiz'));
      q = posted(channel);
      expect(q.stored.text).toMatch(/^Quiz · API Gateway Q1:/);
      sourceLine = decks.byId('api-gateway')!.questions.find((x) => x.number === 'Q1')!.source.line;
    });

    /** Click "Report a problem" in `message`; resolves with the views.open call it caused (if any) and the click's replies. */
    async function openReport(who: Who, message: { blocks: SlackBlock[]; ts?: string; ephemeral?: boolean }) {
      const opensBefore = fake.calls('views.open').length;
      const clicked = await click(who, channel, message, 'Report a problem');
      const opens = fake.calls('views.open').slice(opensBefore);
      return { ...clicked, opens };
    }

    /** Submit the opened view `viewId` as `who` (signed like Slack); resolves with the HTTP answer, parsed. */
    async function submit(who: Who, viewId: string, text: string, opts: { teamId?: string; privateMetadata?: string; callbackId?: string; retryOf?: Record<string, unknown> } = {}) {
      const payload =
        opts.retryOf ??
        fake.viewSubmissionPayload(viewId, {
          user: users[who], values: text,
          ...(opts.teamId ? { teamId: opts.teamId } : {}),
          ...(opts.privateMetadata ? { privateMetadata: opts.privateMetadata } : {}),
          ...(opts.callbackId ? { callbackId: opts.callbackId } : {}),
        });
      const res = await h.interact(payload, opts.retryOf ? { retryNum: 1, retryReason: 'http_timeout' } : {});
      expect(res.status).toBe(200);
      return { payload, answer: (res.body ? JSON.parse(res.body) : {}) as Record<string, any> };
    }

    async function openReports(): Promise<string[]> {
      const listed = await command('boss', channel, 'reports');
      return textOf(listed[0]!.body.blocks).split('\n').filter((l) => /^• #\d+ /.test(l));
    }

    it('the button opens a modal; a reason is stored once, with its source line, and thanked in the modal', async () => {
      const { replies, payload, opens } = await openReport('bob', q.message);
      // The modal opened, so nothing went to the response_url.
      expect(replies).toEqual([]);
      expect(opens).toHaveLength(1);
      const open = opens[0]!;
      expect(open.response?.ok).toBe(true);
      expect(open.authorized).toBe(true);
      expect(open.body.trigger_id).toBe(payload.trigger_id);
      const view = open.body.view as Record<string, any>;
      expect(modalProblems(view)).toEqual([]);
      expect(view).toMatchObject({
        type: 'modal',
        callback_id: expect.stringMatching(/^r:/),
        title: { type: 'plain_text', text: 'Report a problem' },
        submit: { type: 'plain_text', text: 'Send report' },
      });
      expect(view.blocks).toHaveLength(1);
      expect(view.blocks[0]).toMatchObject({
        type: 'input',
        label: { type: 'plain_text', text: 'What is wrong with Q1?' },
        element: { type: 'plain_text_input', multiline: true, min_length: 3, max_length: 500, placeholder: { type: 'plain_text' } },
      });
      expect(JSON.parse(view.private_metadata)).toMatchObject({ team: TEAM, channel });

      const viewId = String(open.response!.view.id);
      const reason = 'The answer should be C <!channel> because the <https://evil|docs> say so';
      const sent = await submit('bob', viewId, reason);
      expect(sent.answer.response_action).toBe('update');
      expect(modalProblems(sent.answer.view)).toEqual([]);
      const thanks = textOf(sent.answer.view.blocks);
      expect(thanks).toMatch(/^Thanks! Report #\d+ on API Gateway Q1 is with the admins/);
      // No controls in the result modal, only Close.
      expect(sent.answer.view.submit).toBeUndefined();
      expect(JSON.stringify(sent.answer.view)).not.toMatch(/"type":"actions"/);

      // Slack redelivers the submission (and a second copy races the first): the same answer, no second report.
      const again = await Promise.all([submit('bob', viewId, reason, { retryOf: sent.payload }), submit('bob', viewId, reason, { retryOf: sent.payload })]);
      for (const a of again) expect(textOf(a.answer.view.blocks)).toBe(thanks);

      const listed = await openReports();
      expect(listed).toHaveLength(1);
      expect(listed[0]).toContain(`API Gateway Q1 at content/api-gateway.md:${sourceLine}:`);
      // The reason is shown escaped: no ping, no disguised link.
      expect(listed[0]).toContain('&lt;!channel&gt;');
      expect(listed[0]).toContain('&lt;https://evil|docs&gt;');
      expect(listed[0]).toContain('(bob in this channel, ');
    });

    it('a too-short reason is refused with a clear message and nothing is stored', async () => {
      const before = await openReports();
      const { opens } = await openReport('carol', q.message);
      expect(opens.map((c) => c.response?.ok)).toEqual([true]);
      const sent = await submit('carol', String(opens[0]!.response!.view.id), '  x ');
      expect(sent.answer.response_action).toBe('update');
      expect(textOf(sent.answer.view.blocks)).toMatch(/Add a short reason: what is wrong with the question\? Nothing was reported\./);
      expect(await openReports()).toEqual(before);
    });

    it('a submission naming another workspace in its metadata is refused before the core', async () => {
      const before = await openReports();
      const { opens } = await openReport('carol', q.message);
      const view = fake.openedView(String(opens[0]!.response!.view.id))!;
      const foreign = JSON.stringify({ ...JSON.parse(view.private_metadata), team: 'T2' });
      const sent = await submit('carol', view.id, 'The answer is wrong, it should be A', { privateMetadata: foreign });
      expect(sent.answer.response_action).toBe('update');
      expect(textOf(sent.answer.view.blocks)).toMatch(/another workspace\. Nothing was sent\./);
      expect(await openReports()).toEqual(before);
    });

    it('a Slack Connect user (team = their own workspace, app_installed_team_id = ours) reports like anyone else', async () => {
      const before = await openReports();
      const { opens } = await openReport('carol', q.message);
      const viewId = String(opens[0]!.response!.view.id);
      const sent = await submit('carol', viewId, 'Option A is also right per the docs', { teamId: 'T2' });
      expect(sent.payload.team).toEqual({ id: 'T2', domain: 'test' });
      expect((sent.payload.view as Record<string, unknown>).app_installed_team_id).toBe(TEAM);
      expect(textOf(sent.answer.view.blocks)).toMatch(/^Thanks! Report #\d+ on API Gateway Q1/);
      const after = await openReports();
      expect(after).toHaveLength(before.length + 1);
      // Stored under the installing workspace's channel: the admins of T1 see it.
      expect(after[0]).toMatch(/Option A is also right per the docs" \(carol in this channel, /);
    });

    it('a form whose callback_id is not a form action (an answer id) runs nothing', async () => {
      const before = await openReports();
      const { opens } = await openReport('carol', q.message);
      const view = fake.openedView(String(opens[0]!.response!.view.id))!;
      const answerId = JSON.stringify(q.message.blocks).match(/"(a:\d+:A)"/)![1]!;
      const sent = await submit('dave', view.id, 'A', { callbackId: answerId });
      expect(sent.answer.response_action).toBe('update');
      expect(textOf(sent.answer.view.blocks)).toMatch(/cannot be sent\. Nothing was sent\./);
      expect(await openReports()).toEqual(before);
      // dave never answered: a real click of his is his first.
      const clicked = await click('dave', channel, q.message, 'B');
      expect(String(clicked.replies[0]!.body.text)).not.toMatch(/already answered/);
    });

    it('when views.open fails (expired trigger) the way to report by command reaches the user privately', async () => {
      fake.failTriggers({ error: 'expired_trigger_id' });
      const viewsBefore = fake.openedViews().length;
      const { replies, opens } = await openReport('carol', q.message);
      expect(opens.map((c) => c.response?.error)).toEqual(['expired_trigger_id']);
      expect(fake.openedViews()).toHaveLength(viewsBefore);
      expect(replies.map((c) => [c.body.response_type, c.body.replace_original])).toEqual([['ephemeral', false]]);
      expect(replies[0]!.body.text).toBe('What is wrong with API Gateway Q1? Tell me with /apigw report 1 &lt;what is wrong&gt;');
      expect(textOf(replies[0]!.body.blocks)).toContain('For example: /apigw report 1 the answer should be C because');
    });

    it('the private answer reply reports too', async () => {
      const before = await openReports();
      const answered = await click('carol', channel, q.message, 'C');
      expect(answered.replies[0]!.body.response_type).toBe('ephemeral');
      const reply = { ephemeral: true, blocks: answered.replies[0]!.body.blocks as SlackBlock[] };
      expect(buttonsOf(reply.blocks)).toContain('Report a problem');

      const { replies, opens } = await openReport('carol', reply);
      expect(replies).toEqual([]);
      expect(opens.map((c) => c.response?.ok)).toEqual([true]);
      expect(JSON.parse(opens[0]!.body.view.private_metadata)).toMatchObject({ team: TEAM, channel });
      const sent = await submit('carol', String(opens[0]!.response!.view.id), 'Option C is also right according to the docs');
      expect(textOf(sent.answer.view.blocks)).toMatch(/^Thanks! Report #\d+ on API Gateway Q1/);
      const after = await openReports();
      expect(after).toHaveLength(before.length + 1);
      expect(after[0]).toMatch(/Option C is also right according to the docs" \(carol in this channel, /);
    });
  });

  it('forged requests never reach the core', async () => {
    const args = { command: '/apigw', text: 'quiz', user: users.alice, channelId: 'CFORGED', teamId: TEAM, responseUrl: fake.responseUrl('forged') };
    expect((await h.client.command(args, { forge: 'bad-signature' })).status).toBe(401);
    expect((await h.client.command(args, { forge: 'stale-timestamp' })).status).toBe(401);
    await h.slack.idle();
    expect(fake.responses('forged')).toEqual([]);
    expect(fake.calls('chat.postMessage').filter((c) => c.body.channel === 'CFORGED')).toEqual([]);
  });
});

