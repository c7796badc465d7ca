import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDeck } from '../../src/content/index.js';
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
