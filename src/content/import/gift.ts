// Moodle's GIFT format (.gift, or .txt) -> one deck. Question banks leave Moodle this way:
//
//   // a comment
//   $CATEGORY: $course$/AWS/Storage
//   ::S3 classes:: Which class suits archives? {
//     =S3 Glacier Deep Archive # hours to retrieve, cheapest
//     ~S3 Standard
//   ####Glacier classes trade retrieval time for price.}
//
// Read: multiple choice (`=` right, `~` wrong), several right answers by weight (`~%50%a ~%50%b ~%-100%c`),
// true/false (`{T}`, `{FALSE}`), a missing word (text after the braces: shown as `_____`), short answers
// (`{=a =b}`) and numbers (`{#3.5}`, `{#3.5:0.5}`) as flashcards; per-answer feedback (`#…`) and general
// feedback (`####…`) as the explanation; the category's last part as the question's domain; `[html]`
// text as HTML; `\~ \= \# \{ \} \:` escapes. Matching questions and essays are reported, not served.
import type { Finding, ParseResult, Question, QuestionOption } from '../types.js';
import { htmlToText, tidy } from '../text.js';
import { hasMarkup, shownPlainText as shown } from './code-text.js';
import { addQuestion, importedDeck, letterLabel, questionId, sharedTitle } from './deck.js';
import { blocksOf, type Block } from './gift-blocks.js';
import { answersOf, rightAnswers, type GiftAnswer } from './gift-answers.js';
import { giftHtmlText, mediaWarning } from './gift-html.js';
import { importSource, leadingSettings } from './settings.js';

export const GIFT_DIALECT = 'gift questions';

/** Marks an escaped character while the text is split; restored at the end. */
const ESCAPED: Record<string, string> = { '~': '\uE100', '=': '\uE101', '#': '\uE102', '{': '\uE103', '}': '\uE104', ':': '\uE105', '\\': '\uE106' };
/** `\\` is a backslash (read first, left to right, so `\\=` is a backslash and then an answer marker). */
const escape = (text: string): string => text.replace(/\\([~=#{}:\\])/g, (_m, c: string) => ESCAPED[c]!).replace(/\\n/g, '\n');
const unescape = (text: string): string => text.replace(/[\uE100-\uE106]/g, (c) => Object.keys(ESCAPED)[c.charCodeAt(0) - 0xe100]!);

/** True when some question's answer block holds `=` / `~` answers or T/F, or a `::title::` opens a line. */
export function looksLikeGift(source: string): boolean {
  const text = escape(source);
  return /\{[^{}]*(?:^|\s|\})[=~][^{}]*\}/m.test(text) || /\{\s*(?:T|F|TRUE|FALSE)\s*(?:#[^{}]*)?\}/.test(text) || /^\s*::[^:\n]+::/m.test(text);
}

export function parseGiftQuestions(rawSource: string, path: string): ParseResult {
  const findings: Finding[] = [];
  const source = importSource(rawSource);
  const lead = leadingSettings(source.replace(/^\s*\/\/.*$/gm, (m) => ' '.repeat(m.length)));
  // The settings lines found with comments blanked; the questions read from the file as written (a comment
  // line inside a question does not end it).
  const body = '\n'.repeat(lead.firstLine - 1) + source.split('\n').slice(lead.firstLine - 1).join('\n');
  const blocks = blocksOf(body);
  // Without a title line, what the categories share titles the deck, as in a Moodle XML export of the same bank.
  const paths = new Map(blocks.flatMap((b) => (b.categoryPath ? [[b.categoryPath.join('/'), b.categoryPath] as const] : [])));
  const shared = lead.settings.title ? '' : sharedTitle([...paths.values()]);
  const deck = importedDeck(path, shared ? { ...lead.settings, title: shared } : lead.settings, findings, lead.settingsLine);
  const report = (line: number, message: string, code: string, severity: 'error' | 'warning' = 'error') => findings.push({ path, line, severity, message, code });
  let running = 0;
  for (const block of blocks) {
    if (block.unseparated) report(block.line, 'no blank line before this question: read as a question of its own (Moodle needs a blank line between questions)', 'gift-blank-line', 'warning');
    const parsed = questionOf(block, report);
    if (!parsed) continue;
    running++;
    const { hashPrompt, hashOptions, ...q } = parsed;
    addQuestion(deck, { ...q, id: questionId(deck.id, hashPrompt, hashOptions), deckId: deck.id, number: String(running), source: { path, line: block.line } }, findings);
  }
  if (!deck.questions.length) report(lead.firstLine, 'no questions in this file: GIFT questions are text with their answers in braces, {=right ~wrong}', 'no-questions');
  findings.sort((a, b) => a.line - b.line);
  return { deck, findings, dialect: GIFT_DIALECT };
}

type Reporter = (line: number, message: string, code: string, severity?: 'error' | 'warning') => void;
type Parsed = Omit<Question, 'id' | 'deckId' | 'number' | 'source'> & { hashPrompt: string; hashOptions: QuestionOption[] };

/** `[html]`, `[moodle]`, `[plain]`, `[markdown]` before a question, an answer or a feedback. */
const FORMAT = /^\s*\[(html|markdown|plain|moodle)\]/i;

function questionOf(block: Block, report: Reporter): Parsed | null {
  let text = escape(block.text).replace(/^\s*::(?:[^:]|:(?!:))*::/, '');
  const format = FORMAT.exec(text)?.[1]?.toLowerCase();
  if (format) text = text.replace(FORMAT, '');
  const open = text.indexOf('{');
  const close = open < 0 ? -1 : text.indexOf('}', open);
  if (open < 0 || close < 0) {
    report(block.line, open < 0 ? 'question skipped: no answers in braces, {=right ~wrong}' : 'question skipped: its "{" is never closed', 'no-answer');
    return null;
  }
  const images: string[] = [];
  // An answer or a feedback may name its own format (`~[moodle]lsmod`); else it is in the question's.
  const own = (t: string): [string, string | undefined] => {
    const m = FORMAT.exec(t);
    return m ? [t.slice(m[0].length), m[1]!.toLowerCase()] : [t, format];
  };
  const isHtml = (t: string, f: string | undefined) => f === 'html' || (f === 'moodle' && hasMarkup(unescape(t)));
  const plain = (raw: string) => {
    const [t, f] = own(raw);
    return isHtml(t, f) ? giftHtmlText(unescape(t), images) : unescape(t);
  };
  // Ids are hashed from the text as it was read before [html] kept lines, links and pictures.
  const hashed = (raw: string) => {
    const [t, f] = own(raw);
    return unescape(f === 'html' ? htmlToText(t, false, 'common') : t);
  };
  const withBlank = (read: (t: string) => string) => {
    const [before, after] = [read(text.slice(0, open)).trim(), read(text.slice(close + 1)).trim()];
    return after ? `${before} _____${/^[.,;:!?)]/.test(after) ? '' : ' '}${after}` : before;
  };
  const prompt = withBlank(plain);
  if (!prompt) {
    report(block.line, 'question skipped: no question text before its answers', 'no-prompt');
    return null;
  }
  const inner = text.slice(open + 1, close);
  const [body, general] = splitGeneralFeedback(inner);
  const base = { prompt: shown(prompt), hashPrompt: tidy(withBlank(hashed)), explanation: '', scored: false, correct: [] as string[], options: [] as QuestionOption[], ...(block.category ? { domain: block.category } : {}) };
  const explanation = (notes: string[]) => [...new Set([...notes, plain(general)].map((n) => tidy(n)).filter(Boolean))].join('\n');
  const parsed = answersIn(body);
  if (images.length) report(block.line, mediaWarning(images, 'are not part of a GIFT export'), 'image', 'warning');
  return parsed;

  function answersIn(body: string): Parsed | null {
    const trueFalse = /^\s*(T|TRUE|F|FALSE)\s*((?:#[^#]*)*)$/i.exec(body);
    if (trueFalse) {
      const right = /^T/i.test(trueFalse[1]!) ? 'A' : 'B';
      const options = [{ id: 'A', text: 'True' }, { id: 'B', text: 'False' }];
      // `{FALSE#shown to a wrong answer#shown to a right one}`: with both, each is labelled with its option.
      const [toWrong = '', toRight = ''] = trueFalse[2]!.split('#').slice(1).map((n) => tidy(plain(n)));
      const notes = toWrong && toRight ? [`${right === 'A' ? 'B' : 'A'}) ${toWrong}`, `${right}) ${toRight}`].sort() : [toWrong, toRight];
      return { ...base, kind: 'choice', options, hashOptions: options, correct: [right], scored: true, explanation: explanation(notes) };
    }
    const numeric = /^\s*#\s*([^#]*)((?:#[^#]*)*)$/.exec(body);
    if (numeric) {
      // The first right answer: `3.5`, `3.5:0.5` (± 0.5), `1..5`; `=3.5:0.5 =%50%3:1` gives 3.5; `~#…` after it is
      // the feedback for a wrong number.
      const answer = plain(numeric[1]!.split('~')[0]!).trim().replace(/^=\s*(?:%\d+%)?/, '').split(/\s+=/)[0]!.trim();
      if (!answer) return skip('no number after "#"');
      return { ...base, kind: 'flashcard', answerText: answer.replace(/:(.+)$/, ' (± $1)'), hashOptions: [], explanation: explanation(numeric[2]!.split('#').map(plain)) };
    }
    const { answers, embedded } = answersOf(body, plain, hashed);
    if (answers.some((a) => !tidy(a.text))) return skip('an answer in the braces is empty (a lone "=" or "~")');
    if (!answers.length) return skip(body.trim() ? `answers not understood: "${tidy(plain(body)).slice(0, 60)}"` : 'an essay question (empty braces) has no answer to check', body.trim() ? 'answer-invalid' : 'essay');
    if (embedded) {
      const words = tidy(unescape(embedded));
      const at = escape(block.text).indexOf(embedded);
      const line = block.line + (at < 0 ? 0 : escape(block.text).slice(0, at).split('\n').length - 1);
      report(line, `"${words}": an "=" or "~" inside an answer is read as text (answers are one per line here); Moodle would start a new answer there: write it as \\= or \\~`, 'gift-escape', 'warning');
    }
    // Moodle's rule: a "~" makes it multiple choice; answers that are all "=" are short answers (or matching pairs).
    if (!answers.some((a) => a.marker === '~')) {
      if (answers.every((a) => a.text.includes('->'))) return skip('a matching question (a -> b) is not served', 'matching');
      return shortAnswer(answers);
    }
    const right = rightAnswers(answers);
    const options = answers.map((a, i) => ({ id: letterLabel(i), text: shown(a.text, { inline: true }) }));
    const hashOptions = answers.map((a, i) => ({ id: letterLabel(i), text: tidy(a.hashed) }));
    const correct = answers.flatMap((_a, i) => (right[i] ? [letterLabel(i)] : []));
    if (!correct.length) return skip('no right answer (no "=" and no positive %weight%)', 'no-answer');
    // A lone `~%50%x` is right and the only option: nothing to choose between (the property test found it).
    if (options.length < 2) return skip('only one answer in the braces: a choice needs two or more', 'one-option');
    // An answer worth part of the marks is not the right one when another is worth them all: its credit is noted.
    const credit = (a: GiftAnswer, i: number) => (!right[i] && a.weight > 0 ? `(${a.weight}% credit) ` : '');
    const notes = answers.flatMap((a, i) => (a.feedback || credit(a, i) ? [`${letterLabel(i)}) ${credit(a, i)}${tidy(a.feedback)}`.trim()] : []));
    return { ...base, kind: 'choice', options, hashOptions, correct, scored: true, explanation: explanation(notes) };
  }

  /** Short answers, asked as a flashcard: the full-credit answers; part-credit ones noted, the `*` catch-all left out. */
  function shortAnswer(answers: GiftAnswer[]): Parsed | null {
    const usable = answers.filter((a) => a.weight > 0 && tidy(a.text) !== '*');
    const best = Math.max(...usable.map((a) => a.weight));
    const accepted = usable.filter((a) => a.weight === best);
    if (!accepted.length) return skip('no accepted answer (every "=" answer has no credit)', 'no-answer');
    const partial = usable.filter((a) => a.weight < best).map((a) => `${tidy(a.text)} (${a.weight}% credit)${a.feedback ? `: ${tidy(a.feedback)}` : ''}`);
    return { ...base, kind: 'flashcard', answerText: accepted.map((a) => tidy(a.text)).join(' / '), hashOptions: [], explanation: explanation([...accepted.map((a) => a.feedback), ...partial]) };
  }

  function skip(reason: string, code = 'answer-invalid'): null {
    report(block.line, `question skipped: ${reason}`, code, code === 'essay' || code === 'matching' ? 'warning' : 'error');
    return null;
  }
}

/** `####general feedback` at the end of the braces. */
function splitGeneralFeedback(inner: string): [string, string] {
  const at = inner.indexOf('####');
  return at < 0 ? [inner, ''] : [inner.slice(0, at), inner.slice(at + 4)];
}
