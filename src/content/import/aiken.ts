// Moodle's Aiken format (.txt) -> one deck of multiple-choice questions. Many quiz tools and question
// generators export it:
//
//   Which service stores objects?
//   A. Amazon EBS
//   B) Amazon S3
//   ANSWER: B
//
// Read liberally, as real files vary: a question over several lines (a blank line inside it kept as a
// paragraph break), `A.` or `A)` labels in either case, an option's continuation lines, `Answer: B`,
// several answers (`A, C`, `AC`), an `EXPLANATION:` (or `Explanation:`) line after the answer, a question
// number in front (`3.`, `Q3.`, `Question 3:`), `#` settings lines on top as in CSV, `Unit 2` headings and
// numbering restarting under them (aiken-headings.ts), `Answer: 3` with no options as a flashcard, a line of the
// answer's letters only (`D`, `bc`) under the options (a copied Quizlet or exam-dump page, whose page text is
// skipped with a warning). Anything else is reported with its line; nothing is dropped silently.
import type { Finding, ParseResult, Question, QuestionOption } from '../types.js';
import { tidy } from '../text.js';
import { shownPlainText as shown } from './code-text.js';
import { addQuestion, importedDeck, matchAnswer, questionId, type AnswerMatch } from './deck.js';
import { runningNumbers, splitHeading } from './aiken-headings.js';
import { importSource, leadingSettings } from './settings.js';

export const AIKEN_DIALECT = 'aiken questions';

const OPTION = /^\s*([A-Za-z])\s*[.)]\s+(\S.*)$/;
const ANSWER = /^\s*ANSWER\s*[:：]\s*(.*)$/i;
const EXPLANATION = /^\s*EXPLANATION\s*[:：]\s*(.*)$/i;
const NUMBER = /^\s*(?:Q(?:uestion)?\s*)?(\d{1,4})\s*[.):]\s+/i;

/** Quizlet's set page between its sections (`Not studied (339)`, `Select these 339`), copied with the questions. */
const QUIZLET_PAGE = /^\s*(?:(?:Not studied|Still learning|Mastered|Studied)\s*\(\d+\)|You haven['’]t studied these terms yet!?|You['’]ve (?:started|begun) learning these terms[^\n]{0,80}|Select these \d+)\s*$/i;

/** A line of option letters only (`D`, `bc`, `A, D`): the answer, as a copied Quizlet or exam-dump page writes it. */
// Separators bounded: `\s*[,&]?\s*` between letters was quadratic on a letter and a long run of spaces.
const BARE_ANSWER = /^\s*([A-Za-z](?:[\s,&]{0,3}[A-Za-z]){0,5})\s*$/;

/** For each line: whether an `ANSWER:` line comes after it, before the next blank line (one pass, from the end). */
function answerLinesAhead(lines: readonly string[]): boolean[] {
  const ahead = new Array<boolean>(lines.length).fill(false);
  let next = false;
  for (let j = lines.length - 1; j >= 0; j--) {
    ahead[j] = next;
    const text = lines[j]!;
    next = !text.trim() ? false : ANSWER.test(text) ? true : next;
  }
  return ahead;
}

/** The labels a bare answer line names, when each is one of `labels` (the options above it) and none repeats. */
function bareAnswer(line: string, labels: ReadonlySet<string>): string | undefined {
  const m = BARE_ANSWER.exec(line);
  if (!m) return undefined;
  const letters = m[1]!.replace(/[\s,&]/g, '').toUpperCase();
  return [...letters].every((l) => labels.has(l)) && new Set(letters).size === letters.length ? [...letters].join(', ') : undefined;
}

/**
 * True when some `ANSWER:` line follows an option line (blank lines between allowed), or when two questions or
 * more end with a line of their options' letters only (`D`, `bc`) right after their options.
 */
export function looksLikeAiken(source: string): boolean {
  let lastFilled = '';
  let labels = new Set<string>();
  let bare = 0;
  for (const line of source.split('\n')) {
    if (!line.trim()) continue;
    if (ANSWER.test(line) && OPTION.test(lastFilled)) return true;
    const option = OPTION.exec(line);
    if (option) labels.add(option[1]!.toUpperCase());
    else {
      if (OPTION.test(lastFilled) && bareAnswer(line, labels) && ++bare >= 2) return true;
      labels = new Set();
    }
    lastFilled = line;
  }
  return false;
}

interface Draft {
  line: number;
  prompt: string[];
  /** `continuedAt`: the line of the option's first continuation line. */
  options: { id: string; text: string[]; line: number; continuedAt?: number }[];
  /** Reported already (options out of order): skipped at its ANSWER. */
  broken?: boolean;
}

export function parseAikenQuestions(rawSource: string, path: string): ParseResult {
  const findings: Finding[] = [];
  const source = importSource(rawSource);
  const lead = leadingSettings(source);
  const deck = importedDeck(path, lead.settings, findings, lead.settingsLine);
  const lines = lead.body.split('\n');
  const answerAhead = answerLinesAhead(lines);
  let draft: Draft | null = null;
  /** The question the last ANSWER line finished ('skipped': reported, its explanation goes with it). */
  let last: Question | 'skipped' | null = null;
  let running = 0;
  /** The heading (`Unit 2`) above the last numbered question: the group of the questions after it. */
  let group: string | undefined;
  const served: { q: Question; written?: number }[] = [];
  /** An EXPLANATION's text runs on to the next blank line. */
  let explaining = false;
  const report = (line: number, message: string, code: string, severity: 'error' | 'warning' = 'error') =>
    findings.push({ path, line, severity, message, code });
  const unfinished = (d: Draft) =>
    d.options.length
      ? report(d.line, 'question skipped: its options are not followed by an "ANSWER: <letter>" line', 'no-answer')
      : report(d.line, 'text skipped: no options ("A. …") and no "ANSWER:" line follow it', 'no-options');

  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const lineNo = i + 1;
    if (!draft?.prompt.length && QUIZLET_PAGE.test(text)) {
      report(lineNo, `text skipped: "${text.trim()}" is Quizlet's page text between the questions, not part of one`, 'page-text', 'warning');
      continue;
    }
    if (!text.trim()) {
      explaining = false;
      if (draft && !draft.options.length && draft.prompt.length) draft.prompt.push('');
      continue;
    }
    // After options, a line of their letters only is the answer (`D`, `bc`: a copied Quizlet or exam-dump page).
    // Not when an ANSWER line follows before the next blank line: then the line is an option's continuation (`cab`).
    const bare = draft?.options.length && !draft.broken && !answerAhead[i] ? bareAnswer(text, new Set(draft.options.map((o) => o.id))) : undefined;
    const answer = ANSWER.exec(text) ?? (bare ? ['', bare] : null);
    if (answer) {
      if (!draft?.options.length) {
        const filled = draft?.prompt.filter((l) => l.trim()) ?? [];
        if (draft && filled.length && filled.every((l) => OPTION.test(l))) {
          // Options with no question above them (Moodle's own error case): not a flashcard of the option.
          report(draft.line, `question skipped: option "${filled[0]!.slice(0, 60)}" has no question text above it`, 'no-prompt');
          draft = null;
          continue;
        }
        if (draft && filled.length) {
          // A question with its answer and no options (`Answer: 3`): a flashcard.
          last = finish(draft, answer[1]!, lineNo) ?? 'skipped';
          draft = null;
          continue;
        }
        report(lineNo, 'ANSWER line without a question and its options before it', 'answer-without-question');
        draft = null;
        continue;
      }
      last = (draft.broken ? null : finish(draft, answer[1]!, lineNo)) ?? 'skipped';
      draft = null;
      continue;
    }
    const explanation = EXPLANATION.exec(text);
    if ((explanation || explaining) && !draft) {
      if (last) {
        if (last !== 'skipped') last.explanation = [last.explanation, shown(explanation ? explanation[1]! : text)].filter(Boolean).join('\n');
        explaining = true;
      } else report(lineNo, 'EXPLANATION line without a question before it', 'explanation-without-question', 'warning');
      continue;
    }
    const option = OPTION.exec(text);
    const letter = option?.[1]!.toUpperCase();
    if (option && draft?.prompt.length && expectedLetter(draft) === letter) {
      draft.options.push({ id: letter, text: [option[2]!], line: lineNo });
      continue;
    }
    if (option && draft?.options.length) {
      const lastOption: Draft['options'][number] = draft.options.at(-1)!;
      if (letter === 'A' && lastOption.continuedAt !== undefined) {
        // A new question began with no ANSWER before it: its text was read as the last option's continuation.
        const prompt = lastOption.text.splice(1);
        unfinished(draft);
        draft = { line: lastOption.continuedAt, prompt, options: [{ id: 'A', text: [option[2]!], line: lineNo }] };
        continue;
      }
      if (!draft.broken) report(lineNo, `question skipped: option ${letter} after ${lastOption.id} (options run A, B, C…)`, 'option-order');
      draft.broken = true;
      continue;
    }
    if (draft?.options.length) {
      // After the options, a line that is no next option continues the last one, unless a blank line came first.
      if (lines[i - 1]?.trim()) {
        const lastOption = draft.options.at(-1)!;
        lastOption.continuedAt ??= lineNo;
        lastOption.text.push(text.trim());
        continue;
      }
      unfinished(draft);
      draft = null;
    }
    if (!draft) {
      last = null;
      draft = { line: lineNo, prompt: [], options: [] };
    }
    draft.prompt.push(text.trim());
  }
  if (draft) unfinished(draft);
  runningNumbers(served, path, findings);
  if (!deck.questions.length) report(lead.firstLine, 'no questions in this file: Aiken questions are a question, options "A. …", then "ANSWER: A"', 'no-questions');
  findings.sort((a, b) => a.line - b.line);
  return { deck, findings, dialect: AIKEN_DIALECT };

  function finish(d: Draft, written: string, answerLine: number): Question | null {
    const headed = splitHeading(d.prompt);
    if (headed.above.length) {
      const text = headed.above.map((a) => a.text.slice(0, 60)).join(' / ');
      report(d.line + headed.above[0]!.offset, `text skipped: "${text}" is a heading above the question, not part of it`, 'heading', 'warning');
    }
    if (headed.group) group = headed.group;
    const line = d.line + headed.offset;
    const promptText = headed.prompt.join('\n').trim();
    const number = NUMBER.exec(promptText)?.[1];
    const prompt = number ? promptText.replace(NUMBER, '') : promptText;
    if (!d.options.length) {
      if (!tidy(written) || /^[A-Za-z](?:\s*(?:,|and)\s*[A-Za-z])*$/.test(tidy(written))) {
        // `A)Text` (no space after the label) is no option, as in Moodle: say so rather than only "no options".
        const glued = headed.prompt.find((l) => /^\s*[A-Za-z][.)]\S/.test(l));
        const hint = glued ? `; "${glued.trim().slice(0, 40)}" is not read as an option: put a space after "${glued.trim().slice(0, 2)}"` : '';
        const why = tidy(written) ? `its ANSWER names option ${tidy(written)} but no options ("A. …") were read${hint}` : 'its ANSWER line is empty and it has no options';
        report(answerLine, `question skipped: ${why}`, tidy(written) ? 'no-options' : 'no-answer');
        return null;
      }
      return serve(
        { id: questionId(deck.id, tidy(prompt), []), deckId: deck.id, number: '', kind: 'flashcard', prompt: shown(prompt), options: [], correct: [], answerText: shown(written), explanation: '', scored: false, source: { path, line } },
        number,
      );
    }
    if (d.options.length < 2) {
      report(d.line, 'question skipped: only one option', 'one-option', 'warning');
      return null;
    }
    const hashed: QuestionOption[] = d.options.map((o) => ({ id: o.id, text: tidy(o.text.join(' ')) }));
    // Aiken's ANSWER is a label by definition: `ANSWER: A` is option A even where option B's text is "A".
    const letters = answerLetters(written.trim(), hashed);
    const labels = letters.split(/\s*,\s*/);
    const match: AnswerMatch = labels.every((l) => /^[A-Za-z]$/.test(l) && hashed.some((o) => o.id === l.toUpperCase()))
      ? { correct: [...new Set(labels.map((l) => l.toUpperCase()))] }
      : matchAnswer(letters, hashed);
    if ('problem' in match) {
      report(answerLine, `question skipped: ${match.problem}`, 'answer-invalid');
      return null;
    }
    if (match.alsoReads) report(answerLine, `the answer is ambiguous: ${match.alsoReads}; write the option's label so that only one reading fits`, 'answer-ambiguous', 'warning');
    const q: Question = {
      id: questionId(deck.id, tidy(prompt), hashed),
      deckId: deck.id,
      number: '',
      kind: 'choice',
      prompt: shown(prompt),
      options: d.options.map((o) => ({ id: o.id, text: shown(o.text.join(' '), { inline: true }) })),
      correct: match.correct,
      explanation: '',
      scored: true,
      source: { path, line },
    };
    return serve(q, number);
  }

  function serve(q: Question, number: string | undefined): Question {
    // Unnumbered questions count on from the last written number.
    running = number ? Number(number) : running + 1;
    q.number = String(running);
    if (group) q.group = group;
    addQuestion(deck, q, findings);
    if (deck.questions.at(-1) === q) served.push({ q, written: number ? Number(number) : undefined });
    return q;
  }
}

/** The letter the next option should have: A, then B… (in the case the first one used). */
function expectedLetter(d: Draft): string {
  return String.fromCharCode(65 + d.options.length);
}

/** `AC` (letters run together) as `A, C` when each letter is an option; `B. Amazon S3` as `B`. */
function answerLetters(answer: string, options: QuestionOption[]): string {
  const labelled = OPTION.exec(answer);
  if (labelled && options.some((o) => o.id === labelled[1]!.toUpperCase())) return labelled[1]!;
  if (!/^[A-Za-z]{2,}$/.test(answer)) return answer;
  const letters = [...answer.toUpperCase()];
  return letters.every((l) => options.some((o) => o.id === l)) ? letters.join(', ') : answer;
}
