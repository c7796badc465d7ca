import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { renderView as renderSlack } from '../../adapters/slack/render.js';
import { DeckLibrary, parseDeck, type Deck, type Question } from '../../src/content/index.js';
import { snapshotOf } from '../../src/quiz/decks.js';
import { questionView } from '../../src/quiz/render.js';
import { openQuizRound } from '../support/rounds.js';
import { parseContent } from '../../src/content/import/index.js';

export const fixturesDir = fileURLToPath(new URL('../fixtures/decks/', import.meta.url));
export const fixturePath = (name: string): string => `test/fixtures/decks/${name}`;
export const readFixture = (name: string): string => readFileSync(new URL(`../fixtures/decks/${name}`, import.meta.url), 'utf8');
export const parseFixture = (name: string) => parseDeck(readFixture(name), fixturePath(name));

/** Findings as `line severity code` strings, easy to compare in full. */
export const findingLines = (findings: { line: number; severity: string; code?: string }[]): string[] =>
  findings.map((f) => `${f.line} ${f.severity} ${f.code ?? ''}`);

/** A markdown note written line by line in the test, parsed as the file `path`. */
export const parseNoteLines = (path: string, lines: string[]) => parseDeck(lines.join('\n'), path);

/** Any source the intake reads (CSV, Anki text, markdown) written line by line, parsed as the file `path`. */
export const parseSourceLines = (path: string, lines: string[]) => parseContent(lines.join('\n'), path);

/** A question of `deck` as the Slack message that posts it (its JSON): what users of the imported deck would see. */
export function slackQuestionJson(deck: Deck, question: Question): string {
  const round = openQuizRound(snapshotOf(deck, question), { id: '1', channelKey: 'slack:T1:C1' });
  return JSON.stringify(renderSlack(questionView(round, { answered: 0, tz: 'UTC', now: new Date(0) })));
}

/** The deck library over a new folder holding `files` (name → content), as a team drops files into content/. */
export async function libraryWith(files: Record<string, string | Buffer>): Promise<DeckLibrary> {
  const folder = mkdtempSync(join(tmpdir(), 'intake-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return DeckLibrary.load(folder, { log: pino({ level: 'silent' }) });
}
