// STUDYBOT_SINGLE_COMMAND on Slack: the config value, then the real Bolt app (signed HTTP requests)
// on the real core (PGlite, decks loaded from a folder with a flashcard deck, a quiz deck and a file
// that is no deck) against the fake Slack API: `/study <deck> …` reaches the deck, the deck commands
// still work, a failed deck answers with its load reason, and a flashcard session works by clicks.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactCommands } from '../../adapters/slack/commands.js';
import { loadConfig } from '../../src/config.js';
import { DeckLibrary } from '../../src/content/index.js';
import { createQuizStore, openDatabase, type Database } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { FakeSlackApi } from '../fakes/slack-api.js';
import type { SlackBlock } from '../support/slack-client.js';
import { buttonsOf, startSlackHarness, textOf, type SlackHarness } from '../support/slack-harness.js';

const log = pino({ level: 'silent' });
const SLACK_ENV = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };

describe('STUDYBOT_SINGLE_COMMAND', () => {
  it('is read into the Slack config, without its slash and lower-cased', () => {
    expect(loadConfig(SLACK_ENV).slack?.singleCommand).toBeUndefined();
    expect(loadConfig({ ...SLACK_ENV, STUDYBOT_SINGLE_COMMAND: '' }).slack?.singleCommand).toBeUndefined();
    expect(loadConfig({ ...SLACK_ENV, STUDYBOT_SINGLE_COMMAND: '/Study' }).slack?.singleCommand).toBe('study');
  });

  it.each(['two words', 'x'.repeat(33), 'stüdy', '/'])('refuses %j with a clear message', (value) => {
    expect(() => loadConfig({ ...SLACK_ENV, STUDYBOT_SINGLE_COMMAND: value })).toThrow(/STUDYBOT_SINGLE_COMMAND must be a slash command name/);
  });
});

describe('one command listener for every deck', () => {
  it('matches exactly the names given, as a listener per name would', () => {
    const pattern = exactCommands(['apigw', 'study', 'a.b', 'x+y']);
    for (const name of ['/apigw', '/study', '/a.b', '/x+y']) expect(pattern.test(name)).toBe(true);
    for (const name of ['/apigw2', '/xapigw', 'apigw', '/APIGW', '/axb', '/xxy', '/apigw study', '/']) expect(pattern.test(name)).toBe(false);
  });
});

describe('the Slack adapter serves the single command on the real core', () => {
  let dir: string;
  let decks: DeckLibrary;
  let database: Database;
  let h: SlackHarness;
  let fake: FakeSlackApi;
  const alice = { id: 'UALICE', name: 'alice' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studybot-single-'));
    copyFileSync('test/fixtures/dialects/flashcards-only.md', join(dir, 'flashcards-only.md'));
    copyFileSync('test/fixtures/dialects/answer-lines.md', join(dir, 'answer-lines.md'));
    copyFileSync('test/fixtures/imports/meeting-notes.txt', join(dir, 'meeting-notes.txt'));
    decks = await DeckLibrary.load(dir, { parseIn: 'inline', log });
    database = await openDatabase({ dataDir: 'memory://', log });
    const now = new Date('2026-11-26T10:00:00Z');
    const bot = createStudybot({ store: createQuizStore(database), decks, clock: { now: () => now }, random: () => 0, log });
    // The adapter runs on the config as read from the environment (Web API retries as configured there).
    const config = loadConfig({ ...SLACK_ENV, STUDYBOT_SINGLE_COMMAND: 'study' }).slack!;
    h = await startSlackHarness({ bot, signingSecret: 'single-command-secret', users: [alice], config: { retryConfig: undefined, ...config }, log });
    fake = h.fake;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await database?.close();
    decks?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const command = (command: string, text: string) => h.command({ command, text, user: alice, channelId: 'C1' });

  const click = async (message: { blocks: SlackBlock[] }, button: string) =>
    (await h.click({ user: alice, channelId: 'C1', message: { ...message, ephemeral: true }, button })).replies;

  it('/study <deck> <subcommand> reaches that deck; the deck commands still work', async () => {
    const viaSingle = await command('/study', 'answer-lines quiz');
    expect(viaSingle.map((c) => c.body.text)).toEqual([expect.stringMatching(/^Posted Databases Q1\./)]);
    const posted = fake.calls('chat.postMessage').filter((c) => c.response?.ok);
    expect(posted).toHaveLength(1);
    expect(textOf(posted[0]!.body.blocks)).toContain('Which engine can a managed database service run for you?');
    const direct = await command('/answer-lines', 'help');
    expect(textOf(direct[0]!.body.blocks)).toMatch(/explain/);
  });

  it('a deck that failed to load answers with its reason through the single command; unknown names get the deck list', async () => {
    const failed = await command('/study', 'meeting-notes practice');
    expect(failed[0]!.body.text).toMatch(/^The deck behind \/meeting-notes did not load: meeting-notes\.txt:1: error: not a deck: .*An admin can run npm run content:check\.$/);
    const unknown = await command('/study', 'nosuchdeck quiz');
    expect(textOf(unknown[0]!.body.blocks)).toMatch(/\/nosuchdeck is not one of my decks[\s\S]*answer-lines, flashcards-only/);
  });

  it('a flashcard session by clicks: Show answer, then a rating and the next card', async () => {
    const card = await command('/study', 'flashcards-only practice');
    expect(card[0]!.body.response_type).toBe('ephemeral');
    const cardBlocks = card[0]!.body.blocks as SlackBlock[];
    expect(buttonsOf(cardBlocks)).toEqual(['Show answer', 'Report a problem']);
    const shown = await click({ blocks: cardBlocks }, 'Show answer');
    expect(shown[0]!.body.replace_original).toBe(true);
    const shownBlocks = shown[0]!.body.blocks as SlackBlock[];
    expect(textOf(shownBlocks)).toMatch(/Answer: /);
    expect(buttonsOf(shownBlocks)).toEqual(['Again', 'Hard', 'Good', 'Easy', 'Report a problem']);
    const rated = await click({ blocks: shownBlocks }, 'Good');
    expect(textOf(rated[0]!.body.blocks)).toMatch(/Rated Good/);
    expect(buttonsOf(rated.at(-1)!.body.blocks as SlackBlock[])).toContain('Show answer');
  });
});
