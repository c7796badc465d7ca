// npm run slack:manifest [-- --url https://bot.example.com/slack/events] [--socket] [--name studybot] [--content content]
// Prints the Slack app manifest (JSON, which Slack's "create from manifest" accepts) for the decks
// in the content folder: one slash command per deck.

import { parseArgs } from 'node:util';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { StudybotError } from '../../src/errors.js';
import { createStudybot, type QuizStore } from '../../src/quiz/index.js';
import { buildManifest } from './manifest.js';

/** The command specs come from the core (commands() reads only the decks): no database is opened. */
const noDatabase = new Proxy({} as QuizStore, {
  get() {
    throw new StudybotError('internal', 'slack:manifest reads deck commands only; it has no database');
  },
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      socket: { type: 'boolean', default: false },
      name: { type: 'string' },
      content: { type: 'string', default: process.env.STUDYBOT_CONTENT ?? 'content' },
    },
  });
  const decks = await DeckLibrary.load(values.content!);
  const commands = createStudybot({ store: noDatabase, decks, explain }).commands();
  if (commands.length === 0) {
    process.stderr.write(`no decks found in ${values.content}: nothing to register\n`);
    process.exitCode = 1;
    return;
  }
  const manifest = buildManifest({
    commands,
    ...(values.url ? { requestUrl: values.url } : {}),
    ...(values.name ? { appName: values.name } : {}),
    socketMode: values.socket,
  });
  process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`slack:manifest failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
