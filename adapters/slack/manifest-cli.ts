// npm run slack:manifest [-- --url https://bot.example.com/slack/events] [--socket] [--name studybot] [--content content]
// Prints the Slack app manifest (JSON, which Slack's "create from manifest" accepts) for the decks
// in the content folder: one slash command per deck.

import { parseArgs } from 'node:util';
import { buildManifest, type ManifestOptions } from './manifest.js';

// What every deck command offers (shown as Slack's usage hint); the core answers `help` in full.
const DECK_SUBCOMMANDS: ManifestOptions['commands'][number]['subcommands'] = [
  { name: 'explain', description: 'Explain a concept', options: [{ name: 'concept', description: 'Concept', required: false }] },
  { name: 'quiz', description: 'Post a question to the channel', options: [] },
  { name: 'practice', description: 'A private question', options: [] },
  { name: 'leaderboard', description: 'Channel board', options: [{ name: 'week|month|all', description: 'Period', required: false }] },
  { name: 'stats', description: 'Personal stats', options: [{ name: '@user', description: 'User', required: false }] },
  { name: 'schedule', description: 'Question of the day', options: [{ name: 'HH:MM tz weekdays|off', description: 'When', required: false }] },
  { name: 'help', description: 'Help', options: [] },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      socket: { type: 'boolean', default: false },
      name: { type: 'string' },
      content: { type: 'string', default: process.env.STUDYBOT_CONTENT ?? 'content' },
    },
  });
  const { loadDecks } = await import('../../src/content/index.js');
  const { decks, findings } = await loadDecks([values.content!]);
  for (const f of findings.filter((f) => f.severity === 'error')) {
    process.stderr.write(`${f.path}:${f.line}: ${f.severity}: ${f.message}\n`);
  }
  if (decks.length === 0) {
    process.stderr.write(`no decks found in ${values.content}: nothing to register\n`);
    process.exitCode = 1;
    return;
  }
  const manifest = buildManifest({
    commands: decks.map((d) => ({
      name: d.command,
      description: `${d.title}: quiz, practice, explain, leaderboard`,
      subcommands: DECK_SUBCOMMANDS,
    })),
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
