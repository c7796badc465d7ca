// Flashcard files with no question header (Anki's CSV import, Quizlet saved as .csv, Brainscape, Cram, Knowt,
// chat-written decks): front, back, maybe a third cell; and the tables of data that must stay no deck.
// Fixtures: test/fixtures/imports-csv-cards (our own small imitations).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent, parseSource } from '../../src/content/import/index.js';
import type { Finding, ParseResult } from '../../src/content/types.js';

const dir = 'test/fixtures/imports-csv-cards';
const read = (name: string): ParseResult => parseContent(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);
const cards = (r: ParseResult) => r.deck.questions.map((q) => [q.source.line, q.kind, q.prompt, q.answerText]);
const found = (findings: Finding[]) => findings.map((f) => `${f.line} ${f.severity} ${f.code}: ${f.message}`);

describe('headerless flashcard files', () => {
  it('front, back rows are flashcards named "csv cards"; the first row is a card; a quoted back keeps its comma', () => {
    const r = read('cards-aws.csv');
    expect(r.dialect).toBe('csv cards');
    expect(r.findings).toEqual([]);
    expect(cards(r)).toEqual([
      [1, 'flashcard', 'What does S3 stand for?', 'Simple Storage Service'],
      [2, 'flashcard', 'Which service is serverless compute?', 'AWS Lambda'],
      [3, 'flashcard', 'What is a VPC?', 'A logically isolated network, in one region'],
    ]);
    expect(r.deck.questions.map((q) => [q.number, q.scored, q.options, q.explanation])).toEqual([
      ['1', false, [], ''],
      ['2', false, [], ''],
      ['3', false, [], ''],
    ]);
  });

  it('a quoted cell after ", " (hand-written files) keeps its comma: the quotes are read, not shown', () => {
    const r = parseContent('question, answer\nWhich services store objects?, "S3, Glacier"\nWhat is IAM?, Identity and Access Management\n', 'x/spaced.csv');
    expect(r.findings).toEqual([]);
    expect(cards(r)).toEqual([
      [2, 'flashcard', 'Which services store objects?', 'S3, Glacier'],
      [3, 'flashcard', 'What is IAM?', 'Identity and Access Management'],
    ]);
  });

  it('European Excel: ";" with commas in the backs, a byte-order mark, CRLF and a back over two lines', () => {
    const r = read('cards-excel.csv');
    expect([r.dialect, r.findings]).toEqual(['csv cards', []]);
    expect(cards(r)).toEqual([
      [1, 'flashcard', 'Was ist Amazon S3?', 'Objektspeicher, global erreichbar'],
      [2, 'flashcard', 'Was ist eine Availability Zone?', 'Ein oder mehrere Rechenzentren\nin einer Region'],
      [4, 'flashcard', 'Wofür steht IAM?', 'Identity and Access Management'],
    ]);
  });

  it('the delimiter is the one that makes the rows cards, not the first row\'s most frequent', () => {
    const r = parseContent('Was ist S3?;Objektspeicher, global, langlebig\nWas ist EC2?;Virtuelle Server\n', 'x/de.csv');
    expect(cards(r)).toEqual([
      [1, 'flashcard', 'Was ist S3?', 'Objektspeicher, global, langlebig'],
      [2, 'flashcard', 'Was ist EC2?', 'Virtuelle Server'],
    ]);
  });

  it('a tab-separated glossary (.tsv) is "tsv cards"', () => {
    const r = read('cards-glossary.tsv');
    expect([r.dialect, r.findings]).toEqual(['tsv cards', []]);
    expect(cards(r)[0]).toEqual([1, 'flashcard', 'Latency', 'The time a request takes to travel and be answered']);
    expect(cards(r)).toHaveLength(4);
  });

  it('a "Term,Definition" header is a glossary of cards, the header no card', () => {
    const r = read('cards-term-definition.csv');
    expect([r.dialect, r.findings]).toEqual(['csv cards', []]);
    expect(cards(r)).toEqual([
      [2, 'flashcard', 'Edge location', 'A CloudFront site that caches content near users'],
      [3, 'flashcard', 'Region', 'A geographic area holding several Availability Zones'],
      [4, 'flashcard', 'Subnet', 'A range of IP addresses in a VPC'],
    ]);
    for (const header of ['Word;Meaning', 'Vocabulary\tTranslation', 'Side 1,Side 2,Tags']) {
      const d = header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
      const q = parseContent(`${header}\nHund${d}dog\nKatze${d}cat\n`, 'x/words.csv');
      expect([q.dialect, cards(q)]).toEqual(['csv cards', [[2, 'flashcard', 'Hund', 'dog'], [3, 'flashcard', 'Katze', 'cat']]]);
    }
  });

  it('"Front,Back" and "Question,Answer" headers were flashcards already (csv questions), with the same ids as headerless rows', () => {
    const bare = parseContent('What does S3 stand for?,Simple Storage Service\nWhat is EC2?,Virtual servers\n', 'x/set.csv');
    for (const header of ['Front,Back', 'Question,Answer']) {
      const r = parseContent(`${header}\nWhat does S3 stand for?,Simple Storage Service\nWhat is EC2?,Virtual servers\n`, 'x/set.csv');
      expect(r.dialect).toBe('csv questions');
      expect(r.deck.questions.map((q) => [q.kind, q.id])).toEqual(bare.deck.questions.map((q) => ['flashcard', q.id]));
    }
  });

  it('a card has the id the same front has in a Quizlet or Anki .txt of the same name: moving a set between them keeps ids', () => {
    const csv = parseContent('S3,Object storage\nEC2,Virtual servers\n', 'team/set.csv').deck.questions.map((q) => q.id);
    const quizletTab = parseContent('S3\tObject storage\nEC2\tVirtual servers\n', 'team/set.txt');
    const quizletDash = parseContent('S3 - Object storage\nEC2 - Virtual servers\n', 'team/set.txt');
    const anki = parseContent('#separator:tab\n#html:false\nS3\tObject storage\nEC2\tVirtual servers\n', 'team/set.txt');
    expect([quizletTab.dialect, anki.dialect]).toEqual(['quizlet cards', 'anki notes']);
    for (const other of [quizletTab, quizletDash, anki]) expect(other.deck.questions.map((q) => q.id)).toEqual(csv);
  });
});

describe('a third cell', () => {
  it('labels that repeat (Anki tags, a category) are the domain', () => {
    const r = read('cards-anki-tags.csv');
    expect([r.dialect, r.findings]).toEqual(['csv cards', []]);
    expect(r.deck.questions.map((q) => [q.prompt, q.answerText, q.domain, q.explanation])).toEqual([
      ['Which storage class suits archives?', 'S3 Glacier Deep Archive', 'storage', ''],
      ['Which database is key-value?', 'DynamoDB', 'databases', ''],
      ['Which database is relational and serverless?', 'Aurora Serverless', 'databases', ''],
      ['How is an EBS volume attached?', 'To one instance in the same Availability Zone', 'storage', ''],
    ]);
  });

  it('other text is a note shown after the answer (Back Extra); a row may leave it empty', () => {
    const r = read('cards-back-extra.csv');
    expect([r.dialect, r.findings]).toEqual(['csv cards', []]);
    expect(r.deck.questions.map((q) => [q.answerText, q.domain, q.explanation])).toEqual([
      ['Amazon SQS', undefined, 'Standard queues deliver at least once; FIFO queues exactly once.'],
      ['Amazon SNS', undefined, 'Topics push to SQS, Lambda, HTTP and e-mail.'],
      ['Amazon EventBridge', undefined, ''],
    ]);
  });
});

describe('cells', () => {
  it('HTML is read as the CSV reader reads it (line breaks, code, entities); ids hash the cells as written', () => {
    const r = read('cards-html.csv');
    expect(cards(r)).toEqual([
      [1, 'flashcard', 'What does CORS stand for?', 'Cross-Origin\nResource Sharing'],
      [2, 'flashcard', 'Which header starts a preflight?', '`Access-Control-Request-Method`'],
      [3, 'flashcard', 'Is Tom & Jerry a cartoon?', 'Yes & no'],
    ]);
    const asWritten = parseContent('"What does <b>CORS</b> stand for?",x\n', `${dir}/cards-html.csv`).deck.questions[0]!;
    expect(r.deck.questions[0]!.id).toBe(asWritten.id);
  });

  it('other scripts and very long cells are cards; question marks of any script count as asking', () => {
    const r = read('cards-languages.csv');
    expect([r.dialect, r.findings]).toEqual(['csv cards', []]);
    expect(cards(r).slice(0, 4)).toEqual([
      [1, 'flashcard', '東京は日本の何ですか？', '首都'],
      [2, 'flashcard', '¿Cuál es la capital de Francia?', 'París'],
      [3, 'flashcard', 'Что такое облако?', 'Удалённые вычислительные ресурсы'],
      [4, 'flashcard', 'ما هي عاصمة مصر؟', 'القاهرة'],
    ]);
    expect(r.deck.questions[4]!.answerText!.length).toBeGreaterThan(3000);
  });

  it('backs that are numbers are cards when the fronts ask (a question mark, a sum)', () => {
    const r = read('cards-numbers.csv');
    expect([r.dialect, r.findings]).toEqual(['csv cards', []]);
    expect(r.deck.questions.map((q) => q.answerText)).toEqual(['3', '5', '56', '42']);
  });
});

describe('rows that are no card are reported at their line, never dropped', () => {
  it('one cell, four cells, an unquoted comma, an empty back or front, a front seen before', () => {
    const r = read('cards-problems.csv');
    expect(r.dialect).toBe('csv cards');
    expect(found(r.findings)).toEqual([
      '2 warning no-answer: card skipped: one cell, no back (a front, then the back in the next cell)',
      '3 error csv-row: row skipped: 4 cells, but this file\'s cards have 2 (front, back) (a "," inside a cell that is not in quotes?)',
      '5 warning no-answer: card skipped: the back (second cell) is empty',
      '6 warning no-prompt: card skipped: the front (first cell) is empty',
      '7 warning duplicate: 3: same question as 1 (line 1); serving one copy',
      '9 error csv-row: row skipped: 3 cells, but this file\'s cards have 2 (front, back) (a "," inside a cell that is not in quotes?)',
    ]);
    expect(r.deck.questions.map((q) => q.source.line)).toEqual([1, 4, 8, 10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it('a tab row with an extra tab in a .tsv, and padding cells a spreadsheet adds, are handled', () => {
    const r = parseContent('S3\tObject storage\t\t\nEC2\tServers\textra\tmore\nRDS\tDatabases\t\t\nIAM\tIdentity\nVPC\tNetwork\n', 'x/pad.tsv');
    expect(cards(r).map((c) => c[2])).toEqual(['S3', 'RDS', 'IAM', 'VPC']);
    expect(found(r.findings)).toEqual(['2 error csv-row: row skipped: 4 cells, but this file\'s cards have 2 (front, back) (a "tab" inside a cell that is not in quotes?)']);
  });

  it('a header row only: no cards, an error', () => {
    expect(found(parseContent('Term,Definition\n', 'x/empty.csv').findings)).toEqual(['1 error no-questions: no usable question rows in this file']);
  });
});

describe('tables of data stay no deck', () => {
  const notADeck = (r: ParseResult, reason: RegExp) => {
    expect(r.deck.questions).toEqual([]);
    expect(r.findings.map((f) => [f.line, f.code])).toEqual([[1, 'not-a-deck']]);
    expect(r.findings[0]!.message).toMatch(/^not a question file: its first row should name the columns \(.*; or, with no header, a flashcard on each row: front, then back; .*\); see docs\/content-intake\.md$/);
    expect(r.findings[0]!.message).toMatch(reason);
  };

  it('an inventory (header of table names over numbers)', () => {
    notADeck(parseContent(readFileSync('test/fixtures/imports/inventory.csv', 'utf8'), 'x/inventory.csv'), /not read as flashcards: its first row names a table's columns \("sku", "name", "price"\)/);
  });

  it('a budget, a contact list with and without its header, a list of links, expenses with amounts', () => {
    notADeck(read('table-budget.csv'), /its first row names a table's columns \("Actual"\)/);
    notADeck(read('table-contacts.csv'), /\("Name", "Email", "Phone"\)/);
    notADeck(read('table-contacts-bare.csv'), /column 2 holds numbers, dates, e-mail or web addresses \(2 of 2 cells below the first row\)/);
    notADeck(read('table-links.csv'), /column 2 holds numbers, dates, e-mail or web addresses/);
    notADeck(read('table-expenses.csv'), /column 2 holds numbers/);
  });

  it('a budget without its header, dates beside names, ids beside names', () => {
    notADeck(parseContent('Rent,"1,200.00"\nFood,€300\nCar,180\n', 'x/b.csv'), /column 2/);
    notADeck(parseContent('Kickoff,2024-03-01\nReview,2024-04-15\nLaunch,2024-06-30\n', 'x/d.csv'), /column 2/);
    notADeck(parseContent('1001,Widget\n1002,Gadget\n1003,Gizmo\n', 'x/i.csv'), /column 1/);
  });

  it('one column, or rows of four cells and more, are not cards: the usual not-a-deck error', () => {
    for (const text of ['apples\npears\nplums\n', 'a,b,c,d\ne,f,g,h\ni,j,k,l\n']) {
      const r = parseContent(text, 'x/t.csv');
      expect(r.findings.map((f) => f.code)).toEqual(['not-a-deck']);
      expect(r.findings[0]!.message).not.toMatch(/not read as flashcards/);
    }
  });
});

describe('workbooks (.xlsx)', () => {
  const workbook = async (sheets: Record<string, (string | number)[][]>): Promise<Uint8Array> => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  };

  it('a sheet of front, back rows is "xlsx cards", with the ids the same rows have as CSV', async () => {
    const rows = [['What does S3 stand for?', 'Simple Storage Service'], ['What is EC2?', 'Virtual servers']];
    const r = await parseSource(await workbook({ Sheet1: rows }), 'team/set.xlsx');
    expect([r.dialect, r.findings]).toEqual(['xlsx cards', []]);
    const csv = parseContent(rows.map((r) => r.join(',')).join('\n'), 'team/set.csv');
    expect(r.deck.questions.map((q) => [q.source.line, q.prompt, q.answerText, q.id])).toEqual(csv.deck.questions.map((q) => [q.source.line, q.prompt, q.answerText, q.id]));
  });

  it('beside a sheet of questions, a two-column sheet is instructions (sheet-skipped), not cards', async () => {
    const r = await parseSource(
      await workbook({ Questions: [['Question', 'A', 'B', 'Answer'], ['Which stores objects?', 'S3', 'EC2', 'A']], Glossary: [['S3', 'Object storage'], ['EC2', 'Servers']] }),
      'team/bank.xlsx',
    );
    expect(r.dialect).toBe('xlsx questions');
    expect(r.findings.map((f) => f.code)).toEqual(['sheet-skipped']);
  });

  it('a workbook holding a table is not a deck, saying why', async () => {
    const r = await parseSource(await workbook({ Budget: [['Item', 'Cost'], ['Rent', 1200], ['Food', 300]] }), 'team/budget.xlsx');
    expect(r.findings.map((f) => f.code)).toEqual(['not-a-deck']);
    expect(r.findings[0]!.message).toMatch(/not read as flashcards: its first row names a table's columns \("Item", "Cost"\)/);
  });
});

describe('hostile cells', () => {
  it('a cell of long runs of spaces is read (a header hint was searched at every space: quadratic; bench:hostile `csv-card-spaces`)', () => {
    const run = ' '.repeat(400_000);
    const r = parseContent(`1${run}+${run}z,2\nWhat?,1\n`, 'x/spaces.csv', { maxFileBytes: 4 * 1024 * 1024, maxNesting: 20 });
    expect(r.dialect).toBe('csv cards');
  });
});

describe('headerless card files: a header in another language', () => {
  const headers: [string, string][] = [
    ['Begriff;Definition', 'de'],
    ['Frage;Antwort', 'de'],
    ['Vorderseite;Rückseite', 'de'],
    ['Pregunta,Respuesta', 'es'],
    ['Término,Definición', 'es'],
    ['Question,Réponse', 'fr'],
    ['Recto;Verso', 'fr'],
    ['Pergunta;Resposta', 'pt'],
    ['Frente;Verso', 'pt'],
    ['Domanda;Risposta', 'it'],
    ['Vraag;Antwoord', 'nl'],
    ['问题,答案', 'zh'],
    ['正面,背面', 'zh'],
    ['質問,答え', 'ja'],
    ['表,裏', 'ja'],
  ];
  it.each(headers)('%s (%s) names the columns: no card, no finding', (header, _lang) => {
    const d = header.includes(';') ? ';' : ',';
    const r = parseContent(`${header}\nS3${d}Objektspeicher\nEBS${d}Blockspeicher\n`, 'x/cards.csv');
    expect([r.dialect, found(r.findings)]).toEqual(['csv cards', []]);
    expect(cards(r).map((c) => c[0])).toEqual([2, 3]);
  });

  it('the reviewer\'s imitations: "Begriff;Definition" and "Pregunta,Respuesta" are no card', () => {
    const de = parseContent('Begriff;Definition\nS3;Objektspeicher\nEBS;Blockspeicher\nEFS;Dateisystem\n', 'x/de.csv');
    expect(cards(de)).toEqual([
      [2, 'flashcard', 'S3', 'Objektspeicher'],
      [3, 'flashcard', 'EBS', 'Blockspeicher'],
      [4, 'flashcard', 'EFS', 'Dateisystem'],
    ]);
    const es = parseContent('Pregunta,Respuesta\n¿Qué es S3?,Almacenamiento de objetos\n¿Qué es EBS?,Almacenamiento en bloque\n', 'x/es.csv');
    expect(cards(es).map((c) => c[2])).toEqual(['¿Qué es S3?', '¿Qué es EBS?']);
    expect([...de.findings, ...es.findings]).toEqual([]);
  });

  it('an unknown one-word pair above longer rows: served as card 1, with a warning at line 1', () => {
    const r = parseContent('Schlagwort;Erläuterung\nS3;Objektspeicher von AWS\nEBS;Blockspeicher für EC2\nEFS;Dateisystem im Netz\n', 'x/de.csv');
    expect(cards(r).map((c) => c[0])).toEqual([1, 2, 3, 4]);
    expect(found(r.findings)).toEqual([
      '1 warning card-header: "Schlagwort" → "Erläuterung" may be a header naming the columns, not a card (the rows below are longer): served as a card; if it is a header, name the columns Front and Back (or Term and Definition), or delete the row',
    ]);
  });

  it('no warning: a vocabulary list of one-word rows, a first card that asks or is lower-case, a first row of several words', () => {
    const quiet = [
      'Hund;dog\nKatze;cat\nMaus;mouse\n',
      'Hund?;dog\nWas ist eine Katze?;a cat, the pet\nWas ist eine Maus?;a small rodent\n',
      'hund;dog\nWas ist eine Katze?;a cat, the pet\nWas ist eine Maus?;a small rodent\n',
      'Der Hund;the dog\nDie Katze;the cat\nDie Maus;the mouse\n',
      'S3;Objektspeicher\nWas ist EBS?;Blockspeicher für EC2\n',
    ];
    for (const text of quiet) expect(found(parseContent(text, 'x/vocab.csv').findings)).toEqual([]);
  });
});
