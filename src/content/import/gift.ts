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
import { shownPlainText as shown } from './code-text.js';
import { addQuestion, importedDeck, letterLabel, questionId } from './deck.js';
import { giftHtmlText } from './gift-html.js';
import { importSource, leadingSettings } from './settings.js';

export const GIFT_DIALECT = 'gift questions';

/** Marks an escaped character while the text is split; restored at the end. */
const ESCAPED: Record<string, string> = { '~': '\uE100', '=': '\uE101', '#': '\uE102', '{': '\uE103', '}': '\uE104', ':': '\uE105' };
const escape = (text: string): string => text.replace(/\\([~=#{}:])/g, (_m, c: string) => ESCAPED[c]!).replace(/\\n/g, '\n');
const unescape = (text: string): string => text.replace(/[\uE100-\uE105]/g, (c) => Object.keys(ESCAPED)[c.charCodeAt(0) - 0xe100]!);

/** True when some question's answer block holds `=` / `~` answers or T/F, or a `::title::` opens a line. */
export function looksLikeGift(source: string): boolean {
  const text = escape(source);
  return /\{[^{}]*(?:^|\s|\})[=~][^{}]*\}/m.test(text) || /\{\s*(?:T|F|TRUE|FALSE)\s*(?:#[^{}]*)?\}/.test(text) || /^\s*::[^:\n]+::/m.test(text);
}

interface Block {
  line: number;
  text: string;
  category: string | undefined;
}

interface Answer {
  text: string;
  /** The text as read before [html] kept lines and links: what ids are hashed from. */
  hashed: string;
  right: boolean;
  feedback: string;
}

export function parseGiftQuestions(rawSource: string, path: string): ParseResult {
  const findings: Finding[] = [];
  const source = importSource(rawSource);
  const lead = leadingSettings(source.replace(/^\s*\/\/.*$/gm, (m) => ' '.repeat(m.length)));
  const deck = importedDeck(path, lead.settings, findings, lead.settingsLine);
  const report = (line: number, message: string, code: string, severity: 'error' | 'warning' = 'error') => findings.push({ path, line, severity, message, code });
  let running = 0;
  // The settings lines found with comments blanked; the questions read from the file as written (a comment
  // line inside a question does not end it).
  const body = '\n'.repeat(lead.firstLine - 1) + source.split('\n').slice(lead.firstLine - 1).join('\n');
  for (const block of blocksOf(body)) {
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

/** Questions are separated by blank lines; `//` comment lines and `$CATEGORY:` lines are not questions. */
function blocksOf(body: string): Block[] {
  const blocks: Block[] = [];
  let category: string | undefined;
  let current: { line: number; lines: string[] } | null = null;
  const close = () => {
    if (current) blocks.push({ line: current.line, text: current.lines.join('\n'), category });
    current = null;
  };
  body.split('\n').forEach((line, i) => {
    if (/^\s*\/\//.test(line)) return;
    const cat = /^\s*\$CATEGORY:\s*(.*)$/i.exec(line);
    if (cat) {
      close();
      category = cat[1]!.split('/').filter((p) => p && !/^\$\w+\$$/.test(p)).at(-1)?.trim() || undefined;
      return;
    }
    if (!line.trim()) return close();
    (current ??= { line: i + 1, lines: [] }).lines.push(line);
  });
  close();
  return blocks;
}

type Reporter = (line: number, message: string, code: string, severity?: 'error' | 'warning') => void;
type Parsed = Omit<Question, 'id' | 'deckId' | 'number' | 'source'> & { hashPrompt: string; hashOptions: QuestionOption[] };

function questionOf(block: Block, report: Reporter): Parsed | null {
  let text = escape(block.text).replace(/^\s*::(?:[^:]|:(?!:))*::/, '');
  const format = /^\s*\[(html|markdown|plain|moodle)\]/i.exec(text)?.[1]?.toLowerCase();
  if (format) text = text.replace(/^\s*\[\w+\]/, '');
  const open = text.indexOf('{');
  const close = open < 0 ? -1 : text.indexOf('}', open);
  if (open < 0 || close < 0) {
    report(block.line, open < 0 ? 'question skipped: no answers in braces, {=right ~wrong}' : 'question skipped: its "{" is never closed', 'no-answer');
    return null;
  }
  const images: string[] = [];
  const plain = (t: string) => (format === 'html' ? giftHtmlText(unescape(t), images) : unescape(t));
  // Ids are hashed from the text as it was read before [html] kept lines, links and pictures.
  const hashed = (t: string) => unescape(format === 'html' ? htmlToText(t) : t);
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
  if (images.length) report(block.line, `pictures are not part of a GIFT export; shown by their alt text or file name (${[...new Set(images)].join(', ')})`, 'image', 'warning');
  const base = { prompt: shown(prompt), hashPrompt: tidy(withBlank(hashed)), explanation: '', scored: false, correct: [] as string[], options: [] as QuestionOption[], ...(block.category ? { domain: block.category } : {}) };
  const explanation = (notes: string[]) => [...notes, plain(general)].map((n) => tidy(n)).filter(Boolean).join('\n');

  const trueFalse = /^\s*(T|TRUE|F|FALSE)\s*((?:#[^#]*)*)$/i.exec(body);
  if (trueFalse) {
    const right = /^T/i.test(trueFalse[1]!) ? 'A' : 'B';
    const options = [{ id: 'A', text: 'True' }, { id: 'B', text: 'False' }];
    const notes = trueFalse[2]!.split('#').map(plain);
    return { ...base, kind: 'choice', options, hashOptions: options, correct: [right], scored: true, explanation: explanation(notes) };
  }
  const numeric = /^\s*#\s*([^#]*)((?:#[^#]*)*)$/.exec(body);
  if (numeric) {
    // The first right answer: `3.5`, `3.5:0.5` (± 0.5), `1..5`; `=3.5:0.5 =%50%3:1` gives 3.5.
    const answer = plain(numeric[1]!).trim().replace(/^=\s*(?:%\d+%)?/, '').split(/\s+=/)[0]!.trim();
    if (!answer) return skip('no number after "#"');
    return { ...base, kind: 'flashcard', answerText: answer.replace(/:(.+)$/, ' (± $1)'), hashOptions: [], explanation: explanation(numeric[2]!.split('#').map(plain)) };
  }
  const answers = answersOf(body, plain, hashed);
  if (answers.some((a) => !tidy(a.text))) return skip('an answer in the braces is empty (a lone "=" or "~")');
  if (!answers.length) return skip(body.trim() ? `answers not understood: "${tidy(plain(body)).slice(0, 60)}"` : 'an essay question (empty braces) has no answer to check', body.trim() ? 'answer-invalid' : 'essay');
  const wrong = answers.filter((a) => !a.right);
  if (!wrong.length && answers.every((a) => a.text.includes('->'))) return skip('a matching question (a -> b) is not served', 'matching');
  if (!wrong.length) {
    // Only right answers: a short-answer question, asked as a flashcard.
    return { ...base, kind: 'flashcard', answerText: answers.map((a) => tidy(a.text)).join(' / '), hashOptions: [], explanation: explanation(answers.map((a) => a.feedback)) };
  }
  const options = answers.map((a, i) => ({ id: letterLabel(i), text: shown(a.text, { inline: true }) }));
  const hashOptions = answers.map((a, i) => ({ id: letterLabel(i), text: tidy(a.hashed) }));
  const correct = answers.flatMap((a, i) => (a.right ? [letterLabel(i)] : []));
  if (!correct.length) return skip('no right answer (no "=" and no positive %weight%)', 'no-answer');
  const notes = answers.flatMap((a, i) => (a.feedback ? [`${letterLabel(i)}) ${tidy(a.feedback)}`] : []));
  return { ...base, kind: 'choice', options, hashOptions, correct, scored: true, explanation: explanation(notes) };

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

/** `=right #feedback ~wrong ~%50%half`: each answer with whether it is right and its feedback. */
function answersOf(body: string, plain: (t: string) => string, hashed: (t: string) => string): Answer[] {
  const parts = body.split(/(?=[=~])/).map((p) => p.trim()).filter(Boolean);
  if (!parts.length || parts.some((p) => !/^[=~]/.test(p))) return [];
  return parts.map((p) => {
    const weight = /^[=~]\s*%(-?\d+(?:\.\d+)?)%/.exec(p);
    const right = weight ? Number(weight[1]) > 0 : p.startsWith('=');
    const rest = p.replace(/^[=~]\s*(?:%-?\d+(?:\.\d+)?%)?/, '');
    const [answer, ...feedback] = rest.split('#');
    return { text: plain(answer!).trim(), hashed: hashed(answer!).trim(), right, feedback: plain(feedback.join('#')).trim() };
  });
}
