import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDeck } from '../../src/content/index.js';

export const fixturesDir = fileURLToPath(new URL('../fixtures/decks/', import.meta.url));
export const fixturePath = (name: string): string => `test/fixtures/decks/${name}`;
export const readFixture = (name: string): string => readFileSync(new URL(`../fixtures/decks/${name}`, import.meta.url), 'utf8');
export const parseFixture = (name: string) => parseDeck(readFixture(name), fixturePath(name));

/** Findings as `line severity code` strings, easy to compare in full. */
export const findingLines = (findings: { line: number; severity: string; code?: string }[]): string[] =>
  findings.map((f) => `${f.line} ${f.severity} ${f.code ?? ''}`);
