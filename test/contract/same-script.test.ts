// The same scripted interaction, end to end through each real adapter: Slack (signed HTTP requests
// to the real Bolt app against the fake Web API), Discord (the real discord.js client against the
// fake gateway and REST API) and the console (its input and output streams). Each adapter drives
// its own real core on one shared PGlite (keys are platform-scoped, so runs do not mix). What the
// core recorded (answers, points, rounds closed and revealed) must be identical on all three.
//
// One player only: the console is one person at a terminal. What differs by design: the console
// (wired as src/main.ts wires it) reveals a channel question as soon as its one player's answer is
// recorded, and a revealed question has no controls left, so a second or "late click" is typed
// text that matches nothing (nothing is recorded either way): such steps carry `consoleSaw`.

import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { runConsole } from '../../adapters/console/index.js';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore, rowsOf, sql, type Database } from '../../src/db/index.js';
import { channelKey, type ChannelRef } from '../../src/quiz/ids.js';
import { createStudybot } from '../../src/quiz/index.js';
import { createSchedulePort } from '../../src/schedule/index.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { componentsOf, startDiscordHarness } from '../support/discord-harness.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';
import type { SlackBlock } from '../support/slack-client.js';
import { lastPosted, startSlackHarness } from '../support/slack-harness.js';
import { countingFlushes, textOfTree } from './exam-drivers.js';

const log = pino({ level: 'silent' });
const BASE = Date.parse('2026-11-26T10:00:00Z');

/** A step of the script. `question` acts on the last question posted to the channel, `reply` on the last private reply with controls. */
type Step =
  /** `only`: the command runs while the deck offers only that question (a plain `quiz` of it is scored; a chosen number would be an admin's unscored preview). */
  | { cmd: string; opts?: Record<string, string>; only?: string }
  | { on: 'question' | 'reply'; press: string }
  | { on: 'question'; choose: string[] }
  | { close: true };

interface Driver {
  readonly channel: ChannelRef;
  /** Runs one step; resolves with the text the player saw in answer (escaped as the platform shows it). */
  run(step: Step): Promise<string>;
  stop(): Promise<void>;
}

function script(wrongQ3: string, late: { number: string; option: string }): { step: Step; name: string; saw?: RegExp; consoleSaw?: RegExp }[] {
  return [
    { name: 'help', step: { cmd: 'help' }, saw: /leaderboard/ },
    { name: 'explain', step: { cmd: 'explain', opts: { concept: 'stage-variables' } }, saw: /name-value pairs/ },
    { name: 'share', step: { on: 'reply', press: 'Share to channel' }, saw: /shared by Pat/ },
    // The same concept again, from a new answer: not posted twice in a row, and the refusal says so.
    { name: 'explain again', step: { cmd: 'explain', opts: { concept: 'stage-variables' } }, saw: /name-value pairs/ },
    { name: 'share again', step: { on: 'reply', press: 'Share to channel' }, saw: /Stage variables was shared to this channel at .*, so I did not post it again/ },
    { name: 'quiz 1', step: { cmd: 'quiz', only: '1' }, saw: /You are developing an API/ },
    { name: 'right', step: { on: 'question', press: 'B' }, saw: /Correct!/ },
    { name: 'double', step: { on: 'question', press: 'A' }, saw: /already answered/, consoleSaw: /is not a command|does not match/ },
    { name: 'close 1', step: { close: true } },
    { name: 'late', step: { on: 'question', press: 'B' }, saw: /closed|already answered|not a command|does not match/ },
    { name: 'quiz 2', step: { cmd: 'quiz', only: '2' } },
    // A refused answer (one option where two are asked) records nothing and leaves the round open.
    { name: 'multi: one option', step: { on: 'question', choose: ['1'] }, saw: /Choose exactly 2 different options .*Nothing was recorded/ },
    { name: 'multi: same option twice', step: { on: 'question', choose: ['1', '1'] }, saw: /Choose exactly 2 different options .*Nothing was recorded/ },
    { name: 'multi', step: { on: 'question', choose: ['1', '2'] }, saw: /Correct!|Not quite/ },
    { name: 'close 2', step: { close: true } },
    { name: 'quiz 3', step: { cmd: 'quiz', only: '3' } },
    { name: 'wrong', step: { on: 'question', press: wrongQ3 }, saw: /Not quite/ },
    { name: 'close 3', step: { close: true } },
    { name: 'quiz 4', step: { cmd: 'quiz', only: late.number } },
    { name: 'close 4', step: { close: true } },
    { name: 'late, unanswered', step: { on: 'question', press: late.option }, saw: /closed|not a command|does not match/ },
    { name: 'practice', step: { cmd: 'practice', only: '1' } },
    { name: 'practice answer', step: { on: 'reply', press: 'A' }, saw: /Correct!|Not quite/ },
    { name: 'leaderboard', step: { cmd: 'leaderboard', opts: { period: 'all' } }, saw: /Pat/ },
    { name: 'stats', step: { cmd: 'stats' }, saw: /Answered/ },
  ];
}

const textOfCmd = (step: { cmd: string; opts?: Record<string, string> }) => [step.cmd, ...Object.values(step.opts ?? {})].join(' ');

async function makeBot(database: Database, now: () => number, content: OneQuestionContent): Promise<ReturnType<typeof createStudybot>> {
  const store = createQuizStore(database);
  const decks = await DeckLibrary.load('content', { log });
  const clock = { now: () => new Date(now()) };
  const schedule = createSchedulePort({ database, decks, clock, channelTimezones: store });
  let seed = 5;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  return createStudybot({ store, decks: content.catalog, explain, clock, schedule, random, log });
}

describe.each(dbTargets)('one script through Slack, Discord and the console gives the same core outcome ($name)', (target) => {
  let test: TestDatabase;
  let database: Database;
  let now = BASE;
  let wrongQ3 = 'A';
  let late = { number: '4', option: 'A' };
  let content: OneQuestionContent;
  const outcomes: Record<string, unknown> = {};
  const seen: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    test = await openTestDatabase(target, 'same_script');
    database = test.database;
    const library = await DeckLibrary.load('content', { log });
    content = oneQuestionContent(library.decks());
    const deck = library.byCommand('apigw')!;
    const q3 = deck.questions.find((q) => q.number.replace(/^Q/i, '') === '3')!;
    wrongQ3 = q3.options.find((o) => !q3.correct.includes(o.id))!.id;
    // A single-answer question for the round nobody answers before it closes.
    const q = deck.questions.find((x) => x.kind === 'choice' && x.scored && x.correct.length === 1 && !/^Q?[123]$/i.test(x.number))!;
    late = { number: q.number.replace(/^Q/i, ''), option: q.options[0]!.id };
  }, 60_000);
  afterAll(async () => test?.close());

  async function outcome(channel: ChannelRef) {
    const key = channelKey(channel);
    const answers = rowsOf<Record<string, unknown>>(
      await database.db.execute(sql`
        select r.kind, r.question_id, a.choice, a.correct, a.points, a.bonus, a.on_board
        from answers a join rounds r on r.id = a.round_id
        where a.channel_key = ${key} order by r.id`),
    );
    const rounds = rowsOf<Record<string, unknown>>(
      await database.db.execute(sql`
        select kind, question_id, closed_at is not null as closed, revealed_at is not null as revealed,
          (select count(*)::int from answers a where a.round_id = rounds.id) as answer_count
        from rounds where channel_key = ${key} order by id`),
    );
    return { answers, rounds };
  }

  async function play(name: string, start: () => Promise<Driver>) {
    now = BASE;
    const driver = await start();
    const saw: Record<string, string> = {};
    try {
      for (const { step, name: stepName, saw: expectedEverywhere, consoleSaw } of script(wrongQ3, late)) {
        const text = 'only' in step && step.only ? await content.only(step.only, () => driver.run(step), 'api-gateway') : await driver.run(step);
        saw[stepName] = text;
        const expected = name === 'console' ? (consoleSaw ?? expectedEverywhere) : expectedEverywhere;
        if (expected) expect(text, `${name} / ${stepName}`).toMatch(expected);
      }
    } finally {
      await driver.stop();
    }
    seen[name] = saw;
    outcomes[name] = await outcome(driver.channel);
  }

  it('Slack: signed requests to the real Bolt app', async () => {
    const bot = await makeBot(database, () => now, content);
    const user = { id: 'UPAT', name: 'Pat' };
    const h = await startSlackHarness({ bot, signingSecret: 'same-script', users: [user], log, clock: { now: () => new Date(now) } });
    const { fake, slack } = h;
    const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'CSAME' };
    let lastReply: SlackBlock[] | null = null;
    // A stale client: the question as first posted, with its buttons, even after the reveal.
    const question = () => lastPosted(fake, channel.channel);
    const replies = (got: Awaited<ReturnType<typeof h.command>>) => {
      for (const r of got) if ((r.body.blocks as SlackBlock[] | undefined)?.some((b) => b.type === 'actions')) lastReply = r.body.blocks as SlackBlock[];
      return got.map((r) => `${r.body.text}\n${textOfTree(r.body.blocks)}`).join('\n');
    };
    const base = { user, teamId: 'T1', channelId: channel.channel };

    await play('slack', async () => ({
      channel,
      async run(step) {
        if ('cmd' in step) {
          const own = replies(await h.command({ ...base, command: '/apigw', text: textOfCmd(step) }));
          const posted = fake.calls('chat.postMessage').filter((c) => c.body.channel === channel.channel).slice(-1);
          return step.cmd === 'quiz' ? `${own}\n${textOfTree(posted)}` : own;
        }
        if ('close' in step) {
          now += 11 * 60_000;
          await bot.closeDueRounds();
          await bot.flush();
          await slack.idle();
          return '';
        }
        if ('choose' in step) return replies((await h.click({ ...base, message: question(), button: 'Submit', checked: step.choose })).replies);
        const message = step.on === 'question' ? question() : { blocks: lastReply!, ephemeral: true };
        return replies((await h.click({ ...base, message, button: step.press })).replies);
      },
      stop: () => h.close(),
    }));
    // Nothing in the whole run pinged anyone.
    expect(JSON.stringify(fake.calls().map((c) => c.body))).not.toMatch(/<!channel>|<!here>|<!everyone>/);
  }, 60_000);

  it('Discord: interactions through the fake gateway, answered over REST', async () => {
    const TOKEN = 'same-script-token';
    const APP = '100000000000000009';
    const GUILD = '300000000000000009';
    const CHANNEL = '400000000000000009';
    const bot = await makeBot(database, () => now, content);
    const h = await startDiscordHarness({ bot, token: TOKEN, applicationId: APP, config: { deferAfterMs: 60_000 }, log });
    const { fake, discord } = h;
    const user = { id: '200000000000000009', username: 'pat', global_name: 'Pat' };
    const base = { user, guildId: GUILD, channelId: CHANNEL };
    let lastReplyId: string | null = null;
    const components = (messageId: string): any[] => componentsOf(fake.messages.get(messageId));
    const questionId = () => [...fake.messages.values()].filter((m) => m.channel_id === CHANNEL && !m.interaction_id).at(-1)!.id;
    let firstQuestionComponents = new Map<string, any[]>();

    const answered = async (id: string) => {
      const { callback, followUps } = await h.answered(id);
      const rec = fake.interactions.get(id)!;
      if (rec.originalMessageId && components(rec.originalMessageId).length) lastReplyId = rec.originalMessageId;
      return [callback, ...followUps].map((c) => textOfTree(c.body)).join('\n');
    };

    await play('discord', async () => ({
      channel: { platform: 'discord', workspace: GUILD, channel: CHANNEL },
      async run(step) {
        if ('cmd' in step) {
          const id = fake.dispatchInteraction(fake.payloads.chatInput({ ...base, command: 'apigw', subcommand: step.cmd, options: step.opts ?? {}, permissions: '0' }));
          const own = await answered(id);
          if (step.cmd !== 'quiz') return own;
          const q = questionId();
          firstQuestionComponents.set(q, components(q));
          return `${own}\n${textOfTree(fake.messages.get(q))}`;
        }
        if ('close' in step) {
          now += 11 * 60_000;
          await bot.closeDueRounds();
          await bot.flush();
          await discord.idle();
          return '';
        }
        if ('choose' in step) {
          const q = questionId();
          const menu = components(q).find((c) => c.type === 3);
          return answered(fake.dispatchInteraction(fake.payloads.stringSelect({ ...base, customId: menu.custom_id, values: step.choose, messageId: q })));
        }
        const messageId = step.on === 'question' ? questionId() : lastReplyId!;
        // A stale client still shows the buttons the question was posted with.
        const pool = step.on === 'question' ? firstQuestionComponents.get(messageId)! : components(messageId);
        const button = pool.find((c) => c.type === 2 && c.label === step.press);
        return answered(fake.dispatchInteraction(fake.payloads.button({ ...base, customId: button.custom_id, messageId })));
      },
      async stop() {
        await h.close();
        firstQuestionComponents = new Map();
      },
    }));
    expect(JSON.stringify(fake.calls.map((c) => c.body))).not.toMatch(/@everyone|@here|<@\d/);
  }, 60_000);

  it('console: lines on its input stream, text on its output stream', async () => {
    const bot = await makeBot(database, () => now, content);
    const { bot: counted, handled } = countingFlushes(bot);
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const user = { platform: 'console' as const, workspace: 'local', id: 'pat', name: 'Pat', isAdmin: false };
    const channel = { platform: 'console' as const, workspace: 'local', channel: 'same-script' };
    // As src/main.ts runs it: a channel question is revealed once its one player's answer is recorded.
    const done = runConsole({ bot: counted, input, output, interactive: false, user, channel, revealNow: (ref) => bot.revealNow(ref) });

    const typed = async (line: string, settled: () => boolean) => {
      const from = printed.length;
      input.write(`${line}\n`);
      await expect.poll(settled, { interval: 1 }).toBe(true);
      return printed.slice(from);
    };
    const line = async (text: string) => {
      const target = handled() + 1;
      const from = printed.length;
      // A typed line that matches no control prints a hint and touches no core.
      return typed(text, () => handled() >= target || /is not a command|does not match/.test(printed.slice(from)));
    };

    await play('console', async () => ({
      channel,
      async run(step) {
        if ('cmd' in step) return line(`/apigw ${textOfCmd(step)}`);
        if ('close' in step) {
          now += 11 * 60_000;
          const from = printed.length;
          await bot.closeDueRounds();
          await bot.flush();
          return printed.slice(from);
        }
        if ('choose' in step) return line(step.choose.join(' '));
        return line(step.press.toLowerCase());
      },
      async stop() {
        input.end();
        await done;
      },
    }));
    // The explain answer offered its share button as a typed phrase; a stray letter shares nothing.
    expect(seen.console!.explain).toContain('[Share to channel]');
  }, 60_000);

  it('answers, points, closes and reveals are identical on all three', () => {
    expect(Object.keys(outcomes).sort()).toEqual(['console', 'discord', 'slack']);
    const slack = outcomes.slack as Awaited<ReturnType<typeof outcome>>;
    // The script's shape: three channel quizzes (closed, revealed, one answer each) and one practice round.
    expect(slack.rounds.map((r) => [r.kind, r.closed, r.answer_count])).toEqual([
      ['quiz', true, 1],
      ['quiz', true, 1],
      ['quiz', true, 1],
      ['quiz', true, 0],
      ['practice', expect.anything(), 1],
    ]);
    expect(slack.rounds.filter((r) => r.revealed).length).toBe(4);
    expect(slack.answers.map((a) => a.correct).slice(0, 3)).toEqual([true, expect.any(Boolean), false]);
    expect(slack.answers[0]!.choice).toEqual(['B']);
    expect(outcomes.discord).toEqual(outcomes.slack);
    expect(outcomes.console).toEqual(outcomes.slack);

    // Everyone saw the same total on the leaderboard.
    const total = slack.answers.filter((a) => a.on_board).reduce((s, a) => s + Number(a.points), 0);
    for (const name of ['slack', 'discord', 'console']) expect(seen[name]!.leaderboard, name).toContain(String(total));
  });
});
