// A sheet with no question header whose rows are front, back (and maybe a third cell): a flashcard deck, as
// Anki's CSV import, Quizlet's export saved as .csv, Brainscape, Cram, Knowt and chat-written decks lay them out.
// What tells such a deck from a table of data (a budget, a contact list): docs/content-intake.md ("Flashcard files").
import { keyOf } from './columns.js';
import type { DelimitedRecord } from './records.js';
import { looksLikeAnkiTags, TAG_NAMES } from './tags.js';

/**
 * What a third cell holds: a label shared by rows (a category: the domain), tags (their first is the domain:
 * tags.ts), or a note shown after the answer.
 */
export type ThirdCell = 'domain' | 'tags' | 'extra';

export interface CardLayout {
  /** A `Term,Definition` / `Word,Meaning` row naming the columns: not a card. */
  header?: DelimitedRecord;
  /** The rows read as cards: every non-empty row below the header, if any. */
  rows: DelimitedRecord[];
  /** The third cell of the rows, when the file has that column. */
  third?: ThirdCell;
  /** A first row that may name the columns in words the reader does not know (`Stichwort;Erklärung`): served, and reported. */
  maybeHeader?: DelimitedRecord;
}

/** A layout, or why rows of two or three cells are not read as cards (undefined: they are not such rows at all). */
export type CardVerdict = { layout: CardLayout } | { notCards: string } | undefined;

/** Cells up to the last filled one: spreadsheets pad rows with empty cells (`front,back,,`). */
export const filledWidth = (cells: string[]): number => {
  let n = cells.length;
  while (n > 0 && !cells[n - 1]!.trim()) n--;
  return n;
};

/** English names, then German, Spanish, French, Portuguese, Italian, Dutch, Polish, Russian, Chinese, Japanese and Korean ones. */
const FRONT_NAMES = new Set([
  'front', 'term', 'word', 'question', 'prompt', 'q', 'concept', 'vocabulary', 'vocab', 'side 1', 'side a', 'card front',
  'begriff', 'frage', 'vorderseite', 'wort', 'fachbegriff', 'stichwort',
  'pregunta', 'término', 'termino', 'palabra', 'concepto', 'anverso', 'frente',
  'terme', 'recto', 'mot', 'notion',
  'pergunta', 'termo', 'palavra', 'conceito',
  'domanda', 'termine', 'parola', 'concetto', 'fronte',
  'vraag', 'begrip', 'woord', 'voorkant',
  'pytanie', 'pojęcie', 'termin', 'słowo',
  'вопрос', 'термин', 'слово', 'понятие',
  '问题', '問題', '正面', '术语', '術語', '词语', '单词', '質問', '表', '用語', '単語', '질문', '앞면', '용어', '단어',
]);
const BACK_NAMES = new Set([
  'back', 'definition', 'answer', 'meaning', 'translation', 'side 2', 'side b', 'card back', 'description',
  'antwort', 'rückseite', 'bedeutung', 'erklärung', 'übersetzung', 'beschreibung',
  'respuesta', 'definición', 'definicion', 'significado', 'traducción', 'traduccion', 'reverso', 'descripción',
  'réponse', 'reponse', 'définition', 'verso', 'sens', 'signification', 'traduction',
  'resposta', 'definição', 'definicao', 'tradução', 'traducao', 'descrição',
  'risposta', 'definizione', 'significato', 'traduzione', 'retro', 'descrizione',
  'antwoord', 'definitie', 'betekenis', 'vertaling', 'achterkant', 'beschrijving',
  'odpowiedź', 'definicja', 'znaczenie', 'tłumaczenie',
  'ответ', 'определение', 'значение', 'перевод',
  '答案', '背面', '定义', '定義', '解释', '意思', '答え', '解答', '裏', '意味', '답', '정답', '뒷면', '정의', '뜻',
]);
/** A header's third name says what the column holds, whatever its cells look like. */
const CATEGORY_NAMES = new Set([
  'category', 'topic', 'domain', 'subject', 'kategorie', 'thema', 'categoría', 'categoria', 'tema', 'catégorie', 'thème', 'sujet',
  'argomento', 'categorie', 'onderwerp', 'kategoria', 'temat', 'категория', 'тема', '分类', '類別', '主题', 'カテゴリ', 'カテゴリー', '카테고리', '주제',
]);
const EXTRA_NAMES = new Set([
  'extra', 'back extra', 'notes', 'note', 'hint', 'example', 'examples', 'explanation', 'comment', 'comments',
  'notizen', 'notiz', 'beispiel', 'hinweis', 'notas', 'nota', 'ejemplo', 'pista', 'explicación', 'explicacion', 'remarques', 'exemple',
  'explication', 'exemplo', 'explicação', 'dica', 'esempio', 'note', 'spiegazione', 'opmerking', 'voorbeeld', 'uitleg',
  'uwagi', 'przykład', 'примечание', 'пример', 'пояснение', '备注', '例子', '例句', '注释', 'メモ', '例文', '備考', '메모', '예문', '설명',
]);
const thirdNamed = (name: string | undefined): ThirdCell | undefined =>
  name === undefined ? undefined : TAG_NAMES.has(name) ? 'tags' : CATEGORY_NAMES.has(name) ? 'domain' : EXTRA_NAMES.has(name) ? 'extra' : undefined;

/** A header the common flashcard tools write: `Front,Back`, `Term,Definition`, `Word,Meaning` (and a third name). */
function isCardHeader(cells: string[]): boolean {
  const names = cells.slice(0, filledWidth(cells)).map(keyOf);
  if (names.length < 2 || names.length > 3) return false;
  return FRONT_NAMES.has(names[0]!) && BACK_NAMES.has(names[1]!) && (names[2] === undefined || thirdNamed(names[2]) !== undefined);
}

/** Names a table's header uses and a flashcard's front or back does not. */
const TABLE_NAMES = new Set([
  'name', 'first name', 'last name', 'full name', 'email', 'e mail', 'email address', 'phone', 'phone number', 'mobile', 'address', 'city',
  'country', 'zip', 'postcode', 'date', 'amount', 'price', 'cost', 'total', 'qty', 'quantity', 'sku', 'id', 'url', 'link', 'website',
  'status', 'owner', 'item', 'count', 'value', 'balance', 'budget', 'actual', 'month', 'year', 'company', 'title', 'role',
]);

/** The table column names a first row holds, when each of its cells is a short label. */
function tableNames(cells: string[]): string[] {
  const labels = cells.map((c) => c.trim()).filter(Boolean);
  if (labels.some((l) => l.split(/\s+/).length > 3)) return [];
  return labels.filter((l) => TABLE_NAMES.has(keyOf(l)));
}

const NUMBER = /^[-+(]?[$€£¥₹]?\s?\d[\d\s,.'’]*(?:%|[kKmM]|\s?[$€£¥₹]|\s?[A-Z]{3})?\)?$/;
const DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$|^\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WEB_ADDRESS = /^(?:https?:\/\/|www\.)\S+$/i;
const PHONE = /^\+?[\d\s().-]{7,}$/;
const BOOLEAN = /^(?:true|false)$/i;

/** A cell a table of data holds and a card's side does not: a number, amount, date, e-mail or web address. */
const isDataValue = (cell: string): boolean => {
  const t = cell.trim();
  return t.length <= 100 && [NUMBER, DATE, EMAIL, WEB_ADDRESS, PHONE, BOOLEAN].some((re) => re.test(t));
};

/** A front that asks: a question mark (any script's), or a sum (`7 x 8`, `12 + 5 =`): its back may be a number. */
const ARITHMETIC = /^[\d\s.,+\-*/x×÷^()=]+$/;
const asks = (front: string): boolean => {
  const t = front.trim();
  return /[?？\u037e؟]$/.test(t) || t.endsWith('=') || (ARITHMETIC.test(t) && /\d\s*[+\-*/x×÷^]\s*\d/.test(t));
};

/** Share of rows that must be cards: the rest are reported at their line (as Quizlet's reader allows). */
const CARD_SHARE = 0.8;

const cellsAt = (rows: DelimitedRecord[], i: number): string[] => rows.map((r) => (r.cells[i] ?? '').trim()).filter(Boolean);

/**
 * A third column is the domain when it holds short labels that repeat (a category: `Storage`, `aws::s3`); tags when
 * half its cells or more write Anki's tags (`aws::s3 exam_prep`: Anki's CSV export puts them there); else a note
 * shown after the answer (Anki's `Back Extra`, an example, an explanation).
 */
function thirdCellOf(cells: string[]): ThirdCell {
  const label = (c: string) => c.length <= 60 && !c.includes('\n') && !/[.!?:;]$/.test(c) && c.split(/\s+/).length <= 5;
  if (cells.every(label) && new Set(cells).size * 2 <= cells.length) return 'domain';
  return looksLikeAnkiTags(cells) ? 'tags' : 'extra';
}

/**
 * The cards of a sheet with no question header, or why its rows of two or three cells are no cards: four in five
 * non-empty rows (below a `Front,Back`-like header, if any) hold two cells, or three when the file has a third
 * column; and no column is data (numbers, dates, e-mail or web addresses in four in five of its cells below the
 * first row) unless the fronts ask questions; and the first row does not name a table's columns (`Name`, `Email`).
 */
export function cardLayout(records: DelimitedRecord[]): CardVerdict {
  const all = records.filter((r) => filledWidth(r.cells) > 0);
  if (!all.length) return undefined;
  const header = isCardHeader(all[0]!.cells) ? all[0] : undefined;
  const rows = header ? all.slice(1) : all;
  if (!rows.length) return header ? { layout: { header, rows } } : undefined;
  const widths = rows.map((r) => filledWidth(r.cells));
  const twos = widths.filter((w) => w === 2).length;
  const threes = widths.filter((w) => w === 3).length;
  if (twos + threes < CARD_SHARE * rows.length) return undefined;
  const thirds = rows.filter((_, i) => widths[i] === 3).map((r) => r.cells[2]!.trim());
  // A few rows with a third cell in a file of two: unquoted delimiters (reported), unless they are labels.
  // A header naming the third column says what it holds; else its cells do.
  const headerThird = header ? thirdNamed(keyOf(header.cells[2] ?? '')) : undefined;
  const guessed = threes * 2 >= twos + threes || thirdCellOf(thirds) !== 'extra' ? thirdCellOf(thirds) : undefined;
  const third = !threes ? undefined : (headerThird ?? guessed);
  if (!header) {
    const named = tableNames(all[0]!.cells);
    if (named.length) return { notCards: `its first row names a table's columns (${named.map((n) => `"${n}"`).join(', ')})` };
  }
  const below = rows.length > 1 && !header ? rows.slice(1) : rows;
  const fronts = cellsAt(below, 0);
  const asked = fronts.filter(asks).length * 2 > fronts.length;
  const columns = third ? 3 : 2;
  for (let i = 0; i < columns; i++) {
    if (i > 0 && asked) break;
    const cells = cellsAt(below, i);
    const data = cells.filter(isDataValue).length;
    if (cells.length && data >= CARD_SHARE * cells.length) {
      return { notCards: `column ${i + 1} holds numbers, dates, e-mail or web addresses (${data} of ${cells.length} cells below the first row), as a table does` };
    }
  }
  const maybeHeader = !header && looksLikeHeader(rows) ? rows[0] : undefined;
  return { layout: { ...(header ? { header } : {}), rows, ...(third ? { third } : {}), ...(maybeHeader ? { maybeHeader } : {}) } };
}

/** A label: one word of letters (no digits, no question mark), not starting lower-case, up to 24 characters. */
const LABEL = /^(?!\p{Ll})[\p{L}\p{M}][\p{L}\p{M}'’-]{0,23}$/u;
const words = (cell: string): number => cell.split(/\s+/).filter(Boolean).length;

/**
 * A first row that may be a header in names card-rows.ts does not know: two (or three) one-word labels, and four
 * in five of at least two rows below it clearly longer (a cell of two or more words). A vocabulary list
 * (`Hund;dog`) has one-word rows throughout, so its first row is no such header.
 */
function looksLikeHeader(rows: DelimitedRecord[]): boolean {
  const [first, ...others] = rows;
  if (!first || others.length < 2) return false;
  const cells = first.cells.slice(0, filledWidth(first.cells)).map((c) => c.trim());
  if (cells.length < 2 || cells.length > 3 || !cells.every((c) => LABEL.test(c))) return false;
  const longer = others.filter((r) => {
    const [front = '', back = ''] = r.cells.map((c) => c.trim());
    return words(front) > 1 || words(back) > 1;
  }).length;
  return longer >= CARD_SHARE * others.length;
}

/** Why a card row is skipped (`severity`, `message`, `code`), or undefined when it is a card. */
export function cardRowProblem(row: DelimitedRecord, layout: CardLayout, delimiter: string | undefined): { severity: 'error' | 'warning'; message: string; code: string } | undefined {
  const width = filledWidth(row.cells);
  const columns = layout.third ? 3 : 2;
  if (width > columns) {
    const named = delimiter === undefined ? '' : ` (a "${delimiter === '\t' ? 'tab' : delimiter}" inside a cell that is not in quotes?)`;
    return { severity: 'error', message: `row skipped: ${width} cells, but this file's cards have ${columns} (front, back${columns === 3 ? ', and a third' : ''})${named}`, code: 'csv-row' };
  }
  const [front = '', back = ''] = row.cells.map((c) => c.trim());
  if (!front) return { severity: 'warning', message: back ? 'card skipped: the front (first cell) is empty' : 'card skipped: only a third cell', code: 'no-prompt' };
  if (!back) return { severity: 'warning', message: row.cells.length === 1 ? 'card skipped: one cell, no back (a front, then the back in the next cell)' : 'card skipped: the back (second cell) is empty', code: 'no-answer' };
  return undefined;
}
