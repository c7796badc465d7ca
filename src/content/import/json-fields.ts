// The parts of one JSON question object, by what its keys name: the CSV header vocabulary (columns.ts) read
// from camelCase and snake_case keys (`questionText`, `correct_answer`, `optionA`), plus the few keys only JSON
// banks use (columns.ts JSON_KEYS). Values are read liberally: a string, a number, a list, or an object of
// translations (`{"en": …, "zh": …}`, English taken when there is one).
import { headerRole, JSON_KEYS, keyOf, type HeaderRole } from './columns.js';
import { letterLabel } from './deck.js';
import type { FeedbackKind } from './feedback.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What the keys of one object hold, each role with its keys in written order. */
export interface Fields {
  question: unknown[];
  /** Options: one list (`options`, `choices`), or labelled keys (`A`, `optionB`). */
  optionList: unknown[];
  labelled: { label: string; value: unknown }[];
  /**
   * `alternatives`: each listed value is an answer on its own (`accepted_answers`), not one part of it. `byId`: the
   * value is an option's own id (`correctOptionId`, `"correctAnswer": {"number": 2, …}`), matched to ids first.
   */
  answer: { value: unknown; index: boolean; alternatives?: boolean; byId?: boolean }[];
  wrong: unknown[];
  explanation: unknown[];
  /** `correctFeedback`, `incorrectFeedback`, `generalFeedback`, `feedback_ok` (feedback.ts). */
  feedback: { kind: FeedbackKind; value: unknown }[];
  hint: unknown[];
  domain: unknown[];
  concept: unknown[];
  definition: unknown[];
  number: unknown[];
  code: unknown[];
}

const INDEX_SUFFIX = /\s+(?:index|idx)$/i;
/** `correctOptionId`, `answer_id`: the option's own id. */
const ID_SUFFIX = /\s+ids?$/i;

/** `questionText` -> `question Text`, so the CSV names (`question text`) apply. */
const spaced = (k: string): string => k.replace(/([a-z0-9])([A-Z])/g, '$1 $2');

function roleOfKey(k: string): { role: HeaderRole | 'wrong' | 'hint' | 'tags'; index: boolean; byId?: boolean } | undefined {
  const name = spaced(k);
  const role = headerRole(name);
  if (role) return { role, index: false };
  const plain = keyOf(name);
  if (JSON_KEYS.wrongOptions.has(plain)) return { role: 'wrong', index: false };
  if (JSON_KEYS.hint.has(plain)) return { role: 'hint', index: false };
  if (JSON_KEYS.optionNotes.has(plain)) return { role: 'explanation', index: false };
  if (JSON_KEYS.tags.has(plain)) return { role: 'tags', index: false };
  // `correctIndex`, `answer_index`, `correctChoiceIndex`: a 0-based position.
  if (INDEX_SUFFIX.test(name)) {
    const base = headerRole(name.replace(INDEX_SUFFIX, ''));
    if (base === 'answer') return { role: 'answer', index: true };
  }
  if (ID_SUFFIX.test(name) && headerRole(name.replace(ID_SUFFIX, '')) === 'answer') return { role: 'answer', index: false, byId: true };
  return undefined;
}

/** Keys of an answer written as an object (`{"number": 2, "explanation": "…"}`) that name the option. */
const ANSWER_ID_KEYS = ['id', 'number', 'key', 'label', 'letter', 'option'];

/** An answer object: the option it names (by id), its explanation moved to the question's; other values as they are. */
function answerObject(a: Fields['answer'][number], f: Fields): Fields['answer'][number] {
  if (!isObj(a.value) || textOf(a.value) !== undefined) return a;
  const o = a.value;
  for (const [k, v] of Object.entries(o)) {
    const role = headerRole(spaced(k));
    if (role === 'explanation' && textOf(v)?.trim()) f.explanation.push(v);
    // `codeExample` beside the answer: shown after the explanation, as code.
    if (role === 'code' && textOf(v)?.trim()) f.explanation.push(`\`\`\`\n${textOf(v)!.replace(/^\n+|\s+$/g, '')}\n\`\`\``);
  }
  const idKey = ANSWER_ID_KEYS.find((k) => typeof o[k] === 'string' || typeof o[k] === 'number');
  if (idKey) return { value: o[idKey], index: false, byId: true };
  const textKey = TEXT_KEYS.find((k) => typeof textOf(o[k]) === 'string');
  return textKey ? { value: o[textKey], index: false } : a;
}

export function fieldsOf(obj: Obj): Fields {
  const f: Fields = { question: [], optionList: [], labelled: [], answer: [], wrong: [], explanation: [], feedback: [], hint: [], domain: [], concept: [], definition: [], number: [], code: [] };
  for (const [k, value] of Object.entries(obj)) {
    if (value === null || value === undefined || value === '') continue;
    const r = roleOfKey(k);
    if (!r) continue;
    const { role } = r;
    if (typeof role === 'object') {
      if ('option' in role) f.labelled.push({ label: role.option, value });
      else if ('feedback' in role) f.feedback.push({ kind: role.feedback, value });
      else f.explanation.push({ [role.note]: value });
    } else if (role === 'answer') f.answer.push({ value, index: r.index, ...(/accept/i.test(k) ? { alternatives: true } : {}), ...(r.byId ? { byId: true } : {}) });
    else if (role === 'optionList') f.optionList.push(value);
    else if (role === 'tags') f.domain.push(value);
    else f[role].push(value);
  }
  // `"answers": [{text, correct}…]` or `"answers": [..], "correct_answer": "A"`: the list is the options.
  if (!f.optionList.length && !f.labelled.length) {
    const list = f.answer.findIndex((a) => Array.isArray(a.value) && (a.value.some(isObj) || (f.answer.length > 1 && a.value.length > 1)));
    if (list >= 0) f.optionList.push(f.answer.splice(list, 1)[0]!.value);
  }
  f.answer = f.answer.map((a) => answerObject(a, f));
  return f;
}

const LANGUAGE = /^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$/i;

/** A value as text: strings, numbers, booleans, or the English of a translations object. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObj(v)) {
    const entries = Object.entries(v);
    if (entries.length && entries.every(([k, t]) => LANGUAGE.test(k) && typeof t === 'string')) {
      const english = entries.find(([k]) => /^en(?:$|[-_])/i.test(k));
      return (english ?? entries[0]!)[1] as string;
    }
  }
  return undefined;
}

/** The first value that reads as non-blank text. */
export const firstText = (values: unknown[]): string => values.map(textOf).find((t) => t?.trim()) ?? '';

/** An option as written: its text, the id it was given (`"b"`, a key `B`), whether it says it is correct, its note. */
export interface RawOption {
  text: string;
  id?: string;
  correct?: boolean;
  note?: string;
}

const TEXT_KEYS = ['text', 'value', 'option', 'statement', 'content', 'answer', 'choice', 'title', 'body', 'label', 'name', 'data'];
const ID_KEYS = ['id', 'key', 'label', 'letter', 'number'];
const CORRECT_KEY = /^(?:is[_ ]?)?(?:correct|right|answer)$|^correct[_ ]?answer$/i;
const LABEL_LIKE = /^(?:[A-Za-z]|\d{1,2})$/;

const truthy = (v: unknown): boolean => v === true || v === 1 || (typeof v === 'string' && /^(?:true|yes|1)$/i.test(v));

function optionFromObject(o: Obj): RawOption | undefined {
  const textKey = TEXT_KEYS.find((k) => typeof textOf(o[k]) === 'string' && !(ID_KEYS.includes(k) && LABEL_LIKE.test(String(o[k]))));
  const text = textKey ? textOf(o[textKey])! : textOf(o);
  if (text === undefined) return undefined;
  const idKey = ID_KEYS.find((k) => k !== textKey && (typeof o[k] === 'string' || typeof o[k] === 'number'));
  const flag = Object.keys(o).find((k) => k !== textKey && CORRECT_KEY.test(k) && typeof o[k] !== 'object');
  // An option's `feedback` / `explanation`, or `incorrectFeedback` on an option: why it is right or wrong.
  const note = Object.entries(o).find(([k]) => {
    const role = headerRole(spaced(k));
    return role === 'explanation' || (typeof role === 'object' && 'feedback' in role);
  })?.[1];
  return {
    text,
    ...(idKey ? { id: String(o[idKey]) } : {}),
    ...(flag ? { correct: truthy(o[flag]) } : {}),
    ...(textOf(note)?.trim() ? { note: textOf(note)! } : {}),
  };
}

/** The options of a question, however they are written; `bad` names what could not be read as one. */
export function rawOptions(f: Fields): { options: RawOption[]; bad?: string } {
  if (f.labelled.length) {
    return { options: f.labelled.map((l) => ({ text: textOf(l.value) ?? '', id: l.label })).filter((o) => o.text.trim()) };
  }
  const list = f.optionList[0];
  if (list === undefined) return { options: [] };
  if (typeof list === 'string') {
    const parts = list.includes('\n') ? list.split('\n') : list.includes('|') ? list.split('|') : list.split(';');
    return { options: parts.map((p) => ({ text: p.trim() })).filter((o) => o.text) };
  }
  if (isObj(list) && textOf(list) === undefined) {
    // {"A": "…", "B": {"en": "…"}}
    const options = Object.entries(list).map(([id, v]) => ({ text: textOf(v) ?? (isObj(v) ? optionFromObject(v)?.text : undefined), id }));
    const unread = options.find((o) => o.text === undefined);
    if (unread) return { options: [], bad: `option "${unread.id}" is neither text nor an object with a text` };
    return { options: options.filter((o) => o.text!.trim()) as RawOption[] };
  }
  if (!Array.isArray(list)) return { options: [{ text: textOf(list) ?? '' }].filter((o) => o.text.trim()) };
  const options: RawOption[] = [];
  for (const [i, item] of list.entries()) {
    const o = isObj(item) ? optionFromObject(item) : textOf(item) !== undefined ? { text: textOf(item)! } : undefined;
    if (!o) return { options: [], bad: `option ${letterLabel(i)} is ${Array.isArray(item) ? 'a list' : 'an object with no text'}` };
    if (o.text.trim()) options.push(o);
  }
  return { options };
}
