// Hotspot and drag-and-drop questions copied from exam pages: the answer area is a picture, and the answer is
// another picture (`> Correct Answer: ![…](…)`) or nothing at all (`Correct Answer:` with the picture lost). No
// option can be scored, so such a question is reported at its line with that reason (unread.ts), never dropped
// silently.
import type { Located } from '../markdown.js';
import { ANSWER_WORDS } from './answer.js';

/** `HOTSPOT`, `HOTSPOT -`, `DRAG DROP -`, `Drag and drop question`: the first line of such a question. */
export const PICTURE_QUESTION_LABEL =
  /^[ \t]*[*_]{0,2}(?:HOT[ \t]?SPOT|DRAG[ \t]+(?:AND[ \t]+)?DROP|(?:[Hh]ot[ \t]?[Ss]pot|[Dd]rag[ \t-]+(?:and[ \t-]+)?[Dd]rop)(?:[ \t]+[Qq]uestion)?[*_]{0,2}[ \t]*[-–:]?[ \t]*$)(?![\p{L}\p{N}])/u;

/** An answer label with nothing after it on its line: `> Correct Answer:`, `**Answer:**`, `正解：`. */
const EMPTY_ANSWER = new RegExp(
  `^[ \\t]*(?:>[ \\t]*)*(?:[-*+][ \\t]+)?(?:#{1,6}[ \\t]+)?[*_]{0,2}(?:<(?:b|strong)>)?${ANSWER_WORDS}(?:<\\/(?:b|strong)>)?[*_]{0,2}[ \\t]*[:：][ \\t]*[*_]{0,2}(?:<\\/(?:b|strong)>)?[ \\t]*$`,
  'i',
);
/** The same label followed by its value on the line. */
const ANSWER_WITH_VALUE = new RegExp(
  `^[ \\t]*(?:>[ \\t]*)*(?:[-*+][ \\t]+)?(?:#{1,6}[ \\t]+)?[*_]{0,2}(?:<(?:b|strong)>)?${ANSWER_WORDS}(?:<\\/(?:b|strong)>)?[*_]{0,2}[ \\t]*[:：][*_]{0,2}[ \\t]*(\\S[^\\n]*)$`,
  'i',
);
/** Nothing but pictures (markdown or `<img>`), with spaces and emphasis around them. */
const PICTURES_ONLY = /^(?:!\[[^\]\n]{0,300}\]\([^()\s]{1,2000}\)|<img\b[^>\n]{0,2000}>|[ \t*_>])+$/i;
/** What an answer written on the line below its label looks like: labels (`B`, `A, C`), or a bold line (not a `**Timestamp: …**` label). */
const VALUE_BELOW = /^[ \t]*(?:(?:\*\*|__)(?![^*_\n]{0,40}[:：])|[A-Z](?:[ \t]*[,.)]|[ \t]*$|[ \t]+(?:and|&)[ \t]|[A-Z]{0,7}(?:[ \t]|$)))/;

export type PictureAnswer = 'picture' | 'empty';

const lineTexts = (b: Located): string[] => b.token.raw.replace(/\n+$/, '').split('\n');

/**
 * How the answer in the blocks after `at` (before a heading, at most 6 blocks) is missing: a picture, or an empty
 * label. Undefined when an answer is written in text, or there is no answer line.
 */
export function pictureAnswerAfter(shown: Located[], at: number): { kind: PictureAnswer; block: number } | undefined {
  const kind = answerKind(shown.slice(at + 1, at + 7));
  return kind ? { kind: kind.kind, block: at + 1 + kind.index } : undefined;
}

function answerKind(blocks: Located[]): { kind: PictureAnswer; index: number } | undefined {
  const found = (kind: PictureAnswer | undefined, index: number) => (kind ? { kind, index } : undefined);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Located;
    if (b.token.type === 'heading') return undefined;
    if (b.token.type !== 'paragraph' && b.token.type !== 'blockquote') continue;
    const own = lineTexts(b);
    for (let k = 0; k < own.length; k++) {
      const line = own[k] as string;
      if (!EMPTY_ANSWER.test(line)) {
        const valued = ANSWER_WITH_VALUE.exec(line);
        if (valued) return found(PICTURES_ONLY.test(valued[1] ?? '') ? 'picture' : undefined, i);
        continue;
      }
      const below = own.slice(k + 1).find((l) => l.trim()) ?? firstLineOf(blocks[i + 1]);
      if (below === undefined) return found('empty', i);
      if (PICTURES_ONLY.test(below)) return found('picture', i);
      return found(VALUE_BELOW.test(below.replace(/^[ \t]*>[ \t]?/, '')) ? undefined : 'empty', i);
    }
  }
  return undefined;
}

/** The first line of a block that may hold an answer's value; undefined for a heading or no block. */
function firstLineOf(b: Located | undefined): string | undefined {
  if (!b || b.token.type === 'heading') return undefined;
  return lineTexts(b).find((l) => l.trim());
}

/**
 * True when the answer region (`region`: from the answer line on) opens with an answer label and nothing else on
 * that line or below it that could be the answer (`**Answer: **` in exam pages saved without their pictures).
 */
export function emptyAnswerRegion(region: string): boolean {
  const lines = region.split('\n');
  const at = lines.findIndex((l) => l.trim());
  if (at < 0 || !EMPTY_ANSWER.test(lines[at] ?? '')) return false;
  const below = lines.slice(at + 1).find((l) => l.trim());
  return below === undefined || (!PICTURES_ONLY.test(below) && !VALUE_BELOW.test(below.replace(/^[ \t]*>[ \t]?/, '')) && !/^[ \t]*[-*+][ \t]/.test(below));
}

/** True when one of the body's paragraphs or quotes opens an empty answer region (`emptyAnswerRegion`); `end`: the question's end in `text`. */
export function emptyAnswerIn(body: Located[], text: string, end: number): boolean {
  return body.some((b) => {
    if (b.token.type !== 'paragraph' && b.token.type !== 'blockquote') return false;
    const start = b.offset - (/^\s*/.exec(b.token.raw)?.[0].length ?? 0);
    return emptyAnswerRegion(text.slice(start, Math.max(start, end)));
  });
}

/** An answer that only points at an explanation: `See the explanation below.` */
const SEE_EXPLANATION = /^see (?:the )?(?:explanation|solution|answer)s?(?: (?:below|section))?\.?$/i;

/**
 * Why a flashcard read from a saved exam page is not served: its answer line was empty (`**Answer: **`, `empty`), or
 * it only points at an explanation the page does not have (`**Answer: See the explanation below.**`, a lab simulation).
 */
export function unservedCard(card: { answerText?: string; explanation: string }, empty: boolean): string | undefined {
  if (empty) return pictureAnswerReason('empty');
  const answer = card.answerText ?? '';
  // The saved page's link back to the discussion is no explanation of a lab.
  const explained = card.explanation.replace(/^View on ExamTopics \([^()\s]*\)$/im, '').trim();
  return SEE_EXPLANATION.test(answer) && !explained ? `its answer is "${answer}" and no explanation follows` : undefined;
}

/** The reason a question answered so is not served. */
export const pictureAnswerReason = (kind: PictureAnswer): string =>
  kind === 'picture'
    ? 'a hotspot or drag-and-drop question: its answer is a picture, with no options to score'
    : 'its answer line is empty (a hotspot or drag-and-drop answer whose picture was not copied?), with no options to score';
