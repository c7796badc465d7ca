// Flashcards written as one paragraph each: the prompt on its first line(s), then an answer line, then perhaps an
// explanation line (true/false exercise sets, generated Q&A notes):
//   (a) A homogeneous linear system is always consistent.
//   **Answer:** True
//   **Explanation:** x = 0 is always a solution.
// Only when the prompt asks (`…?`, `Q3: …`), is labelled (`(a)`, `b)`), or the answer is true/false: a study note's
// paragraph that happens to hold an `Answer:` line stays prose.
import type { Located, LineMap } from '../markdown.js';
import { lexInline } from '../lexer.js';
import { inlineText, tidy } from '../text.js';
import { ANSWER_LINE, answerLineIn } from './answer.js';
import type { Group, QuestionBlock } from './blocks.js';
import { looksLikeQuestion } from './unread.js';

const ITEM_LABEL = /^[ \t]*\(?[a-z]{1,2}\)[ \t]+(?=\S)|^[ \t]*\([ivx]{1,4}\)[ \t]+(?=\S)/i;
const TRUE_FALSE = /^(?:true|false|yes|no|benar|salah|verdadero|falso|verdadeiro|richtig|falsch|vrai|faux|vero|falso|đúng|sai|正しい|誤り|正确|错误|맞음|틀림|верно|неверно)\.?$/i;
/** `**Explanation:**`, `**Penjelasan (Justifikasi dari buku):**`: the label of the line after the answer. */
const EXPLANATION_LABEL =
  /^[ \t]*[*_]{0,2}(?:explanation|reason|why|penjelasan|explicaci[oó]n|explica[çc][ãa]o|erkl[äa]rung|spiegazione|解説|解释|解析|설명|пояснение|giải thích)[^:：\n]{0,40}?[:：][*_]{0,2}[ \t]*/i;

export function paragraphCards(blocks: Located[], taken: Set<Located>, lines: LineMap, groupOf = new Map<Located, Group>()): QuestionBlock[] {
  const out: QuestionBlock[] = [];
  for (const b of blocks) {
    if (taken.has(b) || b.token.type !== 'paragraph') continue;
    const raw = b.token.raw.replace(/\n+$/, '').split('\n');
    const at = raw.findIndex((l, i) => i > 0 && ANSWER_LINE.test(l));
    if (at < 1) continue;
    const mark = answerLineIn(raw[at] ?? '');
    const answer = mark ? tidy(inlineText(lexInline(mark.inner))) : '';
    if (!answer) continue;
    const promptLines = raw.slice(0, at);
    const labelled = ITEM_LABEL.test(promptLines[0] ?? '');
    if (!labelled && !looksLikeQuestion(promptLines.at(-1) ?? '') && !TRUE_FALSE.test(answer)) continue;
    const prompt = tidy(inlineText(lexInline(promptLines.join('\n').replace(ITEM_LABEL, ''))));
    if (!prompt) continue;
    const rest = raw.slice(at + 1).join('\n');
    const explanation = tidy(inlineText(lexInline(rest.replace(EXPLANATION_LABEL, ''))));
    const group = groupOf.get(b);
    out.push({
      origin: 'heading',
      written: prompt,
      line: b.line,
      end: Math.min(b.offset + b.token.raw.trimStart().length, lines.text.length),
      body: [],
      card: { prompt, answer, ...(explanation ? { explanation } : {}) },
      ...(group ? { group } : {}),
    });
  }
  return out;
}
