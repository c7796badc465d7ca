// HTML 4's named entities (`&eacute;`, `&rarr;`, `&pound;`) in a markdown note's shown texts. The note is read with the
// common names only (text.ts, withCommonEntities), so its question ids are hashed as they always were; the other names
// are decoded here, after the ids, outside code (a code span or block shows `&eacute;` as written, as CommonMark does).
import type { Deck } from '../types.js';
import { decodeEntities } from '../text.js';
import { outsideMarkedBlocks } from '../code-blocks.js';

const NAMED = /&[a-z][a-z0-9]{1,31};/i;
/** `&amp;eacute;` was read as the text `&eacute;` already: decoding the shown text again would turn it into `é`. */
const ESCAPED_NAME = /&amp;[a-z][a-z0-9]{1,31};/i;
const CODE_SPAN = /\uFDD0[^\uFDD0\uFDD1]*\uFDD1/g;

function outsideCode(text: string): string {
  if (!NAMED.test(text)) return text;
  return outsideMarkedBlocks(text, (prose) => {
    let out = '';
    let last = 0;
    for (const m of prose.matchAll(CODE_SPAN)) {
      out += decodeEntities(prose.slice(last, m.index), 'html') + m[0];
      last = m.index + m[0].length;
    }
    return out + decodeEntities(prose.slice(last), 'html');
  });
}

/** The deck's shown texts with every HTML 4 entity name decoded (ids untouched); `source` is the note as written. */
export function decodeShownEntities(deck: Deck, source: string): void {
  if (!NAMED.test(source) || ESCAPED_NAME.test(source)) return;
  deck.title = outsideCode(deck.title);
  deck.description = outsideCode(deck.description);
  for (const q of deck.questions) {
    q.prompt = outsideCode(q.prompt);
    for (const o of q.options) o.text = outsideCode(o.text);
    q.explanation = outsideCode(q.explanation);
    if (q.answerText !== undefined) q.answerText = outsideCode(q.answerText);
  }
  for (const c of deck.concepts) c.text = outsideCode(c.text);
}
