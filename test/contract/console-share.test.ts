// The console and the "Share to channel" button: typed answers go to answer controls only. A letter
// typed while an explain answer is the newest message still answers the open question (or gets a
// hint); the share is taken only when its whole label is typed. Real core on PGlite.

import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../adapters/console/index.js';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore, openDatabase, rowsOf, sql, type Database } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';

const log = pino({ level: 'silent' });

describe('console: the share button is never taken for a typed answer', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://', log });
  }, 60_000);
  afterAll(async () => database?.close());

  async function converse(lines: string[], channel: string, isAdmin = false) {
    const decks = await DeckLibrary.load('content', { log });
    const bot = createStudybot({ store: createQuizStore(database), decks, explain, log });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const user = { platform: 'console' as const, workspace: 'local', id: 'pat', name: 'Pat', isAdmin };
    const done = runConsole({ bot, input, output, interactive: false, user, channel: { platform: 'console', workspace: 'local', channel } });
    input.end(lines.map((l) => `${l}\n`).join(''));
    await done;
    const answers = rowsOf<{ choice: string[] }>(
      await database.db.execute(sql`select choice from answers where channel_key = ${`console:local:${channel}`}`),
    );
    return { printed, answers };
  }

  it('with no question open, a letter shares nothing and gets a hint; the label shares', async () => {
    const { printed, answers } = await converse(['/apigw explain stage-variables', 'a', 'b', 'share to channel'], 'c1');
    expect(printed).toContain('[Share to channel]');
    expect(printed).toContain('"a" is not a command');
    expect(printed).toContain('"b" is not a command');
    expect(printed.match(/shared by Pat/g)).toHaveLength(1);
    expect(answers).toEqual([]);
  });

  it('with a question open, a letter typed after an explain answers the question', async () => {
    const { printed, answers } = await converse(['/apigw quiz 1', '/apigw explain stage-variables', 'b'], 'c2', true); // an admin's preview of Q1
    expect(printed).toContain('Correct!');
    expect(printed).not.toContain('shared by');
    expect(answers.map((a) => a.choice)).toEqual([['B']]);
  });
});
