// One markdown study note -> one Deck plus lint findings. Never throws on any input.
import { basename, dirname, extname, resolve } from 'node:path';
import type { Tokens } from 'marked';
import type { Deck, Finding, ParseResult } from './types.js';
import { readFrontMatter } from './frontmatter.js';
import { beginNote, lexBlocks } from './lexer.js';
import { headingText, LineMap, locateTopLevel, type Located } from './markdown.js';
import { aboutConcept, extractConcepts } from './concepts.js';
import { extractQuestions } from './questions.js';
import { NO_DIALECT_MESSAGE } from './dialects/detect.js';
import { unreadQuestions } from './dialects/unread.js';
import { setImageBase } from './markdown/images.js';
import { dropReferenceMarkers, withoutOpeningMarkers } from './markdown/reference-markers.js';
import { withPlainOptionLabels, withoutLabelUnderlines, withStatementsAsText } from './markdown/bold-labels.js';
import { titleCountFinding } from './markdown/summary-details.js';
import { withQuizCallouts } from './markdown/quiz-callouts.js';
import { writeCodeMarks } from './code-spans.js';
import { cleanSource, tidy, withCommonEntities } from './text.js';
import { decodeShownEntities } from './markdown/shown-entities.js';
import { readFlashcardNotes, withFlashcardNotes } from './flashcard-notes/index.js';

export const COMMAND_PATTERN = /^[a-z0-9-]{1,32}$/;

/** The file name without extension; a README's deck is named after its folder (`aws-dva/README.md` → `aws-dva`). */
export function deckIdFromPath(path: string): string {
  const name = basename(path, extname(path));
  if (!/^readme$/i.test(name)) return name;
  return basename(dirname(resolve(path))) || name;
}

/** Front matter `command`, else the id lowercased with anything outside [a-z0-9-] removed, max 32 chars. */
export function commandFor(id: string, fromMeta?: unknown): string {
  if (typeof fromMeta === 'string' && fromMeta.trim()) return deriveCommand(fromMeta.replace(/^\//, ''));
  return deriveCommand(id);
}

const deriveCommand = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '')
    .slice(0, 32);

const asText = (value: unknown): string =>
  typeof value === 'string' ? tidy(value) : typeof value === 'number' ? String(value) : '';

/** Codes of findings that make a deck unusable (a library keeps serving its last good version). */
export const FATAL_CODES = new Set(['frontmatter', 'no-questions', 'no-scored-questions', 'internal', 'unreadable']);

export function parseDeck(source: string, path: string): ParseResult {
  const id = deckIdFromPath(path);
  try {
    const text = typeof source === 'string' ? source : String(source ?? '');
    return withCommonEntities(() => parseUnsafe(text, path, id));
  } catch (err) {
    // Defensive: a bug in the parser must not take the bot down; report it like a lint error.
    const message = err instanceof Error ? err.message : String(err);
    return {
      deck: { id, path, title: id, description: '', command: commandFor(id), meta: {}, concepts: [], questions: [] },
      findings: [{ path, line: 1, severity: 'error', message: `could not parse this note: ${message}`, code: 'internal' }],
    };
  }
}

function parseUnsafe(rawSource: string, path: string, id: string): ParseResult {
  const findings: Finding[] = [];
  const opening = withoutOpeningMarkers(cleanSource(rawSource));
  const cleaned = withQuizCallouts(withStatementsAsText(withoutLabelUnderlines(withPlainOptionLabels(opening.source))));
  const fm = readFrontMatter(cleaned);
  // Flashcard-plugin cards (Obsidian `#flashcards`, Logseq `#card`) are read first; their lines are emptied for the other layouts.
  const flashcardNotes = readFlashcardNotes(cleaned, fm.bodyOffset, fm.meta, rawSource);
  const source = flashcardNotes.source;
  const lines = new LineMap(source);
  if (fm.error) findings.push({ path, line: fm.error.line, severity: 'error', message: fm.error.message, code: 'frontmatter' });

  const body = source.slice(fm.bodyOffset);
  beginNote();
  const blocks: Located[] = locateTopLevel(lexBlocks(body), body, fm.bodyOffset, lines);

  const meta = fm.meta;
  let title = asText(meta.title);
  if (!title) {
    const h1 = blocks.find((b) => b.token.type === 'heading' && (b.token as Tokens.Heading).depth === 1);
    // "⬆️ DVA-C02 Practice Exams" (a README's back-to-top anchor): the title starts at its first letter or digit.
    title = (h1 ? headingText(h1.token as Tokens.Heading).replace(/^[^\p{L}\p{N}]+(?=[\p{L}\p{N}])/u, '') : '') || id;
    if (!fm.error) findings.push({ path, line: 1, severity: 'warning', message: `no title in front matter; using "${title}"`, code: 'no-title' });
  }
  const description = asText(meta.description);

  if (meta.command !== undefined) {
    const written = typeof meta.command === 'string' ? meta.command.replace(/^\//, '') : String(meta.command);
    if (!COMMAND_PATTERN.test(written)) {
      findings.push({
        path,
        line: frontMatterLine(source, 'command'),
        severity: 'warning',
        message: `command "${written}" must be 1–32 characters of a-z, 0-9 and -; using "${commandFor(id, meta.command)}"`,
        code: 'command',
      });
    }
  }
  const command = commandFor(id, meta.command) || commandFor(id) || 'deck';
  if (isDraft(meta)) {
    findings.push({ path, line: frontMatterLine(source, 'draft'), severity: 'warning', message: 'draft: true; the bot does not serve this deck', code: 'draft' });
  }

  setImageBase(imageBaseOf(meta));
  const q = withFlashcardNotes(extractQuestions(blocks, { deckId: id, path, lines }), flashcardNotes.found, { deckId: id, path });
  findings.push(...q.findings);
  const flashcards = q.questions.filter((x) => x.kind === 'flashcard').length;
  if (!q.found) {
    findings.push({ path, line: 1, severity: 'error', message: NO_DIALECT_MESSAGE, code: 'no-questions' });
  } else if (!q.questions.some((x) => x.scored)) {
    const line = q.sectionLine ?? q.questions[0]?.source.line ?? 1;
    if (flashcards) {
      findings.push({
        path,
        line,
        severity: 'warning',
        message: `no scored questions: ${flashcards} flashcard${flashcards === 1 ? '' : 's'} for practice and review, none for the question of the day`,
        code: 'flashcards-only',
      });
    } else findings.push({ path, line, severity: 'error', message: 'no scored questions in this deck', code: 'no-scored-questions' });
  }

  const counted = titleCountFinding(underTitle(blocks), path, q.questions.length);
  if (counted) findings.push(counted);
  let concepts = extractConcepts(blocks, lines, path, findings);
  if (!concepts.length) {
    const about = aboutConcept(blocks, title, path, { findings, questionCount: q.questions.length });
    if (about) concepts = [about];
  }

  // A line that looks like a question and was not read is reported (in a note with no question read, only a
  // prompt over options and an answer line).
  findings.push(...unreadQuestions(blocks, lines, q.covered, findings, path));

  const deck: Deck = { id, path, title, description, command, meta, concepts, questions: q.questions };
  // After the ids are hashed: `[cite: 1]` and the like are not shown, the ids stay.
  dropReferenceMarkers(deck, findings, opening);
  decodeShownEntities(deck, rawSource);
  writeCode(deck, findings);
  findings.sort((a, b) => a.line - b.line);
  return q.dialect ? { deck, findings, dialect: q.dialect } : { deck, findings };
}

/** The paragraphs between the note's first heading (its title) and the next heading. */
function underTitle(blocks: Located[]): { raw: string; line: number }[] {
  const first = blocks.findIndex((b) => b.token.type === 'heading');
  if (first < 0 || (blocks[first]?.token as Tokens.Heading).depth !== 1) return [];
  const out: { raw: string; line: number }[] = [];
  for (const b of blocks.slice(first + 1)) {
    if (b.token.type === 'heading') break;
    if (b.token.type === 'paragraph') out.push({ raw: b.token.raw, line: b.line });
  }
  return out;
}

/** The code marks become markdown code spans, now that every question id is hashed (code-spans.ts). */
function writeCode(deck: Deck, findings: Finding[]): void {
  for (const q of deck.questions) {
    q.prompt = writeCodeMarks(q.prompt);
    // An option is one line: a code block in it is shown as inline code.
    for (const o of q.options) o.text = writeCodeMarks(o.text, { inline: true });
    q.explanation = writeCodeMarks(q.explanation);
    if (q.answerText !== undefined) q.answerText = writeCodeMarks(q.answerText);
  }
  for (const c of deck.concepts) c.text = writeCodeMarks(c.text);
  for (const f of findings) f.message = writeCodeMarks(f.message);
}

/** Front matter `imageBase:` (also `image_base_url:` / `imageBaseUrl:`): where relative image paths live. */
function imageBaseOf(meta: Record<string, unknown>): string | undefined {
  const value = meta.imageBase ?? meta.image_base_url ?? meta.imageBaseUrl ?? meta.image_base;
  return typeof value === 'string' ? value : undefined;
}

function frontMatterLine(source: string, key: string): number {
  const m = new RegExp(`^${key}\\s*:`, 'm').exec(source);
  return m ? source.slice(0, m.index).split('\n').length : 1;
}

/** Hugo's `draft: true` (also "true"/"yes" strings). */
export const isDraft = (meta: Record<string, unknown>): boolean =>
  meta.draft === true || (typeof meta.draft === 'string' && /^(true|yes)$/i.test(meta.draft.trim()));

/** True when the deck cannot be served (unreadable front matter, no questions, or none scored). */
export function isBroken(result: ParseResult): boolean {
  return result.findings.some((f) => f.severity === 'error' && f.code !== undefined && FATAL_CODES.has(f.code));
}
