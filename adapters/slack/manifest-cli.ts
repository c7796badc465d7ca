// npm run slack:manifest [-- --url https://bot.example.com/slack/events] [--socket] [--name studybot]
//                        [--content <folder>] [--single-command study]
// Prints the Slack app manifest (JSON, which Slack's "create from manifest" accepts) for the decks
// in the content folder (--content, else CONTENT_DIR, else ./content, like the bot): one slash
// command per deck, or one `/study <deck> …` with --single-command. A manifest Slack would refuse
// (more than 50 commands, a command over 32 characters or one of Slack's own, a name over 35) is
// not printed: the problems go to stderr and the exit status is 1.

import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DeckLibrary, explain, formatFinding } from '../../src/content/index.js';
import { checkPlatformLimits, slackManifestProblems } from '../../src/content/platform-limits.js';
import { StudybotError } from '../../src/errors.js';
import { createStudybot, type QuizStore } from '../../src/quiz/index.js';
import { buildManifest } from './manifest.js';

/** The command specs come from the core (commands() reads only the decks): no database is opened. */
const noDatabase = new Proxy({} as QuizStore, {
  get() {
    throw new StudybotError('internal', 'slack:manifest reads deck commands only; it has no database');
  },
});

export interface ManifestCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** Runs the CLI; returns the exit status. */
export async function runManifestCli(argv: string[], io: ManifestCliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      socket: { type: 'boolean', default: false },
      name: { type: 'string' },
      content: { type: 'string' },
      'single-command': { type: 'string' },
    },
  });
  const contentDir = values.content ?? (io.env.CONTENT_DIR || './content');
  const singleCommand = values['single-command'];
  const library = await DeckLibrary.load(contentDir);
  const commands = createStudybot({ store: noDatabase, decks: library, explain }).commands();
  if (commands.length === 0) {
    io.err(`no decks found in ${contentDir}: nothing to register`);
    return 1;
  }
  const manifest = buildManifest({
    commands,
    ...(values.url ? { requestUrl: values.url } : {}),
    ...(values.name !== undefined ? { appName: values.name } : {}),
    ...(singleCommand !== undefined ? { singleCommand } : {}),
    socketMode: values.socket,
  });
  const limits = checkPlatformLimits(library.decks(), { platforms: ['slack'], ...(singleCommand !== undefined ? { singleCommand } : {}) });
  const problems = [...limits.map(formatFinding), ...slackManifestProblems(manifest).map((p) => `manifest: ${p}`)];
  if (problems.length) {
    for (const p of problems) io.err(p);
    io.err(`slack:manifest: Slack would refuse this manifest (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing printed`);
    return 1;
  }
  io.out(JSON.stringify(manifest, null, 2));
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runManifestCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`slack:manifest failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
