// Which column of a question CSV holds what, from its header row (case-insensitive, common synonyms).
import { feedbackKind, NOTE_LIKE, type FeedbackKind } from './feedback.js';
import { TAG_NAMES } from './tags.js';

export interface CsvColumns {
  question: number;
  /** One column per option, in order, with the label it carries (`A`, `B`… or `1`, `2`…). */
  options: { index: number; label: string }[];
  /** A single column holding every option, separated by newlines, `|` or `;`. */
  optionList?: number;
  answer?: number;
  /** Further answer columns, each naming one right option (Moodle's `Answer 1`, `Answer 2` beside options `A`…`D`). */
  moreAnswers?: number[];
  explanation?: number;
  concept?: number;
  definition?: number;
  domain?: number;
  number?: number;
  /** `Explanation A`, `Why B`: why each option is right or wrong, by option label. */
  optionNotes: { index: number; label: string }[];
  /** `Code`, `Code Snippet`: shown under the question text. */
  code?: number;
  /** `Incorrect Answer 1`, `Wrong answer 2`, `Distractor 3` (Gimkit's sheet): options besides the answer column's. */
  wrongOptions: number[];
  /** Quizizz's `Question Type` (Multiple Choice, Checkbox, Fill-in-the-Blank, Open-Ended, Poll…): quiz-types.ts. */
  questionType?: number;
  /** `Image Link`, `Question Image`: a picture shown with the question when the cell is an http(s) address; else text (rows.ts). */
  image?: number;
  /** `Feedback OK`, `Incorrect feedback`, `General feedback`, `Hint` (feedback.ts): shown in the explanation. */
  feedback: { index: number; kind: FeedbackKind }[];
  /** `Tags` (tags.ts): the first tag is the domain of rows whose domain column (if any) is empty. */
  tags?: number;
  /** The answer column's header when it is named as an index (`Correct Index`): counted from 0 or 1 by the sheet (index-answers.ts). */
  answerIndexName?: string;
  /** Header cells that name no role (shown when the answer column is missing). */
  ignored: string[];
  /** Ignored columns whose name says they hold text for learners (`Comments`, `Feedback (shown after)`): reported when filled. */
  unreadNotes: { index: number; name: string }[];
  /** The ignored cells that look like option columns (`Alt1`, `Alt2`, `Wrong answer`): reported when rows become flashcards. */
  optionLike: string[];
}

/** Abbreviations sheets use in headers: `Correct ans`, `Ans1`, `Ques`, `Expl`. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bans(?=\s|\d|$)/g, 'answer'],
  [/\bques(?=\s|\d|$)/g, 'question'],
  [/\bexpl(?:n)?(?=\s|$)/g, 'explanation'],
];

const key = (header: string): string =>
  ABBREVIATIONS.reduce(
    (k, [short, word]) => k.replace(short, word),
    header
      .normalize('NFKC')
      // `CorrectIndex`, `QuestionText`: a developer's camelCase header, as JSON keys are read.
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .replace(/[_\-.:()#]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );

const QUESTION = new Set(['question', 'question text', 'questiontext', 'prompt', 'stem', 'q', 'front', 'text']);
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
  // The option's number (`Correct Index`: 2 is option 2, as with numbered option columns; `Option0`… columns: its label).
  'correct index', 'answer index', 'correct option index', 'correct answer index', 'correct option number', 'correct answer number',
  // Short-answer banks: every answer that is accepted (`accepted_answers: ["JWT", "JSON Web Token"]`).
  'accepted answer',
  'accepted answers',
  'acceptable answers',
]);
const EXPLANATION = new Set([
  'explanation', 'explanations', 'rationale', 'reason', 'why', 'feedback', 'notes', 'note', 'back extra',
  // Udemy's practice test template (`Overall Explanation` beside `Explanation 1`…), and the like.
  'overall explanation', 'general explanation', 'answer rationale',
  // `Front,Back,Extra` (Anki's Back Extra), an example or remarks beside a card: shown after the answer, as in card files.
  'extra', 'example', 'examples', 'remarks', 'remark',
]);
const CONCEPT = new Set(['concept', 'topic', 'term']);
const DEFINITION = new Set(['definition', 'concept definition', 'meaning']);
const DOMAIN = new Set(['domain', 'exam domain', 'section', 'category']);
const CODE = new Set(['code', 'code snippet', 'snippet', 'code sample', 'code example', 'code block', 'exhibit']);
/** `Explanation A`, `Rationale B`, `Why C`, `Feedback 2`, `Feedback for option C`, `Feedback answer 2` */
const OPTION_NOTE = /^(?:explanation|rationale|reason|why|feedback)\s*(?:(?:for|on)\s+)?(?:(?:option|answer|choice)\s*)?([a-j]|\d{1,2})$/;
const NUMBER = new Set(['number', 'no', 'nr', 'id', 'question number', 'question no', 'question nr', 'question id', 'q no', 'q number', '']);
/** `A`, `Option A`, `choice b`, `answer_c`, `option 1`, `opt2`, `Ans1`, `Answer 1`, `Answer Option 3` (Udemy's template) */
const OPTION = /^(?:(?:answer option|answer choice|option|choice|answer|opt|alternative)\s*)?([a-j]|\d{1,2})$/;

/**
 * Header names in Spanish, Portuguese, French, German and Italian, as their English names above (quiz templates in
 * those languages: `Pregunta,Opción A,…,Respuesta Correcta`, `question;réponse_1;…;bonnes_réponses`). Only
 * headerRole reads them: keyOf (flashcard headers, card-rows.ts) keeps the names as written.
 */
const FOREIGN: Record<string, string> = Object.fromEntries(
  Object.entries({
    question: ['pregunta', 'pergunta', 'frage', 'domanda', 'enunciado', 'enunciado de la pregunta', 'texto de la pregunta', 'texto da pergunta', 'intitulé', 'énoncé'],
    answer: ['respuesta', 'resposta', 'réponse', 'reponse', 'antwort', 'risposta', 'solución', 'solucion', 'solução', 'solucao', 'lösung'],
    'correct answer': [
      'respuesta correcta', 'respuestas correctas', 'opción correcta', 'opcion correcta', 'correcta', 'correcto',
      'resposta correta', 'respostas corretas', 'resposta certa', 'opção correta', 'opcao correta', 'correta', 'gabarito',
      'respuesta s correcta s', 'respuestas correcta s', 'resposta s correta s',
    'bonne réponse', 'bonnes réponses', 'bonne reponse', 'bonnes reponses', 'réponse correcte', 'reponse correcte',
      'richtige antwort', 'richtige antworten', 'korrekte antwort', 'risposta corretta', 'risposte corrette',
    ],
    options: ['opciones', 'opções', 'opcoes', 'alternativas', 'choix', 'antwortmöglichkeiten', 'opzioni'],
    explanation: [
      'explicación', 'explicacion', 'explicação', 'explicacao', 'explication', 'erklärung', 'erläuterung', 'spiegazione',
      'justificación', 'justificacion', 'justificativa', 'retroalimentación', 'retroalimentacion', 'rétroaction', 'comentario',
    ],
    topic: ['tema', 'assunto', 'thème', 'thema', 'argomento'],
    category: ['categoría', 'categoria', 'catégorie', 'categorie', 'kategorie'],
    domain: ['dominio', 'domínio', 'domaine'],
    number: ['número', 'numero', 'nº', 'n°', 'nummer'],
    points: ['puntos', 'pontos', 'punkte', 'punti', 'puntaje', 'pontuação'],
    'time limit': ['tiempo', 'tempo', 'temps', 'zeit', 'tiempo límite', 'limite de temps'],
  }).flatMap(([english, names]) => names.map((n) => [n, english])),
);
/** `Opción A`, `opcion_b`, `Opção 3`, `Alternativa C`, `réponse_1`, `Antwort 2`. */
const FOREIGN_OPTION = /^(?:opci[oó]n|op[cç][aã]o|alternativa|r[ée]ponse|respuesta|resposta|risposta|antwort|choix|resp)\s*([a-j]|\d{1,2})$/;
const english = (k: string): string | undefined => {
  const option = FOREIGN_OPTION.exec(k);
  return option ? `option ${option[1]}` : FOREIGN[k];
};

export type Role = 'question' | 'answer' | 'explanation' | 'concept' | 'definition' | 'domain' | 'number' | 'optionList' | 'code';
export type HeaderRole = Role | { option: string } | { note: string } | { feedback: FeedbackKind };

function roleOf(k: string): HeaderRole | undefined {
  const option = OPTION.exec(k);
  const note = OPTION_NOTE.exec(k);
  if (note) return { note: (note[1] ?? '').toUpperCase() };
  const feedback = feedbackKind(k);
  if (feedback && feedback !== 'hint') return { feedback };
  if (CODE.has(k)) return 'code';
  if (QUESTION.has(k)) return 'question';
  if (option && k !== 'q') return { option: (option[1] ?? '').toUpperCase() };
  if (OPTION_LIST.has(k)) return 'optionList';
  if (ANSWER.has(k)) return 'answer';
  if (EXPLANATION.has(k)) return 'explanation';
  if (CONCEPT.has(k)) return 'concept';
  if (DEFINITION.has(k)) return 'definition';
  if (DOMAIN.has(k)) return 'domain';
  if (NUMBER.has(k)) return 'number';
  return undefined;
}

/** A hint for whoever fills the sheet, in brackets at the end: `Correct Answer (A/B/C/D)`, `Correct Answer (1-4)`. */
const HINT = /\s*[([][^()[\]]*[)\]]\s*$/;

/**
 * The role of one header cell (or a JSON bank's key): `Correct Answer (A/B/C/D)` is the answer. Only a short cell
 * is searched for a hint: HINT's leading `\s*` retried at every space of a long run of spaces is quadratic.
 */
export const headerRole = (raw: string): HeaderRole | undefined =>
  anyRoleOf(key(raw)) ?? (raw.length <= NAME_LIMIT && HINT.test(raw) ? anyRoleOf(key(raw.replace(HINT, ''))) : undefined);

/** Whether a header cell names its role in English (its notes and hints aside). */
const englishRole = (raw: string): boolean => headerNames(raw).some((n) => roleOf(key(n)) !== undefined || sheetOnlyEnglish(n));
const sheetOnlyEnglish = (name: string): boolean => {
  const k = key(name);
  return QUESTION_TYPE.has(k) || ANSWER_EXPLANATION.has(k) || IMAGE.has(k) || WRONG_OPTION.test(k) || NOT_CONTENT.has(k) || TAG_NAMES.has(k) || feedbackKind(k) !== undefined;
};

/** The role of a name, or of its English name (FOREIGN). */
function anyRoleOf(k: string): HeaderRole | undefined {
  const role = roleOf(k);
  if (role) return role;
  const e = english(k);
  return e ? roleOf(e) : undefined;
}

/**
 * Keys only JSON banks use, on top of the header names above: Open Trivia DB's `incorrect_answers` (options
 * besides the correct ones), a `hint` read as the explanation when there is none, `tags` as the domain.
 */
export const JSON_KEYS = {
  wrongOptions: new Set(['incorrect answers', 'incorrect answer', 'wrong answers', 'wrong options', 'incorrect options', 'distractors']),
  hint: new Set(['hint', 'hints']),
  /** `option_explanations`: `{"A": "why", …}`, read as `A) why` lines. */
  optionNotes: new Set(['option explanations', 'option explanation', 'option feedback', 'explanations by option', 'answer explanations']),
  tags: new Set(['tag', 'tags']),
};
export const keyOf = key;

const INDEX_NAMES = new Set(['correct index', 'answer index', 'correct option index', 'correct answer index']);
const isIndexName = (raw: string): boolean => INDEX_NAMES.has(key(raw)) || INDEX_NAMES.has(key(raw.replace(HINT, '')));

/** Column roles from a header row; undefined when there is no question column or no answer/options. */
export function columnsOf(header: string[]): CsvColumns | undefined {
  const cols: Partial<CsvColumns> & Pick<CsvColumns, 'options' | 'optionNotes' | 'ignored' | 'wrongOptions' | 'feedback' | 'unreadNotes'> = {
    options: [], optionNotes: [], ignored: [], wrongOptions: [], feedback: [], unreadNotes: [],
  };
  header.forEach((raw, index) => {
    const role = sheetRole(raw);
    if (role === undefined || (role === 'number' && !raw.trim())) {
      if (raw.trim()) cols.ignored.push(raw.trim());
      if (raw.trim() && NOTE_LIKE.test(key(raw))) cols.unreadNotes.push({ index, name: raw.trim() });
    } else if (role === 'notContent') return;
    else if (role === 'wrongOption') cols.wrongOptions.push(index);
    else if (typeof role === 'object') {
      if ('note' in role) cols.optionNotes.push({ index, label: role.note });
      else if ('feedback' in role) cols.feedback.push({ index, kind: role.feedback });
      else cols.options.push({ index, label: role.option });
    }
    else if (cols[role] === undefined) cols[role] = index;
    // A second explanation column (`Explanation` and `Feedback`) is general feedback: shown too, never dropped.
    else if (role === 'explanation') cols.feedback.push({ index, kind: 'general' });
  });
  if (cols.question === undefined) return undefined;
  if (cols.answer !== undefined && isIndexName(header[cols.answer] ?? '')) cols.answerIndexName = (header[cols.answer] ?? '').trim();
  if (cols.answer === undefined) answersBesideLetters(cols, header);
  if (cols.answer === undefined && !cols.options.length && cols.optionList === undefined) return undefined;
  // A two-column `Pregunta;Respuesta` is a flashcard header (card-rows.ts reads those in every language); names in
  // another language make a question sheet only when they name options.
  if (!cols.options.length && cols.optionList === undefined && header.some((h) => !englishRole(h) && sheetRole(h))) return undefined;
  return { ...cols, optionLike: optionLike(cols.ignored) } as CsvColumns;
}

/**
 * Moodle's question bank CSV (qformat_csv: `questionname,questiontext,A,B,C,D,Answer 1,Answer 2`): beside option
 * columns named by letters, numbered `Answer N` columns hold the letters of the right options, not more options.
 */
function answersBesideLetters(cols: Partial<CsvColumns> & Pick<CsvColumns, 'options'>, header: string[]): void {
  const numbered = cols.options.filter((o) => /^answer \d{1,2}$/.test(key(header[o.index] ?? '')));
  const lettered = cols.options.filter((o) => !numbered.includes(o));
  if (!numbered.length || lettered.length < 2 || !lettered.every((o) => /^[A-J]$/.test(o.label))) return;
  cols.options = lettered;
  cols.answer = numbered[0]!.index;
  cols.moreAnswers = numbered.slice(1).map((o) => o.index);
}

const OPTION_WORDS = /\b(?:options?|choices?|answers?|alternatives?|alts?|distractors?|wrong|incorrect)\b/;
/** `<word> <label>` headers: `Alt1`, `Distractor 2`, `Wrong answer C`. */
const LABELLED = /^(.*\D)\s*\d{1,2}$|^(.+)\s[a-j]$/;

/** Headers naming options the reader does not take as such: option words, or two of a series (`Alt1`, `Alt2`). */
function optionLike(ignored: string[]): string[] {
  const stems = ignored.map((h) => {
    const m = LABELLED.exec(key(h));
    return (m?.[1] ?? m?.[2])?.trim();
  });
  return ignored.filter((h, i) => OPTION_WORDS.test(key(h)) || (stems[i] && stems.filter((s) => s === stems[i]).length > 1));
}

/** Roles only spreadsheet headers have (JSON banks keep headerRole's and read hints and tags their own way). */
export type SheetRole = HeaderRole | 'questionType' | 'image' | 'wrongOption' | 'notContent' | 'tags';

const QUESTION_TYPE = new Set(['question type', 'type of question']);
/** Quizizz's `Answer explanation`. */
const ANSWER_EXPLANATION = new Set(['answer explanation', 'explanation for the answer']);
const IMAGE = new Set(['image', 'image link', 'image url', 'question image', 'picture', 'picture link', 'link of the image']);
/** `Incorrect Answer 1`, `Wrong answer 2`, `Distractor 3`, `Incorrect option 4`. */
const WRONG_OPTION = /^(?:incorrect|wrong|false)\s*(?:answer|option|choice)?\s*\d{1,2}$|^distractor\s*\d{1,2}$/;
/** Columns quiz platforms add that hold no study material: read by no one, reported by no one. */
const NOT_CONTENT = new Set([
  'time limit', 'time', 'time in seconds', 'seconds', 'timer', 'time sec', 'points', 'point', 'point value', 'score', 'max points',
  // Moodle's question bank CSV (qformat_csv): how options are numbered, marks, and the name Moodle lists it by.
  'answernumbering', 'answer numbering', 'defaultmark', 'default mark', 'questionname', 'question name', 'penalty', 'shuffleanswers',
]);

function sheetOnlyRole(name: string): SheetRole | undefined {
  const k = english(key(name)) ?? key(name);
  if (QUESTION_TYPE.has(k)) return 'questionType';
  if (ANSWER_EXPLANATION.has(k)) return 'explanation';
  if (IMAGE.has(k)) return 'image';
  if (WRONG_OPTION.test(k)) return 'wrongOption';
  if (NOT_CONTENT.has(k)) return 'notContent';
  if (TAG_NAMES.has(k)) return 'tags';
  if (feedbackKind(k) === 'hint') return { feedback: 'hint' };
  return undefined;
}

/** A header name is short: longer cells are not stripped of hints and notes (and their regexes stay cheap). */
const NAME_LIMIT = 200;
/** `Answer 1 - max 75 characters`, `Time limit (sec) – 5, 10, 20…`: a dash between spaces starts a note for whoever fills the sheet. */
const NOTE_DASH = /\s[-–—]\s/;

/** The names a header cell may mean: as written, without up to three bracketed hints, and the same before a ` - note`. */
function headerNames(raw: string): string[] {
  const names = [raw];
  if (raw.length > NAME_LIMIT) return names;
  const stripHints = (name: string) => {
    for (let i = 0; i < 3 && HINT.test(name); i++) names.push((name = name.replace(HINT, '')));
  };
  stripHints(raw);
  const dash = NOTE_DASH.exec(raw);
  if (dash && dash.index > 0) {
    names.push(raw.slice(0, dash.index));
    stripHints(raw.slice(0, dash.index));
  }
  return names;
}

/**
 * The role of a spreadsheet header cell: headerRole's names, read through the notes quiz platforms' templates
 * add (`Correct answer(s) - choose at least one`, `Answer 3\n(Optional)`), `#` as "number" (`Question #`), and the
 * columns only sheets have (question type, image link, incorrect answers, time limits and points).
 */
export function sheetRole(raw: string): SheetRole | undefined {
  if (raw.includes('#') && raw.length <= NAME_LIMIT) {
    const numbered = headerRole(raw.replace(/#/g, ' number '));
    if (numbered === 'number') return numbered;
  }
  for (const name of headerNames(raw)) {
    const role = headerRole(name) ?? sheetOnlyRole(name);
    if (role) return role;
  }
  return undefined;
}

export const UNDERSTOOD_HEADERS =
  'a header row with a question column (question, prompt…), options (A, B, C… or Option A…, or one "options" column) and an answer column (answer, correct…); optional explanation, concept, definition, domain';
