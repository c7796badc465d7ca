// Flashcards written as collapsibles: `<details><summary><strong>5. Which …?</strong></summary>` over the
// answer (a paragraph, a list) and `</details>`, outside any question heading.
import type { Tokens } from 'marked';
import { lexBlocks } from '../lexer.js';
import type { LineMap, Located } from '../markdown.js';
import { htmlToText, tidy } from '../text.js';
import { blockTextNumbered } from '../markdown/list-text.js';
import type { Group, QuestionBlock } from './blocks.js';
import { ANSWER_LINE } from './answer.js';
import { promptCountsList, readDetailsList } from './details-list.js';

const SUMMARY = /<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/i;
const CLOSE = /<\/details\s*>/i;
/** `<summary>Answer</summary>`, `Show answer`, `Haz clic…`: a reveal button, not a question. */
const REVEAL =
  /^(?:show|click|reveal|view|see|toggle|expand|answer|answers|solution|hint|explanation|resposta|respuesta|soluci[oó]n|ver|mostrar|haz\s+clic|clique|antwort|l[öo]sung|r[ée]ponse|voir|ответ)\b/i;
const NUMBER = /^\(?\d{1,4}\s*[.):]\s*/;
/** `:small_blue_diamond: ` (an emoji shortcode GitHub shows as a picture) before the summary's text. */
const SHORTCODES = /^(?:\s*:[a-z0-9_+-]+:)+\s*/i;
/** Only markup: `<br>`, `</details>`, `<summary>…</summary>` written alone. */
const MARKUP_ONLY = /^\s*(?:<\/?(?:br|details|summary|p)\b[^>]*>\s*)*$/i;

/**
 * One card per top-level `<details>` (not in `taken`) whose summary asks something and whose body answers it; a
 * question instead when the body holds options and their answer.
 */
export function summaryCards(blocks: Located[], taken: Set<Located>, lines: LineMap, groupOf = new Map<Located, Group>()): QuestionBlock[] {
  const out: QuestionBlock[] = [];
  /** Collapsibles holding only a numbered list, nothing picking an item: decided once the whole file is read. */
  const listOnly = new Map<QuestionBlock, { card: QuestionBlock; counted: boolean }>();
  blocks.forEach((b, i) => {
    if (taken.has(b) || b.token.type !== 'html' || !/^\s*<details\b/i.test(b.token.raw)) return;
    // `<details close>`, a blank line, then `<summary>…</summary>`: the summary is the next html block.
    let at = i;
    let summary = SUMMARY.exec(lines.text.slice(b.offset, b.offset + b.token.raw.length));
    const nextAt = blocks.findIndex((x, k) => k > i && x.token.type !== 'space');
    const next = blocks[nextAt];
    if (!summary && next && next.token.type === 'html' && !taken.has(next) && /^\s*<summary\b/i.test(next.token.raw) && !/<\/?details\b/i.test(b.token.raw.replace(/^\s*<details\b[^>]*>/i, ''))) {
      const found = SUMMARY.exec(lines.text.slice(next.offset, next.offset + next.token.raw.length));
      if (found) {
        summary = Object.assign(found, { index: found.index + next.offset - b.offset });
        at = nextAt;
      }
    }
    if (!summary) return;
    const written = tidy(htmlToText(summary[1] ?? '').replace(/\s+/g, ' ')).replace(SHORTCODES, '');
    const prompt = written.replace(NUMBER, '').trim();
    // A summary that asks (`5. …`, `…?`); `Table of contents`, `Click to expand` and the like are not cards. A statement
    // (`… maps to one workspace.`, `… (Choose two.)`) is a question too when the body holds options and an answer line.
    if (!prompt || REVEAL.test(prompt)) return;
    const asks = NUMBER.test(written) || /[?？]$/.test(prompt);
    // The answer runs from `</summary>` to `</details>`, never past the next heading or another `<details>`.
    const start = b.offset + summary.index + summary[0].length;
    let end = -1;
    let closeAt = -1;
    for (let k = at; k < blocks.length; k++) {
      const x = blocks[k] as Located;
      if (k > at && (x.token.type === 'heading' || taken.has(x) || /^\s*<details\b/i.test(x.token.raw))) break;
      const from = k === at ? start : x.offset;
      const close = CLOSE.exec(lines.text.slice(from, x.offset + x.token.raw.length));
      if (close) {
        end = from + close.index;
        closeAt = k;
        break;
      }
    }
    if (end < 0) return;
    const group = groupOf.get(b);
    const inner = blocks.slice(at + 1, closeAt + (closeAt > at ? 0 : 1)).filter((x) => !(x.token.type === 'html' && MARKUP_ONLY.test(x.token.raw)) && x.token.type !== 'space');
    const base = { origin: 'heading', written, line: b.line, end, ...(group ? { group } : {}) } as const;
    const list = readDetailsList(inner, lines);
    // Options with their answer below or on them (`Answer: 2`, `[x]`, ✅, one in bold): a question.
    if (list.kind === 'options') {
      out.push({ ...base, body: list.body });
      return;
    }
    // A statement over an answer line (`**Answer:** False`): a true/false card.
    if (!asks && !ANSWER_LINE.test(lines.text.slice(start, end))) return;
    const answer = tidy(blockTextNumbered(lexBlocks(lines.text.slice(start, end))));
    if (list.kind === 'list-only') {
      const options: QuestionBlock = { ...base, body: inner };
      listOnly.set(options, { card: { ...base, card: { prompt, answer }, body: [] }, counted: promptCountsList(prompt, list.list.token) });
      out.push(options);
      return;
    }
    if (!answer) return;
    out.push({ ...base, card: { prompt, answer }, body: [] });
  });
  // Only a numbered list and nothing picking one item: in a file of flashcards (another collapsible answers in
  // prose), or under a prompt that counts the items ("the five pillars"), the list is the answer; otherwise it is
  // a question whose answer is missing (a mock exam hiding its options), reported as such.
  const flashcards = out.some((q) => q.card !== undefined);
  return out.map((q) => {
    const pending = listOnly.get(q);
    return pending && (flashcards || pending.counted) ? pending.card : q;
  });
}
