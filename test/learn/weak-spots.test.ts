// Weak spots: question ↔ concept links (on the seed deck and a fixture), ranking, /stats, and the
// question-of-the-day preference for concepts the channel gets wrong.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDecks } from '../../src/content/index.js';
import type { Deck } from '../../src/content/types.js';
import { createQuizStore } from '../../src/db/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { conceptLinks } from '../../src/quiz/concept-links.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import type { QuizStore } from '../../src/quiz/store.js';
import { weakSpots } from '../../src/quiz/weak-spots.js';
import { blocksOf, Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, concept, question } from '../support/decks.js';
import { oneQuestionContent, type OneQuestionContent } from '../support/one-question-content.js';

const seedFolder = fileURLToPath(new URL('../../content', import.meta.url));

function fixtureDeck(): Deck {
  const deck = apiGatewayDeck();
  deck.concepts = [
    concept('Stage variables', 'Name-value pairs of a stage.', ['stage vars']),
    concept('Deployment', 'A snapshot of the API.'),
    concept('API caching', 'Caches responses.'),
    concept('Throttling', 'Limits requests.'),
  ];
  const q = (n: string, prompt: string) => question(deck.id, n, { prompt });
  deck.questions = [
    q('Q1', 'Where do you read stage vars in a mapping template?'),
    q('Q2', 'What does API caching store?'),
    q('Q3', 'When do you need a new deployment?'),
    q('Q4', 'Do stage variables change without a deployment?'),
    q('Q5', 'How do API caching and throttling interact?'),
    q('Q6', 'Which protocol does a WebSocket API use?'),
  ];
  return deck;
}

describe('concept links', () => {
  it('links the seed deck questions to the concepts they mention', async () => {
    const { decks } = await loadDecks([seedFolder]);
    const deck = decks.find((d) => d.id === 'api-gateway')!;
    const links = conceptLinks(deck);
    const of = (n: string) => links.get(deck.questions.find((q) => q.number === n)!.id)!;
    expect(of('Q1')).toEqual(expect.arrayContaining(['http-proxy', 'integration'])); // "HTTP proxy", "mock integrations"
    expect(of('Q4')).toContain('aws-gateway-integration-types'); // "Change the integration type"
    expect(of('Q5')).toContain('endpoint'); // "API Gateway endpoints"
    expect(of('Q3')).toEqual([]); // options are service names only
    // The deck's own subject is mentioned everywhere: never a weak spot.
    for (const slugs of links.values()) expect(slugs).not.toContain('amazon-api-gateway');
  });

  it('matches whole words and aliases, plurals, not inside other words or URLs', () => {
    const deck = fixtureDeck();
    deck.questions.push(
      question(deck.id, 'Q7', { prompt: 'Backstage variablesx and redeployments?' }),
      question(deck.id, 'Q8', { prompt: 'Read https://example.com/deployment first', explanation: 'Two deployments later…' }),
    );
    const links = conceptLinks(deck);
    expect(links.get(`${deck.id}:Q1`)).toEqual(['stage-variables']);
    expect(links.get(`${deck.id}:Q4`)).toEqual(['stage-variables', 'deployment']);
    expect(links.get(`${deck.id}:Q5`)).toEqual(['api-caching', 'throttling']);
    expect(links.get(`${deck.id}:Q6`)).toEqual([]);
    expect(links.get(`${deck.id}:Q7`)).toEqual([]);
    expect(links.get(`${deck.id}:Q8`)).toEqual(['deployment']); // from "deployments", not the URL
  });
});

describe('weak-spot ranking', () => {
  const deck = fixtureDeck();
  const decks = staticCatalog([deck]);
  const t = (n: number, answered: number, wrong: number) => ({ deckId: deck.id, questionId: `${deck.id}:Q${n}`, answered, wrong });

  it('ranks by smoothed miss rate, then misses, then name; concepts never missed are not weak', () => {
    // stage-variables: Q1 1 of 1 wrong → 2/3; api-caching: Q2 4 of 5 wrong → 5/7.
    let spots = weakSpots([t(1, 1, 1), t(2, 5, 4)], decks);
    expect(spots.map((s) => s.slug)).toEqual(['api-caching', 'stage-variables']);
    expect(spots[0]).toMatchObject({ name: 'API caching', answered: 5, wrong: 4 });
    // Three right answers on Q5 (api-caching and throttling): api-caching 4 of 8 → 5/10; throttling never missed.
    spots = weakSpots([t(1, 1, 1), t(2, 5, 4), t(5, 3, 0)], decks);
    expect(spots.map((s) => s.slug)).toEqual(['stage-variables', 'api-caching']);
  });

  it('keeps the top three and breaks ties by name', () => {
    const spots = weakSpots([t(1, 1, 1), t(2, 1, 1), t(3, 1, 1), t(5, 1, 1)], decks);
    // All at 2/3 with one miss, except API caching (Q2 and Q5: 2 of 2 → 3/4).
    expect(spots.map((s) => s.name)).toEqual(['API caching', 'Deployment', 'Stage variables']);
  });
});

describe.each(dbTargets)('weak spots in the bot on $name', (target) => {
  let db: TestDatabase;
  let now: Date;
  let store: QuizStore;
  let bot: Studybot;
  let chat: RecordingChat;
  let talk: Conversation;
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
  const deck = fixtureDeck();

  beforeAll(async () => {
    db = await openTestDatabase(target, 'learn_weak');
  });
  afterAll(() => db?.close());
  let content: OneQuestionContent;
  beforeEach(async () => {
    await db.reset();
    now = new Date('2026-03-02T09:00:00Z');
    chat = new RecordingChat('slack');
    store = createQuizStore(db.database);
    content = oneQuestionContent([deck]);
    bot = createStudybot({ store, decks: content.catalog, clock: { now: () => now }, countEditIntervalMs: 60_000, random: () => 0 });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, channel);
  });
  const answer = async (users: ReturnType<Conversation['user']>[], n: number, option: string) => {
    await content.only(String(n), () => talk.say(users[0]!, 'quiz'));
    for (const u of users) await talk.click(u, chat.lastPost(channel).ref, option);
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.closeDueRounds();
  };

  it('stats shows the caller three weakest concepts with an explain hint; admins also see the channel', async () => {
    const alice = talk.user('U1', 'alice');
    const bob = talk.user('U2', 'bob');
    const admin = talk.user('U9', 'ada', true);
    await answer([alice], 1, 'A'); // stage-variables ✗
    await answer([alice], 4, 'A'); // stage-variables ✗, deployment ✗
    await answer([alice], 3, 'B'); // deployment ✓
    await answer([alice, bob], 2, 'A'); // api-caching ✗ (both)
    await answer([alice, bob], 5, 'B'); // api-caching ✓, throttling ✓

    const mine = (await talk.say(alice, 'stats'))[0]!.view;
    const [own] = blocksOf(mine, 'list').slice(-1);
    expect(own!.items).toEqual([
      'Stage variables: 2 of 2 answers wrong. Try /apigw explain stage-variables',
      'API caching: 1 of 2 answers wrong. Try /apigw explain api-caching',
      'Deployment: 1 of 2 answers wrong. Try /apigw explain deployment',
    ]);
    expect(textOf(mine)).not.toContain("channel's weakest");

    const bobs = (await talk.say(bob, 'stats'))[0]!.view;
    expect(blocksOf(bobs, 'list').slice(-1)[0]!.items).toEqual(['API caching: 1 of 2 answers wrong. Try /apigw explain api-caching']);

    // Someone else's stats never show their weak spots.
    expect(textOf((await talk.say(bob, 'stats <@U1>'))[0]!.view)).not.toContain('weakest');

    const adminView = (await talk.say(admin, 'stats'))[0]!.view;
    expect(textOf(adminView)).toContain("This channel's weakest concepts (admins)");
    // Channel: api-caching 2/4 wrong → 3/6; stage-variables 2/2 → 3/4; deployment 1/2 → 2/4.
    expect(blocksOf(adminView, 'list').slice(-1)[0]!.items.map((s) => s.split(':')[0])).toEqual(['Stage variables', 'API caching', 'Deployment']);
  });

  it("an admin's stats @someone shows that person's weakest concepts, not the channel's", async () => {
    const alice = talk.user('U1', 'alice');
    const bob = talk.user('U2', 'bob');
    const admin = talk.user('U9', 'ada', true);
    await answer([alice], 1, 'A'); // stage-variables ✗ (alice only)
    await answer([alice, bob], 2, 'A'); // api-caching ✗ (both)
    const coached = (await talk.say(admin, 'stats <@U2>'))[0]!.view;
    expect(textOf(coached)).toContain('Weakest concepts of bob (admins)');
    expect(blocksOf(coached, 'list').slice(-1)[0]!.items).toEqual(['API caching: 1 of 1 answer wrong. Try /apigw explain api-caching']);
    expect(textOf(coached)).not.toContain("This channel's weakest");
    expect(textOf((await talk.say(bob, 'stats <@U1>'))[0]!.view)).not.toContain('weakest'); // non-admins: still none
  });

  it('the question of the day prefers unseen questions on the concepts the channel gets wrong', async () => {
    const alice = talk.user('U1', 'alice');
    const bob = talk.user('U2', 'bob');
    await answer([alice, bob], 1, 'A'); // stage-variables missed twice
    await answer([alice, bob], 2, 'B'); // api-caching right
    // Unseen: Q3 (deployment), Q4 (stage variables + deployment), Q5, Q6. Without the rule the
    // seeded random picks the first unseen (Q3).
    const daily = await bot.startRound({ channel, kind: 'daily', closesAt: new Date(now.getTime() + 8 * 3_600_000), dailyDate: '2026-03-02' });
    expect(daily.questionId).toBe(`${deck.id}:Q4`);

    // Nothing missed yet in another channel: the ordinary rule (first unseen with this random).
    const other = { ...channel, channel: 'C2' };
    const fresh = await bot.startRound({ channel: other, kind: 'daily', closesAt: new Date(now.getTime() + 8 * 3_600_000), dailyDate: '2026-03-02' });
    expect(fresh.questionId).toBe(`${deck.id}:Q1`);
  });
});
