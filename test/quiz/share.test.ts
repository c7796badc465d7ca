// "Share to channel" posts for everyone with the sharer's name, so it is bounded: one post per
// explain answer (the answer is replaced, its button gone), a concept at most once per channel
// every SHARE_COOLDOWN_MS whoever clicks, and SHARES_PER_HOUR shares per user and channel. Each
// refusal is a private message saying why and when. Real core on PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Concept, Deck } from '../../src/content/types.js';
import { createQuizStore, openDatabase, type Database } from '../../src/db/index.js';
import type { Reply } from '../../src/quiz/api.js';
import { SHARE_COOLDOWN_MS, SHARES_PER_HOUR } from '../../src/quiz/features/explain/share-limit.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { apiGatewayDeck } from '../support/decks.js';

const concept = (name: string): Concept => ({
  slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  name,
  text: `${name} explained.`,
  aliases: [],
  source: { path: 'content/api-gateway.md', line: 40 },
});

describe('Share to channel is bounded', () => {
  let database: Database;
  let now: Date;
  let talk: Conversation;
  let other: Conversation;
  const deck: Deck = { ...apiGatewayDeck(), concepts: ['Stage variables', 'Deployment', 'API caching', 'Usage plans', 'Authorizers', 'Throttling', 'Mapping templates'].map(concept) };

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  }, 60_000);
  afterAll(async () => database?.close());
  beforeEach(() => {
    now = new Date('2026-03-02T09:00:00Z');
    const chat = new RecordingChat('discord');
    const bot = createStudybot({ store: createQuizStore(database), decks: staticCatalog([deck]), clock: { now: () => now } });
    bot.attachChat(chat);
    talk = new Conversation(bot, chat, { platform: 'discord', workspace: '1', channel: '2' });
    other = new Conversation(bot, chat, { platform: 'discord', workspace: '1', channel: '3' });
  });

  const channelPosts = (replies: Reply[]) => replies.filter((r) => r.visibility === 'channel');
  /** What a private notice says, line by line (its blocks). */
  const said = (r: Reply) => r.view.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
  const explainAnswer = async (t: Conversation, user: ReturnType<Conversation['user']>, what: string) => (await t.say(user, `explain ${what}`))[0]!.view;

  it('one explain answer clicked 50 times posts once; the answer loses its button and each later click is told why', async () => {
    const mallory = talk.user('3', 'mallory');
    const answer = await explainAnswer(talk, mallory, 'stage variables');
    const first = await talk.click(mallory, answer, 'Share to channel');
    expect(first.map((r) => [r.visibility, !!r.replaceSource])).toEqual([
      ['channel', false],
      ['private', true],
    ]);
    expect(textOf(first[0]!.view)).toContain('shared by mallory');
    expect(said(first[1]!)).toBe('You shared Stage variables to the channel.');
    expect(first[1]!.view.actions ?? []).toEqual([]);

    let posts = 0;
    const refusals = new Set<string>();
    for (let i = 0; i < 49; i++) {
      const again = await talk.click(mallory, answer, 'Share to channel'); // a stale copy of the answer, button still there
      posts += channelPosts(again).length;
      expect(again).toHaveLength(1);
      expect(again[0]!.replaceSource).toBeUndefined();
      refusals.add(said(again[0]!));
    }
    expect(posts).toBe(0);
    expect([...refusals]).toEqual([
      'Stage variables was shared to this channel at 09:00 UTC, so I did not post it again.\nIt can be shared again from 09:10 UTC.',
    ]);
  });

  it('clicks arriving together post once', async () => {
    const alice = talk.user('4', 'alice');
    const answer = await explainAnswer(talk, alice, 'deployment');
    const all = await Promise.all(Array.from({ length: 10 }, () => talk.click(alice, answer, 'Share to channel')));
    expect(all.flatMap(channelPosts)).toHaveLength(1);
  });

  it('a concept goes to a channel once per cooldown whoever shares it, and again after it; other channels are separate', async () => {
    const alice = talk.user('4', 'alice');
    const bob = talk.user('5', 'bob');
    expect(channelPosts(await talk.click(alice, await explainAnswer(talk, alice, 'api caching'), 'Share to channel'))).toHaveLength(1);
    now = new Date(now.getTime() + 60_000);
    const byBob = await talk.click(bob, await explainAnswer(talk, bob, 'api caching'), 'Share to channel');
    expect(channelPosts(byBob)).toEqual([]);
    expect(textOf(byBob[0]!.view)).toContain('API caching was shared to this channel at 09:00 UTC');
    // Another channel, and another concept here, are not held back.
    expect(channelPosts(await other.click(bob, await explainAnswer(other, bob, 'api caching'), 'Share to channel'))).toHaveLength(1);
    expect(channelPosts(await talk.click(bob, await explainAnswer(talk, bob, 'usage plans'), 'Share to channel'))).toHaveLength(1);
    now = new Date(now.getTime() + SHARE_COOLDOWN_MS);
    const later = await talk.click(bob, await explainAnswer(talk, bob, 'api caching'), 'Share to channel');
    expect(channelPosts(later)).toHaveLength(1);
    expect(textOf(later[0]!.view)).toContain('shared by bob');
  });

  it(`one user shares at most ${SHARES_PER_HOUR} concepts per channel in an hour`, async () => {
    const carol = talk.user('6', 'carol');
    const names = deck.concepts.map((c) => c.name);
    for (const name of names.slice(0, SHARES_PER_HOUR)) {
      expect(channelPosts(await talk.click(carol, await explainAnswer(talk, carol, name), 'Share to channel'))).toHaveLength(1);
      now = new Date(now.getTime() + 60_000);
    }
    const refused = await talk.click(carol, await explainAnswer(talk, carol, names[SHARES_PER_HOUR]!), 'Share to channel');
    expect(channelPosts(refused)).toEqual([]);
    expect(said(refused[0]!)).toBe(
      `That is ${SHARES_PER_HOUR} shares from you in this channel within an hour, the most I take. Nothing was posted.\nYou can share again at 10:00 UTC.`,
    );
    // Someone else, or carol elsewhere, may still share.
    const dave = talk.user('7', 'dave');
    expect(channelPosts(await talk.click(dave, await explainAnswer(talk, dave, names[SHARES_PER_HOUR]!), 'Share to channel'))).toHaveLength(1);
    expect(channelPosts(await other.click(carol, await explainAnswer(other, carol, names[0]!), 'Share to channel'))).toHaveLength(1);
    // An hour after her first share, carol has room for one more.
    now = new Date('2026-03-02T10:00:00Z');
    expect(channelPosts(await talk.click(carol, await explainAnswer(talk, carol, names[SHARES_PER_HOUR + 1]!), 'Share to channel'))).toHaveLength(1);
  });
});
