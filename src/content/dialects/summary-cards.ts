// Flashcards written as collapsibles: `<details><summary><strong>5. Which …?</strong></summary>` over the
// answer (a paragraph, a list) and `</details>`, outside any question heading.
import { lexBlocks } from '../lexer.js';
import type { LineMap, Located } from '../markdown.js';
import { blockText, htmlToText, tidy } from '../text.js';
import type { Group, QuestionBlock } from './blocks.js';

const SUMMARY = /<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/i;
const CLOSE = /<\/details\s*>/i;
/** `<summary>Answer</summary>`, `Show answer`, `Haz clic…`: a reveal button, not a question. */
const REVEAL =
  /^(?:show|click|reveal|view|see|toggle|expand|answer|answers|solution|hint|explanation|resposta|respuesta|soluci[oó]n|ver|mostrar|haz\s+clic|clique|antwort|l[öo]sung|r[ée]ponse|voir|ответ)\b/i;
const NUMBER = /^\(?\d{1,4}\s*[.):]\s*/;

/** One card per top-level `<details>` (not in `taken`) whose summary asks something and whose body answers it. */
export function summaryCards(blocks: Located[], taken: Set<Located>, lines: LineMap, groupOf = new Map<Located, Group>()): QuestionBlock[] {
  const out: QuestionBlock[] = [];
  blocks.forEach((b, i) => {
    if (taken.has(b) || b.token.type !== 'html' || !/^\s*<details\b/i.test(b.token.raw)) return;
    const summary = SUMMARY.exec(lines.text.slice(b.offset, b.offset + b.token.raw.length));
    if (!summary) return;
    const written = tidy(htmlToText(summary[1] ?? '').replace(/\s+/g, ' '));
    const prompt = written.replace(NUMBER, '').trim();
    // A summary that asks (`5. …`, `…?`); `Table of contents`, `Click to expand` and the like are not cards.
    if (!prompt || REVEAL.test(prompt) || !(NUMBER.test(written) || /[?？]$/.test(prompt))) return;
    // The answer runs from `</summary>` to `</details>`, never past the next heading or another `<details>`.
    const start = b.offset + summary.index + summary[0].length;
    let end = -1;
    for (let k = i; k < blocks.length; k++) {
      const x = blocks[k] as Located;
      if (k > i && (x.token.type === 'heading' || taken.has(x) || /^\s*<details\b/i.test(x.token.raw))) break;
      const from = k === i ? start : x.offset;
      const close = CLOSE.exec(lines.text.slice(from, x.offset + x.token.raw.length));
      if (close) {
        end = from + close.index;
        break;
      }
    }
    if (end < 0) return;
    const answer = tidy(blockText(lexBlocks(lines.text.slice(start, end))));
    if (!answer) return;
    const group = groupOf.get(b);
    out.push({ origin: 'heading', written, line: b.line, end, card: { prompt, answer }, body: [], ...(group ? { group } : {}) });
  });
  return out;
}
