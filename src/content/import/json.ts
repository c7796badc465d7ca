// A JSON question bank (.json) -> one deck. Quiz apps and public AWS quiz repositories keep questions as an
// array of objects, an object holding such an array (`{"questions": […]}`, `{"results": […]}`), one array per
// topic (`{"EC2": […], "S3": […]}`, the key becoming the questions' domain), or one question per file. Keys
// are read by the CSV header vocabulary (json-fields.ts); each object that is no question is reported at the
// line where it starts (json-tree.ts). Nesting is walked with a stack and bounded, so no file can exhaust it.
import type { Finding, ParseResult } from '../types.js';
import { decodeEntities, tidy } from '../text.js';
import { writesHtml } from './rows.js';
import { writesEntityText } from './html-entities.js';
import { addQuestion, importedDeck, type DeckSettings } from './deck.js';
import { fieldsOf, firstText, isObj, rawOptions, textOf, type Obj } from './json-fields.js';
import { questionOf } from './json-question.js';
import { readJson, type JsonLines } from './json-tree.js';
import { importSource } from './settings.js';

export const JSON_DIALECT = 'json questions';

/** How deep question lists may sit (`{"data": {"quiz": {"questions": […]}}}` is 3). */
const MAX_DEPTH = 8;
/** Objects reported one by one; past this, one finding counts the rest. */
const MAX_REPORTED = 50;

/** Keys that hold the list rather than name a topic. */
const CONTAINERS = new Set(['questions', 'question list', 'items', 'data', 'results', 'quiz', 'quizzes', 'cards', 'flashcards', 'deck', 'bank', 'question bank', 'entries', 'list', 'records', 'rows', 'content', 'exam', 'test', 'mcqs', 'mcq',
  // Lists named by question type (`{"quiz_title": …, "multiple_choice": […]}`): a type, not a topic.
  'multiple choice', 'multiple choice questions', 'single choice', 'multiple answer', 'true false', 'true or false', 'short answer', 'flash cards']);

/** Keys that name the topic of the lists beside them (`{"category": "Storage", "questions": […]}`). */
const TOPIC_KEYS = ['category', 'topic', 'domain', 'section', 'subject', 'chapter', 'module', 'unit'];
/** Below the top level a list's `name` / `title` names its topic too (`{"categories": [{"name": "EC2", "questions": […]}]}`). */
const NAME_KEYS = ['name', 'title'];

/** The topic an object gives the lists it holds: its category (any level), or its name (below the top level). */
function topicOf(o: Obj, depth: number): string | undefined {
  const keys = depth > 0 ? [...TOPIC_KEYS, ...NAME_KEYS] : TOPIC_KEYS;
  const found = keys.map((k) => Object.entries(o).find(([key]) => key.toLowerCase() === k)?.[1]).find((v) => typeof v === 'string' && v.trim() && v.length <= 120);
  return typeof found === 'string' ? tidy(found) : undefined;
}

const UNDERSTOOD =
  'an array of question objects ({"question": "…", "options": ["…", "…"], "answer": "B"}), an object holding such arrays ({"questions": […]}, or one per topic: {"EC2": […], "S3": […]}), or one question object';

interface Bank {
  items: unknown[];
  domain?: string;
}

const hasPrompt = (v: unknown): boolean => {
  if (!isObj(v)) return false;
  const f = fieldsOf(v);
  return !!firstText(f.question).trim() || (!!firstText(f.concept).trim() && !!firstText(f.definition).trim());
};

const containerKey = (k: string): boolean => CONTAINERS.has(k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim());

/** The question lists in a parsed file, in written order; a lone question object is a list of one. */
function banksOf(root: unknown): Bank[] {
  if (hasPrompt(root)) return [{ items: [root] }];
  const banks: Bank[] = [];
  const todo: { value: unknown; domain?: string; depth: number }[] = [{ value: root, depth: 0 }];
  while (todo.length) {
    const { value, domain, depth } = todo.pop()!;
    if (depth > MAX_DEPTH) continue;
    if (Array.isArray(value)) {
      if (value.some(hasPrompt)) {
        banks.push({ items: value, ...(domain ? { domain } : {}) });
        continue;
      }
      for (let i = value.length - 1; i >= 0; i--) if (value[i] !== null && typeof value[i] === 'object') todo.push({ value: value[i], ...(domain ? { domain } : {}), depth: depth + 1 });
    } else if (isObj(value)) {
      const entries = Object.entries(value).filter(([, v]) => v !== null && typeof v === 'object');
      const own = topicOf(value, depth) ?? domain;
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i]!;
        // A key is a topic unless it names the list (`questions`) or is a number (`{"1": […]}`, keyed by an id).
        const topic = containerKey(k) || /^\d+$/.test(k.trim()) || depth > 2 ? own : tidy(k) || own;
        todo.push({ value: v, ...(topic ? { domain: topic } : {}), depth: depth + 1 });
      }
    }
  }
  return banks;
}

/** `title` / `name` / `exam`, `description`, `command` at the top of an object file. */
function settingsOf(root: unknown): DeckSettings {
  if (!isObj(root) || hasPrompt(root)) return {};
  const pick = (...keys: string[]) => keys.map((k) => textOf(root[k])).find((t) => typeof t === 'string' && t.trim() && t.length <= 200);
  const settings: DeckSettings = {};
  const title = pick('title', 'name', 'quizTitle', 'quiz_title', 'exam', 'examName', 'exam_name');
  const description = pick('description');
  const command = pick('command');
  if (title) settings.title = title;
  if (description) settings.description = description;
  if (command) settings.command = command;
  return settings;
}

/**
 * Numbers as answers count from 1 when none is 0 and some names the last option; else from 0 (array
 * indexes). `unsure`: numbers answer questions with options, none is 0 and none names the last option, so
 * either reading fits.
 */
function countsFromOne(items: Obj[]): { oneBased: boolean; unsure: boolean } {
  let zero = false;
  let last = false;
  let either = false;
  for (const item of items) {
    const f = fieldsOf(item);
    const n = rawOptions(f).options.length;
    for (const a of f.answer) {
      if (a.index || a.byId) continue;
      for (const v of Array.isArray(a.value) ? a.value : [a.value]) {
        if (!n || typeof v !== 'number') continue;
        if (v >= 1 && v < n) either = true;
        if (v === 0) zero = true;
        if (v === n) last = true;
      }
    }
  }
  return { oneBased: !zero && last, unsure: either && !zero && !last };
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'string' ? 'text' : `a ${typeof v}`);

const keyList = (o: Obj): string =>
  Object.keys(o).slice(0, 10).map((k) => `"${k.replace(/\s+/g, ' ').slice(0, 40)}${k.length > 40 ? '…' : ''}"`).join(', ') || '(none)';

function describe(root: unknown): string {
  if (isObj(root)) return `its top level is an object with keys ${keyList(root)}`;
  if (Array.isArray(root)) {
    const first = root.find(isObj);
    return first ? `its top level is a list of objects with keys ${keyList(first)}` : `its top level is a list of ${root.length ? kindOf(root[0]) : 'nothing'}`;
  }
  return `its top level is ${kindOf(root)}`;
}

export function parseJsonBank(rawSource: string, path: string): ParseResult {
  const findings: Finding[] = [];
  const source = importSource(rawSource);
  const read = readJson(source);
  if ('error' in read) {
    const deck = importedDeck(path, {}, findings);
    findings.push({ path, line: read.line, severity: 'error', message: `not valid JSON: ${read.error}; nothing in this file was read`, code: 'json-syntax' });
    return { deck, findings, dialect: JSON_DIALECT };
  }
  const { value: root, lines } = read;
  const deck = importedDeck(path, settingsOf(root), findings);
  const banks = banksOf(root);
  if (!banks.length) {
    findings.push({ path, line: 1, severity: 'error', message: `not a question bank: ${describe(root)}; a .json file in the content folder must be ${UNDERSTOOD}; see docs/content-intake.md`, code: 'not-a-deck' });
    return { deck, findings };
  }
  const objects = banks.flatMap((b) => b.items.filter(isObj));
  const cells = objects.map((o) => Object.values(o).flatMap((v) => (Array.isArray(v) ? v : [v]).map((x) => textOf(x) ?? '')));
  // Open Trivia DB's default encoding writes every quote and ampersand as an HTML entity (`Guy&#039;s`, `&quot;2001&quot;`):
  // such a file is read as HTML text is, entities decoded.
  const htmlFile = writesHtml(cells) || writesEntities(cells) || writesEntityText(cells, decodeEntities);
  const { oneBased, unsure } = countsFromOne(objects);
  if (unsure) {
    findings.push({
      path, line: 1, severity: 'warning', code: 'answer-count',
      message: 'answers given as numbers are counted from 0 (0 = the first option): none is 0 and none names the last option, so the file could count from 1 instead; check a few answers, or give them as letters or option text',
    });
  }
  const maxOptions = Math.max(0, ...objects.map((o) => rawOptions(fieldsOf(o)).options.length));
  let reported = 0;
  let unreported = 0;
  const report = (f: Finding) => (reported++ < MAX_REPORTED ? findings.push(f) : unreported++);
  const written: (string | undefined)[] = [];
  for (const bank of banks) {
    const itemLines = lines.items.get(bank.items) ?? [];
    for (const [i, item] of bank.items.entries()) {
      const line = itemLines[i] ?? lineOf(bank.items, lines);
      if (!isObj(item)) {
        report({ path, line, severity: 'error', message: `item ${i + 1} of the question list skipped: ${kindOf(item)}, not a question object`, code: 'not-a-question' });
        continue;
      }
      const built = questionOf(item, { path, line, deckId: deck.id, htmlFile, oneBased, maxOptions, ...(bank.domain ? { domain: bank.domain } : {}) });
      if ('problem' in built) {
        report({ path, line, severity: built.severity, message: built.problem, code: built.code });
        continue;
      }
      for (const w of built.warnings) report({ path, line, severity: 'warning', message: w.message, code: w.code });
      const before = deck.questions.length;
      built.question.number = numberOf(item) ?? String(before + 1);
      addQuestion(deck, built.question, findings);
      if (deck.questions.length > before) written.push(numberOf(item));
    }
  }
  if (unreported) findings.push({ path, line: 1, severity: 'warning', message: `${unreported} more objects skipped, not listed (the first ${MAX_REPORTED} are)`, code: 'not-a-question' });
  numberQuestions(deck.questions, written);
  if (!deck.questions.length) findings.push({ path, line: 1, severity: 'error', message: 'no usable questions in this file', code: 'no-questions' });
  findings.sort((a, b) => a.line - b.line);
  return { deck, findings, dialect: JSON_DIALECT };
}

const lineOf = (value: object, lines: JsonLines): number => lines.of.get(value) ?? 1;

/** Quotes written as entities (`&quot;`, `&#039;`): nobody types them into JSON, which holds quotes as they are. */
const QUOTE_ENTITY = /&(?:quot|apos|#0*3[49]|#x0*2[27]);/i;

/** Two cells write quotes as entities and none writes a quote as it is: the whole file is entity-encoded. */
function writesEntities(records: string[][]): boolean {
  let seen = 0;
  for (const cells of records) {
    for (const cell of cells) {
      if (/["']/.test(cell)) return false;
      if (QUOTE_ENTITY.test(cell)) seen++;
    }
  }
  return seen >= 2;
}

/** A written number (`"number": "12"`, `"question_no": 3`, `"id": "Q7"`). */
function numberOf(item: Obj): string | undefined {
  const n = tidy(firstText(fieldsOf(item).number));
  return /^Q?\d{1,6}$/i.test(n) ? n : undefined;
}

/** Written numbers when every question has a distinct one, else 1, 2, … in order (as CSV rows are numbered). */
function numberQuestions(questions: { number: string }[], written: (string | undefined)[]): void {
  const usable = written.every(Boolean) && new Set(written.map((w) => w!.toUpperCase())).size === written.length;
  questions.forEach((q, i) => (q.number = usable ? written[i]! : String(i + 1)));
}
