// Reading decks from files and folders, and the checks that span decks.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import pLimit from 'p-limit';
import type { Deck, Finding, ParseResult } from './types.js';
import { parseDeck } from './parse.js';

const NOTE_EXTENSIONS = new Set(['.md', '.markdown']);

/** Hugo section pages (`_index.md`), hidden files and READMEs in a folder are not decks. */
const isDeckFileName = (name: string): boolean =>
  NOTE_EXTENSIONS.has(extname(name).toLowerCase()) && !/^[_.]/.test(name) && !/^readme\.(md|markdown)$/i.test(name);

export interface FileListing {
  files: string[];
  findings: Finding[];
}

/** Markdown files under the given files/folders (folders searched recursively), sorted, without repeats. */
export async function listNoteFiles(paths: string[]): Promise<FileListing> {
  const files = new Set<string>();
  const findings: Finding[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, e.name);
      if (e.isDirectory() && !/^[_.]/.test(e.name) && e.name !== 'node_modules') await walk(full);
      else if (e.isFile() && isDeckFileName(e.name)) files.add(full);
    }
  }
  for (const p of paths) {
    try {
      const s = await stat(p);
      if (s.isDirectory()) await walk(p);
      else files.add(p);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(err);
      findings.push({ path: p, line: 1, severity: 'error', message: reason, code: 'unreadable' });
    }
  }
  return { files: [...files].sort(), findings };
}

/** Reading is bounded so a large content folder never runs out of file handles. */
const READ_CONCURRENCY = 16;

/** Last parse per path, reused while the file's text is unchanged (a watcher reloads everything on each save). */
export type ParseCache = Map<string, { source: string; result: ParseResult }>;

export function parseFiles(paths: string[], cache?: ParseCache): Promise<ParseResult[]> {
  const limit = pLimit(READ_CONCURRENCY);
  return Promise.all(paths.map((p) => limit(() => parseFile(p, cache))));
}

export async function parseFile(path: string, cache?: ParseCache): Promise<ParseResult> {
  try {
    const source = await readFile(path, 'utf8');
    const hit = cache?.get(path);
    if (hit && hit.source === source) return hit.result;
    const result = parseDeck(source, path);
    cache?.set(path, { source, result });
    return result;
  } catch (err) {
    cache?.delete(path);
    const id = relative('.', path);
    return {
      deck: { id, path, title: id, description: '', command: '', meta: {}, concepts: [], questions: [] },
      findings: [{ path, line: 1, severity: 'error', message: `cannot read: ${String(err)}`, code: 'unreadable' }],
    };
  }
}

const hashOf = (questionId: string): string => questionId.slice(questionId.lastIndexOf(':') + 1);

/**
 * Checks across decks, in order: a repeated deck id or command drops the later deck (error);
 * a question already in an earlier deck is served once, from the earlier deck (warning).
 */
export function combineDecks(decks: Deck[]): { decks: Deck[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const out: Deck[] = [];
  const ids = new Map<string, Deck>();
  const commands = new Map<string, Deck>();
  const seen = new Map<string, { deck: Deck; number: string; line: number }>();
  for (const deck of decks) {
    const sameId = ids.get(deck.id);
    if (sameId) {
      findings.push({ path: deck.path, line: 1, severity: 'error', message: `deck id "${deck.id}" is already used by ${sameId.path}; deck skipped`, code: 'duplicate-deck' });
      continue;
    }
    const sameCommand = commands.get(deck.command);
    if (sameCommand) {
      findings.push({ path: deck.path, line: 1, severity: 'error', message: `command "${deck.command}" is already used by ${sameCommand.path}; set a different \`command:\` in the front matter; deck skipped`, code: 'duplicate-command' });
      continue;
    }
    ids.set(deck.id, deck);
    commands.set(deck.command, deck);
    const questions = deck.questions.filter((q) => {
      const first = seen.get(hashOf(q.id));
      if (first && first.deck !== deck) {
        findings.push({
          path: deck.path,
          line: q.source.line,
          severity: 'warning',
          message: `${q.number}: same question as ${first.deck.id} ${first.number} (${first.deck.path}:${first.line}); serving that copy`,
          code: 'duplicate',
        });
        return false;
      }
      seen.set(hashOf(q.id), { deck, number: q.number, line: q.source.line });
      return true;
    });
    out.push(questions.length === deck.questions.length ? deck : { ...deck, questions });
  }
  return { decks: out, findings };
}

/** Parses every note under `paths` (files or folders) and checks them together. */
export async function loadDecks(paths: string[]): Promise<{ decks: Deck[]; findings: Finding[] }> {
  const listing = await listNoteFiles(paths);
  const results = await parseFiles(listing.files);
  const combined = combineDecks(results.map((r) => r.deck));
  const findings = [...listing.findings, ...results.flatMap((r) => r.findings), ...combined.findings];
  return { decks: combined.decks, findings: sortFindings(findings) };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}
