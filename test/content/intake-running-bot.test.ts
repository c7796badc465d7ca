// A running bot (real core, PGlite, recorder chat) whose watched content folder receives hostile notes
// while commands are served (issue 17 items 5 and 6): the deck's own file becomes a YAML alias bomb and a
// note that marked never finishes (limits switched off so it really reaches the parser) is added.
// Replies keep coming while the worker is busy, the findings say why, the last good version keeps serving.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary, explain, type Finding } from '../../src/content/index.js';
import { createQuizStore, openDatabase, type Database } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';

const log = pino({ level: 'silent' });
const nestedList = (levels: number) =>
  `---\ntitle: Nested\n---\n\n## Notes\n\n${Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n`;

describe('a running bot while hostile notes are saved into its content folder', () => {
  let dir: string;
  let database: Database;
  let lib: DeckLibrary;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studybot-running-'));
    await copyFile('content/api-gateway.md', join(dir, 'api-gateway.md'));
    database = await openDatabase({ dataDir: 'memory://', log });
  }, 60_000);
  afterAll(async () => {
    lib?.close();
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps answering, reports each bad file and serves the last good deck', async () => {
    lib = await DeckLibrary.load(dir, { log, limits: { maxNesting: Number.POSITIVE_INFINITY }, fileTimeoutMs: 3_000 });
    const good = lib.byCommand('apigw')!;
    expect(good.questions.length).toBeGreaterThan(0);
    const chat = new RecordingChat('slack', { withPrivate: true });
    const bot = createStudybot({ store: createQuizStore(database), decks: lib, explain, log });
    bot.attachChat(chat);
    const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
    const talk = new Conversation(bot, chat, channel, 'apigw');
    const pat = talk.user('U1', 'Pat');
    expect(textOf((await talk.say(pat, 'explain stage-variables'))[0]!.view)).toMatch(/stage variables/i);

    const seen: Finding[] = [];
    await lib.watch({ debounceMs: 20, onReload: (findings) => seen.push(...findings) });
    await writeFile(join(dir, 'api-gateway.md'), await readFile('test/fixtures/hostile/alias-bomb.md', 'utf8'));
    await writeFile(join(dir, 'nested.md'), nestedList(1000));

    const done = () =>
      seen.some((f) => f.code === 'parse-timeout' && f.path.endsWith('nested.md')) &&
      seen.some((f) => f.code === 'frontmatter' && f.path.endsWith('api-gateway.md'));
    const replies: string[] = [];
    for (let i = 0; i < 600 && !done(); i++) {
      const reply = await talk.say(pat, 'explain stage-variables');
      replies.push(textOf(reply[0]!.view));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(done(), 'the reload reported both files').toBe(true);
    // Commands were answered while the worker was stuck on nested.md (about 3 s): many replies, all real.
    expect(replies.length).toBeGreaterThan(5);
    for (const text of replies) expect(text).toMatch(/stage variables/i);

    expect(seen.filter((f) => f.path.endsWith('api-gateway.md')).map((f) => f.code)).toEqual(expect.arrayContaining(['kept-last-good', 'frontmatter']));
    expect(lib.byCommand('apigw')).toBe(good);
    await talk.say(talk.user('U9', 'Author', true), 'quiz 1'); // an admin's preview of the kept Q1
    expect(textOf(chat.lastPost(channel).view)).toContain(good.questions[0]!.prompt.slice(0, 30));
  }, 90_000);
});
