// Which column of a question CSV holds what, from its header row (case-insensitive, common synonyms).

export interface CsvColumns {
  question: number;
  /** One column per option, in order, with the label it carries (`A`, `B`… or `1`, `2`…). */
  options: { index: number; label: string }[];
  /** A single column holding every option, separated by newlines, `|` or `;`. */
  optionList?: number;
  answer?: number;
  explanation?: number;
  concept?: number;
  definition?: number;
  domain?: number;
  number?: number;
}

const key = (header: string): string =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[_\-.:()#]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const QUESTION = new Set(['question', 'question text', 'prompt', 'stem', 'q', 'front', 'text']);
const OPTION_LIST = new Set(['options', 'choices', 'alternatives', 'answer options', 'answer choices']);
const ANSWER = new Set([
  'answer',
  'answers',
  'correct',
  'correct answer',
  'correct answers',
  'correct option',
  'correct options',
  'correct choice',
  'right answer',
  'answer key',
  'key',
  'solution',
  'back',
]);
const EXPLANATION = new Set(['explanation', 'explanations', 'rationale', 'reason', 'why', 'feedback', 'notes', 'note', 'back extra']);
const CONCEPT = new Set(['concept', 'topic', 'term']);
const DEFINITION = new Set(['definition', 'concept definition', 'meaning']);
const DOMAIN = new Set(['domain', 'exam domain', 'section', 'category']);
const NUMBER = new Set(['number', 'no', 'nr', 'id', 'question number', 'q no', '']);
/** `A`, `Option A`, `choice b`, `answer_c`, `option 1`, `opt2` */
const OPTION = /^(?:(?:option|choice|answer|opt|alternative)\s*)?([a-j]|\d{1,2})$/;

/** Column roles from a header row; undefined when there is no question column or no answer/options. */
export function columnsOf(header: string[]): CsvColumns | undefined {
  const cols: Partial<CsvColumns> & { options: CsvColumns['options'] } = { options: [] };
  header.forEach((raw, index) => {
    const k = key(raw);
    const option = OPTION.exec(k);
    const take = (role: 'question' | 'answer' | 'explanation' | 'concept' | 'definition' | 'domain' | 'number' | 'optionList') => {
      if (cols[role] === undefined) cols[role] = index;
    };
    if (QUESTION.has(k)) take('question');
    else if (option && !(k === 'q')) cols.options.push({ index, label: (option[1] ?? '').toUpperCase() });
    else if (OPTION_LIST.has(k)) take('optionList');
    else if (ANSWER.has(k)) take('answer');
    else if (EXPLANATION.has(k)) take('explanation');
    else if (CONCEPT.has(k)) take('concept');
    else if (DEFINITION.has(k)) take('definition');
    else if (DOMAIN.has(k)) take('domain');
    else if (NUMBER.has(k) && raw.trim()) take('number');
  });
  if (cols.question === undefined) return undefined;
  if (cols.answer === undefined && !cols.options.length && cols.optionList === undefined) return undefined;
  return cols as CsvColumns;
}

export const UNDERSTOOD_HEADERS =
  'a header row with a question column (question, prompt…), options (A, B, C… or Option A…, or one "options" column) and an answer column (answer, correct…); optional explanation, concept, definition, domain';
