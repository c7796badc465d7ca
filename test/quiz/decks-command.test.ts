// `decks` names the deck(s) this channel's question of the day asks from, through the real schedule
// port (one deck, a rotation with its next deck, off); `explain` that misses here says which deck
// has it, also when this deck only has something like it (issue 16 item 12). PGlite and Postgres.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import { createSchedulePort } from '../../src/schedule/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, concept, question } from '../support/decks.js';

const START = new Date('2026-03-02T08:00:00Z');

describe.each(dbTargets)('decks and the question of the day on $name', (target) => {
  let t: TestDatabase;
  let now: Date;
  beforeAll(async () => {
    t = await openTestDatabase(target, 'decks_command');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    now = START;
  });

  const lambda = () =>
    apiGatewayDeck({
      id: 'lambda',
      title: 'Lambda',
      command: 'lambda',
      concepts: [concept('Cold start', 'The first invocation initialises a new execution environment.')],
      questions: [question('lambda', 'Q1')],
    });
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };

  function setup(decks = [apiGatewayDeck(), lambda()]) {
    const catalog = staticCatalog(decks);
    const store = createQuizStore(t.database);
    const clock = { now: () => now };
    const schedule = createSchedulePort({ database: t.database, decks: catalog, clock, channelTimezones: store });
    const bot = createStudybot({ store, decks: catalog, clock, schedule, random: () => 0 });
    const chat = new RecordingChat('slack');
    bot.attachChat(chat);
    const talk = new Conversation(bot, chat, channel);
    const say = async (who: ReturnType<Conversation['user']>, text: string) => (await talk.say(who, text)).map((r) => textOf(r.view)).join('\n');
    return { bot, talk, say, alice: talk.user('U1', 'alice'), boss: talk.user('U9', 'boss', true) };
  }

  it('names the deck the question of the day uses: none, one, a rotation with its next deck, off', async () => {
    const { bot, say, alice, boss } = setup();
    expect(await say(alice, 'decks')).toContain('No question of the day in this channel yet (admins: /apigw schedule with your time and time zone, e.g. /apigw schedule 09:00 Europe/Berlin; a time alone is UTC).');

    await say(boss, 'schedule 09:00 UTC');
    let list = await say(alice, 'decks');
    expect(list).toContain('API Gateway (api-gateway): /apigw, 3 questions, 3 concepts · question of the day ← this command');
    expect(list).toContain('Lambda (lambda): /lambda, 1 question, 1 concept\n');
    expect(list).toContain('The question of the day here asks from API Gateway.');

    await say(boss, 'schedule decks lambda,api-gateway');
    list = await say(alice, 'decks');
    expect(list).toContain('The question of the day here takes one deck a day, in turn: Lambda → API Gateway; next: Lambda.');
    expect(list).toContain('Lambda (lambda): /lambda, 1 question, 1 concept · question of the day (next)');
    expect(list).toContain('API Gateway (api-gateway): /apigw, 3 questions, 3 concepts · question of the day (in turn) ← this command');

    // Once Lambda's day was posted, API Gateway is next.
    await bot.startRound({ channel, kind: 'daily', deckId: 'lambda', closesAt: new Date('2026-03-02T17:00:00Z'), dailyDate: '2026-03-02' });
    expect(await say(alice, 'decks')).toContain('in turn: Lambda → API Gateway; next: API Gateway.');

    await say(boss, 'schedule off');
    list = await say(alice, 'decks');
    expect(list).toContain('The question of the day is off in this channel (it asks from Lambda → API Gateway).');
    expect(list).not.toContain('· question of the day');
  });

  it('a schedule whose deck is no longer loaded says no question is posted (review F28)', async () => {
    const first = setup();
    await first.say(first.boss, 'schedule deck lambda 09:00 UTC');
    const renamed = setup([apiGatewayDeck(), { ...lambda(), id: 'lambda-notes' }]);
    expect(await renamed.say(renamed.alice, 'decks')).toContain(
      'The question of the day here asks from lambda (not loaded), so none is posted (admins: /apigw schedule deck <deck>).',
    );
  });

  it('explain that misses in this deck names the deck that has it, also when this deck only has something like it', async () => {
    const gateway = apiGatewayDeck({
      concepts: [...apiGatewayDeck().concepts, concept('Lambda integration', 'Proxies each request to a function; mind its cold start.')],
    });
    const { say, alice } = setup([gateway, lambda()]);
    const like = await say(alice, 'explain cold start');
    expect(like).toContain('Did you mean');
    expect(like).toContain('Lambda integration');
    expect(like).toContain('Cold start is in Lambda: /lambda explain cold-start');

    const none = await say(alice, 'explain cold-start');
    expect(none).toContain('Cold start is in Lambda: /lambda explain cold-start');
    expect(await say(alice, 'explain nothing like it')).not.toContain(' is in ');
  });
});
