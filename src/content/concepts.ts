// Concepts from the Digest / Concepts / Terminology sections of a note.
import type { Token, Tokens } from 'marked';
import type { Concept, Finding } from './types.js';
import { deriveAliases, headOfTerm, slugify } from './aliases.js';
import { outsideMarkedBlocks } from './code-blocks.js';
import { dropCodeMarks, markedFrom } from './code-spans.js';
import { inlineOf, lexInline } from './lexer.js';
import { headingText, itemsOf, type LineMap, type Located } from './markdown.js';
import { collectImages, takeImages, type SeenImage } from './markdown/images.js';
import { trailingRunStart } from './spans.js';
import { onlyReferenceMarkers, withoutReferenceMarkers } from './markdown/reference-markers.js';
import { summaryDetail, summaryDetailsFinding, type SkippedDetail } from './markdown/summary-details.js';
import { blockTextNumbered } from './markdown/list-text.js';
import { inlineText, tidy } from './text.js';

export const CONCEPT_SECTION =
  /^(digests?|concepts?|terminology|glossary|key (terms|concepts)|definitions?|begriffe|glossar|konzepte|conceptos|glosario|t[ée]rminos|conceitos|gloss[áa]rio|termos|concetti|glossario|begrippen|понятия|термины|глоссарий|用語集?|概念|术语|용어)$/i;
export const ABOUT_SECTION = /^(about|overview|introduction|intro|summary)$/i;

/**
 * A section heading's name without its number and decoration (`## 5. Glossary of Undefined Terms 📖` → `Glossary`,
 * `## 📋 Summary` → `Summary`): generated notes number their sections and end them with an emoji.
 */
export function sectionName(heading: string): string {
  const lead = heading.trim().replace(/^(?:[^\p{L}\p{N}]+|\d{1,3}(?:\.\d{1,3})*[.):]?\s+)+/u, '');
  // The decoration after the name, found from the end (a pattern anchored at `$` retried every start of a long run).
  const bare = lead.slice(0, trailingRunStart(lead, (c) => !/[\p{L}\p{N})]/u.test(c)));
  return /^(?:glossary|key\s+(?:terms|concepts)|definitions?)\s+of\s+\S/i.test(bare) ? (bare.split(/\s+of\s+/i)[0] ?? bare) : bare;
}

/** A Digest / Concepts / Glossary section heading, numbered or decorated as it may be. */
export const isConceptSection = (heading: string): boolean => CONCEPT_SECTION.test(heading.trim()) || CONCEPT_SECTION.test(sectionName(heading));
/** An About / Overview / Summary section heading, numbered or decorated as it may be. */
export const isAboutSection = (heading: string): boolean => ABOUT_SECTION.test(heading.trim()) || ABOUT_SECTION.test(sectionName(heading));

interface Draft {
  name: string;
  text: string;
  line: number;
  /** Images the text shows ("alt (url)"). */
  images: SeenImage[];
}

/** Reads text while recording the images it shows. */
function withImages<T>(read: () => T): { value: T; images: SeenImage[] } {
  collectImages();
  const value = read();
  return { value, images: takeImages() };
}

const MAX_NAME_WORDS = 8;
const SENTENCE_OPENERS = new Set([
  'with', 'when', 'if', 'you', 'using', 'use', 'this', 'it', 'there', 'these', 'those', 'they', 'we', 'in', 'on',
  'for', 'to', 'by', 'as', 'after', 'before', 'once', 'while', 'however', 'also', 'each', 'every', 'all', 'some',
]);
const DASH_SPLIT = /\s+[-–—]+\s+|\s+[-–—]+$/;

/** Names hold no code marks: they are looked up, slugged and shown as plain text. */
const cleanName = (name: string): string => {
  const text = withoutReferenceMarkers(tidy(dropCodeMarks(name))).text;
  // Runs trimmed by hand: a pattern anchored at the end retried every comma of a long run (quadratic).
  const start = text.length - text.replace(/^[\s*_:\-–—]+/, '').length;
  const end = Math.max(start, trailingRunStart(text, (c) => /[\s*_:;,.\-–—]/.test(c)));
  return text.slice(start, end).replace(/\s+/g, ' ');
};

const plausibleName = (name: string): boolean => {
  const n = name.split(' ').length;
  return name.length >= 2 && name.length <= 80 && n <= MAX_NAME_WORDS && !/^https?:/i.test(name);
};

/**
 * `**Term**: def`, `**Term** - def`, `[**Term**](url) - def`: the leading bold label, if any.
 * `separated` is false for `**Term** does something…`, where the whole sentence is the text.
 */
function leadingBold(tokens: Token[]): { label: string; rest: string; separated: boolean } | undefined {
  // `[cite_start]**Term**: …` (a generated note's reference marker) still opens with its bold term.
  const [first, ...rest] = tokens.filter((t) => !(t.type === 'text' && (!(t as Tokens.Text).text.trim() || onlyReferenceMarkers((t as Tokens.Text).text))));
  if (!first) return undefined;
  const boldInside =
    first.type === 'strong' || (first.type === 'link' && (first as Tokens.Link).tokens.some((t) => t.type === 'strong'));
  if (!boldInside) return undefined;
  const label = first.type === 'strong' ? inlineText((first as Tokens.Strong).tokens) : inlineText((first as Tokens.Link).tokens);
  const after = tidy(inlineText(rest));
  const separated = !after || /^[:\-–—]/.test(after) || /:\s*$/.test(label);
  return { label, rest: after.replace(/^[:\-–—]+\s*/, ''), separated };
}

/**
 * A bullet's own line (not its sub-bullets) as a concept name + definition, when it reads like one.
 * `text` has its code marked; the term is read on the text without marks, as it always was.
 */
function termOf(tokens: Token[], text: string): { name: string; definition: string; whole: boolean } | undefined {
  const bold = leadingBold(tokens);
  if (bold) return { name: bold.label, definition: bold.rest, whole: !bold.separated };

  const plain = dropCodeMarks(text);
  const dash = DASH_SPLIT.exec(plain);
  if (dash && dash.index > 0) {
    const term = plain.slice(0, dash.index);
    const head = headOfTerm(term);
    if (!term.includes('. ')) {
      return { name: head, definition: markedFrom(text, dash.index + dash[0].length).trim(), whole: head !== term };
    }
  }
  const colon = /^([^:]{2,80}):(?:\s+(.*))?$/s.exec(plain);
  if (colon && !/https?$/i.test(colon[1] ?? '') && (colon[1] ?? '').split(/\s+/).length <= 6) {
    return { name: colon[1] ?? '', definition: colon[2] === undefined ? '' : markedFrom(text, plain.length - colon[2].length), whole: false };
  }
  // "Stage variables are name-value pairs …"
  const sentence = /^((?:[\w/&'’-]+\s+){0,4}?[\w/&'’-]+)\s+(?:is|are|refers? to|means)\s+/i.exec(plain);
  if (sentence) {
    const subject = (sentence[1] ?? '').replace(/^(the|a|an)\s+/i, '');
    const opener = subject.split(/\s+/)[0]?.toLowerCase() ?? '';
    if (!SENTENCE_OPENERS.has(opener)) return { name: subject, definition: text, whole: true };
  }
  // "You can enable **API caching** to …": a single bold phrase names the idea.
  const strong = collectStrong(tokens);
  if (strong.length === 1) return { name: strong[0] ?? '', definition: text, whole: true };
  return undefined;
}

function collectStrong(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type === 'strong') out.push(tidy(inlineText((t as Tokens.Strong).tokens)));
    else if ('tokens' in t && Array.isArray(t.tokens)) out.push(...collectStrong(t.tokens as Token[]));
  }
  return out;
}

/** `keepCode`: a code block of the item stays one token (read as a marked block), else its text is read inline, as it always was. */
function inlineTokensOfItem(item: Tokens.ListItem, keepCode = false): Token[] {
  const out: Token[] = [];
  for (const child of item.tokens) {
    if (child.type === 'list') continue;
    if (keepCode && child.type === 'code') {
      out.push(child);
      continue;
    }
    const c = child as Tokens.Paragraph | Tokens.Text;
    out.push(...inlineOf(c));
  }
  return out;
}

function conceptsFromList(list: Tokens.List, offset: number, lines: LineMap, out: Draft[]): void {
  for (const { item, offset: itemOffset, line } of itemsOf(list, offset, lines)) {
    const own = inlineTokensOfItem(item);
    const nested = item.tokens.filter((t): t is Tokens.List => t.type === 'list');
    // The name is read without images (as it always was: slugs must not move); the text shown has them as "alt (url)".
    const bare = tidy(inlineText(own)).replace(/\n+/g, ' ');
    const term = termOf(own, bare);
    const shown = inlineTokensOfItem(item, true);
    const read = withImages(() => {
      const text = outsideMarkedBlocks(tidy(inlineText(shown)), (prose) => prose.replace(/\n+/g, ' '));
      return { text, subText: nested.map((l) => tidy(blockTextNumbered([l]))).join('\n'), term: termOf(shown, text) };
    });
    const { text, subText } = read.value;

    let draft: Draft | undefined;
    if (term && plausibleName(cleanName(term.name))) {
      const shownTerm = read.value.term;
      const definition = term.whole ? text : shownTerm && !shownTerm.whole ? shownTerm.definition : term.definition;
      draft = { name: cleanName(term.name), text: [definition, subText].filter(Boolean).join('\n'), line, images: read.images };
    } else if (nested.length && plausibleName(cleanName(bare)) && !dropCodeMarks(bare).includes(',')) {
      draft = { name: cleanName(bare), text: subText, line, images: read.images };
    }
    if (draft && draft.text.trim()) out.push(draft);
    for (const sub of nested) conceptsFromList(sub, itemOffset, lines, out);
  }
}

/** `**Term**: definition` paragraphs, one or several lines each starting with a bold label. */
function conceptsFromParagraph(p: Tokens.Paragraph, line: number, out: Draft[]): void {
  const rawLines = p.raw.split('\n');
  let current: Draft | undefined;
  rawLines.forEach((rawLine, i) => {
    const tokens = lexInline(rawLine);
    const bold = leadingBold(tokens);
    if (bold?.separated && plausibleName(cleanName(bold.label))) {
      // Read again with its images: the label stays as read without them.
      const read = withImages(() => leadingBold(tokens)?.rest ?? bold.rest);
      current = { name: cleanName(bold.label), text: read.value, line: line + i, images: read.images };
      out.push(current);
    } else if (current) {
      const more = withImages(() => tidy(inlineText(tokens)));
      current.text = [current.text, more.value].filter(Boolean).join(' ');
      current.images.push(...more.images);
    }
  });
}

function conceptsFromTable(t: Tokens.Table, line: number, out: Draft[]): void {
  if (t.header.length < 2) return;
  t.rows.forEach((row, i) => {
    const name = row[0] ? cleanName(inlineText(inlineOf(row[0]))) : '';
    const { value: text, images } = withImages(() => tidy(row.slice(1).map((c) => inlineText(inlineOf(c))).join(' | ')));
    // header line, delimiter line, then one line per row
    if (plausibleName(name) && text) out.push({ name, text, line: line + 2 + i, images });
  });
}

export function finishConcepts(drafts: Draft[], path: string, findings?: Finding[]): Concept[] {
  const bySlug = new Map<string, Concept>();
  for (const d of drafts) {
    const slug = slugify(d.name);
    if (!slug) {
      findings?.push({ path, line: d.line, severity: 'warning', message: `concept "${d.name}" has no letters or digits to be looked up by; skipped`, code: 'concept-name' });
      continue;
    }
    for (const img of new Map(d.images.filter((i) => !i.resolved && (!i.alt || d.text.includes(i.alt))).map((i) => [i.src, i])).values()) {
      findings?.push({ path, line: d.line, severity: 'warning', message: `concept "${d.name}": image ${img.src} shown as its alt text${img.alt ? ` "${img.alt}"` : ''}; set \`imageBase:\` in the front matter to show it`, code: 'image-unresolved' });
    }
    // The pictures its text names (an image in a term's name is left out of the name, and so out of the concept).
    const named = d.images.filter((i) => i.resolved && d.text.includes(i.url));
    const images = [...new Map(named.map((i) => [i.url, { url: i.url, alt: i.alt }])).values()];
    const existing = bySlug.get(slug);
    if (existing) {
      if (!existing.text.includes(d.text)) {
        existing.text = `${existing.text}\n${d.text}`;
        if (images.length) existing.images = [...(existing.images ?? []), ...images];
      }
      continue;
    }
    bySlug.set(slug, { slug, name: d.name, text: tidy(d.text), ...(images.length ? { images } : {}), aliases: deriveAliases(d.name), source: { path, line: d.line } });
  }
  return [...bySlug.values()];
}

/** Concepts from every concept section; an empty list when the note has none. */
export function extractConcepts(blocks: Located[], lines: LineMap, path: string, findings?: Finding[]): Concept[] {
  const drafts: Draft[] = [];
  let sectionDepth = 0; // 0 = outside any concept section
  let headingDraft: Draft | undefined;
  let headingDepth = 0;

  for (const { token, offset, line } of blocks) {
    if (token.type === 'heading') {
      const h = token as Tokens.Heading;
      const text = headingText(h);
      headingDraft = undefined;
      if (isConceptSection(text)) {
        if (!sectionDepth || h.depth <= sectionDepth) sectionDepth = h.depth;
        continue;
      }
      if (sectionDepth && h.depth <= sectionDepth) sectionDepth = 0;
      if (sectionDepth && plausibleName(cleanName(text))) {
        headingDraft = { name: cleanName(text), text: '', line, images: [] };
        headingDepth = h.depth;
        drafts.push(headingDraft);
      }
      continue;
    }
    if (!sectionDepth) continue;
    const before = drafts.length;
    if (token.type === 'list') conceptsFromList(token as Tokens.List, offset, lines, drafts);
    else if (token.type === 'paragraph') conceptsFromParagraph(token as Tokens.Paragraph, line, drafts);
    else if (token.type === 'table') conceptsFromTable(token as Tokens.Table, line, drafts);
    const startsOwnConcepts = token.type !== 'list' && drafts.length > before;
    if (startsOwnConcepts) headingDraft = undefined;
    else if (headingDraft && headingDepth > sectionDepth) {
      // `### Term` followed by its paragraph(s): the heading names them.
      const { value: text, images } = withImages(() => tidy(blockTextNumbered([token])));
      if (text) {
        headingDraft.text = [headingDraft.text, text].filter(Boolean).join('\n');
        headingDraft.images.push(...images);
      }
    }
  }
  return finishConcepts(drafts.filter((d) => d.text.trim()), path, findings);
}

/** A paragraph's text without its summary-detail lines (`Total Questions: 20`), which go to `skipped`. */
function withoutDetails(p: Tokens.Paragraph, line: number, skipped: SkippedDetail[]): string {
  const rawLines = p.raw.replace(/\n+$/, '').split('\n');
  const details = rawLines.map(summaryDetail);
  if (!details.some(Boolean)) return tidy(inlineText(inlineOf(p)));
  const kept: string[] = [];
  rawLines.forEach((raw, i) => {
    const d = details[i];
    if (d) skipped.push({ line: line + i, text: tidy(inlineText(lexInline(raw))), ...d });
    else kept.push(inlineText(lexInline(raw)));
  });
  return tidy(kept.join('\n'));
}

/**
 * Fallback for notes without a concept section: the About paragraphs, under the deck's title. Summary details
 * (`Total Questions: 20`, `Passing score: 70%`) are left out, with one warning in `opts.findings`.
 */
export function aboutConcept(
  blocks: Located[],
  title: string,
  path: string,
  opts: { findings?: Finding[]; questionCount?: number } = {},
): Concept | undefined {
  const skipped: SkippedDetail[] = [];
  let inAbout = false;
  let aboutDepth = 0;
  const paragraphs: string[] = [];
  const images: SeenImage[] = [];
  let firstLine = 0;
  for (const { token, line } of blocks) {
    if (token.type === 'heading') {
      const h = token as Tokens.Heading;
      if (isAboutSection(headingText(h))) {
        inAbout = true;
        aboutDepth = h.depth;
      } else if (inAbout && h.depth <= aboutDepth) inAbout = false;
      continue;
    }
    if (inAbout && token.type === 'paragraph') {
      const read = withImages(() => withoutDetails(token as Tokens.Paragraph, line, skipped));
      if (read.value) {
        paragraphs.push(read.value);
        images.push(...read.images);
        firstLine ||= line;
      }
    }
  }
  const details = summaryDetailsFinding(skipped, path, opts.questionCount);
  if (details) opts.findings?.push(details);
  if (!paragraphs.length) return undefined;
  const name = title.trim() || 'About';
  const [concept] = finishConcepts([{ name, text: paragraphs.join('\n\n'), line: firstLine, images }], path);
  if (concept && !concept.aliases.includes('about')) concept.aliases.push('about');
  return concept;
}
