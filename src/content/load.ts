// Reading decks from files and folders, and the checks that span decks.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import pLimit from 'p-limit';
import type { Deck, Finding, ParseResult } from './types.js';
import { failedResult, IMPORT_EXTENSIONS, MARKDOWN_EXTENSIONS, maxBytesOf, parseSource, readsBytes, tooLargeFile } from './import/index.js';
import { DEFAULT_LIMITS, INTAKE_FATAL_CODES, type IntakeLimits } from './limits/index.js';
import { unreadFormat } from './unread-formats.js';
import { isBroken, isDraft } from './parse.js';

const DECK_EXTENSIONS = new Set([...MARKDOWN_EXTENSIONS, ...IMPORT_EXTENSIONS]);

/**
 * Notes (.md, .markdown), imports (.csv, .tsv, .txt, .gift, .json, .xml, .xlsx) and Anki packages (.apkg, .colpkg) are
 * decks (.xls and .ods files are listed so that they are reported; documents the loader cannot read, such as .docx
 * or .pdf, get a warning saying how to convert them). Hugo section pages (`_index.md`) and hidden files
 * are not; an import that turns out not to be a deck is reported when parsed. A README.md is a deck (named
 * after its folder) only when it holds questions: the public question banks are READMEs, while most READMEs
 * in a notes folder just describe it.
 */
const isDeckFileName = (name: string): boolean => DECK_EXTENSIONS.has(extname(name).toLowerCase()) && !/^[_.]/.test(name);

export const isReadme = (path: string): boolean => /^readme\.(md|markdown)$/i.test(basename(path));

/** Drops the READMEs in which no layout found questions (documentation, not a deck), keeping files and results aligned. */
export function withoutPlainReadmes(files: string[], results: ParseResult[]): { files: string[]; results: ParseResult[] } {
  const keep = results.map((r, i) => !(isReadme(files[i] as string) && r.findings.some((f) => f.code === 'no-questions')));
  return { files: files.filter((_, i) => keep[i]), results: results.filter((_, i) => keep[i]) };
}

export interface FileListing {
  files: string[];
  findings: Finding[];
}

/** Deck files under the given files/folders (folders searched recursively), sorted, without repeats. */
export async function listNoteFiles(paths: string[]): Promise<FileListing> {
  const files = new Set<string>();
  const findings: Finding[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, e.name);
      if (e.isDirectory() && !/^[_.]/.test(e.name) && e.name !== 'node_modules') await walk(full);
      else if (e.isFile() && isDeckFileName(e.name)) files.add(full);
      else if (e.isFile()) {
        const unread = unreadFormat(full);
        if (unread) findings.push(unread);
      }
    }
  }
  for (const p of paths) {
    try {
      const s = await stat(p);
      const unread = s.isDirectory() ? undefined : unreadFormat(p);
      if (s.isDirectory()) await walk(p);
      else if (unread) findings.push(unread);
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

/**
 * Last parse per path, reused while the file is unchanged (a watcher reloads everything on each save): `key` is
 * a text file's text, a workbook's SHA-256 (its bytes go to the parse worker, transferred, not kept).
 */
export type ParseCache = Map<string, { key: string; result: ParseResult }>;

/**
 * Turns one file's text, or a workbook's bytes (`readsBytes`), into a deck: inline (`parseSource`) or in a worker
 * (`ParseWorker.parse`, which takes the bytes over).
 */
export type SourceParser = (source: string | Uint8Array, path: string) => ParseResult | Promise<ParseResult>;

export interface ParseOptions {
  cache?: ParseCache;
  parser?: SourceParser;
  limits?: IntakeLimits;
}

export function parseFiles(paths: string[], opts: ParseCache | ParseOptions = {}): Promise<ParseResult[]> {
  const options: ParseOptions = opts instanceof Map ? { cache: opts } : opts;
  const limit = pLimit(READ_CONCURRENCY);
  return Promise.all(paths.map((p) => limit(() => parseFile(p, options))));
}

export async function parseFile(path: string, opts: ParseCache | ParseOptions = {}): Promise<ParseResult> {
  const { cache, parser, limits = DEFAULT_LIMITS }: ParseOptions = opts instanceof Map ? { cache: opts } : opts;
  try {
    // A file over the size limit is never read into memory.
    const { size } = await stat(path);
    if (size > maxBytesOf(path, limits)) {
      cache?.delete(path);
      return failedResult(path, tooLargeFile(path, size, limits));
    }
    const source = readsBytes(path) ? await readFile(path) : await readFile(path, 'utf8');
    const key = typeof source === 'string' ? source : `sha256:${createHash('sha256').update(source).digest('hex')}`;
    const hit = cache?.get(path);
    if (hit && hit.key === key) return hit.result;
    const result = await (parser ?? ((s: string | Uint8Array, p: string) => parseSource(s, p, limits)))(source, path);
    cache?.set(path, { key, result });
    return result;
  } catch (err) {
    cache?.delete(path);
    return failedResult(path, { path, line: 1, severity: 'error', message: `cannot read: ${String(err)}`, code: 'unreadable' });
  }
}

const hashOf = (questionId: string): string => questionId.slice(questionId.lastIndexOf(':') + 1);

interface Copy {
  deck: Deck;
  number: string;
  line: number;
}

/**
 * Checks across decks, in order: a repeated deck id or command drops the later deck (error);
 * a question that is also in another deck (a copied note, a CRLF or BOM variant) stays in every deck
 * it is in, and is reported once, at its second copy (warning).
 */
export function combineDecks(decks: Deck[]): { decks: Deck[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const out: Deck[] = [];
  const ids = new Map<string, Deck>();
  const commands = new Map<string, Deck>();
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
    out.push(deck);
  }
  const copies = new Map<string, Copy[]>();
  for (const deck of out) {
    for (const q of deck.questions) {
      const list = copies.get(hashOf(q.id)) ?? [];
      if (!list.some((c) => c.deck === deck)) list.push({ deck, number: q.number, line: q.source.line });
      copies.set(hashOf(q.id), list);
    }
  }
  for (const list of copies.values()) {
    const [first, second, ...more] = list;
    if (!first || !second) continue;
    const others = more.length ? ` and ${more.map((c) => `${c.deck.id} ${c.number}`).join(', ')}` : '';
    findings.push({
      path: second.deck.path,
      line: second.line,
      severity: 'warning',
      message: `${second.number}: same question as ${first.deck.id} ${first.number} (${first.deck.path}:${first.line})${others}; served in each deck`,
      code: 'duplicate',
    });
  }
  return { decks: out, findings };
}

/** True when a parsed file cannot be served (the library keeps its last good version, if any). */
export const cannotServe = (result: ParseResult): boolean => isBroken(result) || notRead(result);

/** A JSON or XML file that does not parse (or an XML file in an encoding not read) gave nothing: not served, like a file over a limit. */
const NOT_READ_CODES = new Set([...INTAKE_FATAL_CODES, 'json-syntax', 'xml-syntax', 'xml-encoding']);

/** An .xml file that is not a question bank (a pom.xml, a diagram) is only a warning, and holds no deck either. */
const notRead = (result: ParseResult): boolean =>
  result.findings.some((f) => f.code !== undefined && (f.severity === 'error' ? NOT_READ_CODES.has(f.code) : f.code === 'not-a-deck'));

/** What `content:check` tells about one file. */
export interface FileReport {
  path: string;
  deckId: string;
  /** The layout recognised ("markdown note", "csv questions", "anki notes", …); absent when unreadable. */
  dialect?: string;
  questions: number;
  scored: number;
  flashcards: number;
  concepts: number;
  errors: number;
  warnings: number;
  /** False when the bot would not serve this file (broken, draft, or a repeated id/command). */
  served: boolean;
}

export interface LoadedContent {
  decks: Deck[];
  findings: Finding[];
  files: FileReport[];
}

/** Parses every deck file under `paths` (files or folders), checks them together and reports per file. */
export async function loadContent(paths: string[], opts: ParseOptions = {}): Promise<LoadedContent> {
  const listing = await listNoteFiles(paths);
  const { results } = withoutPlainReadmes(listing.files, await parseFiles(listing.files, opts));
  // Files that were not read at all (limits, not a deck) hold no deck that could take another's id or command.
  const combined = combineDecks(results.filter((r) => !notRead(r)).map((r) => r.deck));
  const findings = sortFindings([...listing.findings, ...results.flatMap((r) => r.findings), ...combined.findings]);
  const kept = new Set(combined.decks);
  const files = results.map((r): FileReport => {
    const qs = r.deck.questions;
    const mine = findings.filter((f) => f.path === r.deck.path);
    return {
      path: r.deck.path,
      deckId: r.deck.id,
      ...(r.dialect ? { dialect: r.dialect } : {}),
      questions: qs.length,
      scored: qs.filter((q) => q.scored).length,
      flashcards: qs.filter((q) => q.kind === 'flashcard').length,
      concepts: r.deck.concepts.length,
      errors: mine.filter((f) => f.severity === 'error').length,
      warnings: mine.filter((f) => f.severity === 'warning').length,
      served: kept.has(r.deck) && !cannotServe(r) && !isDraft(r.deck.meta),
    };
  });
  return { decks: combined.decks, findings, files };
}

/** Parses every note under `paths` (files or folders) and checks them together. */
export async function loadDecks(paths: string[]): Promise<{ decks: Deck[]; findings: Finding[] }> {
  const { decks, findings } = await loadContent(paths);
  return { decks, findings };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}
