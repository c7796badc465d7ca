// CSV headers as sheets abbreviate them (`Ans1`, `Correct ans`), rows whose only option is their answer, and
// option columns the reader does not understand: reported, never served as flashcards silently.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';

const dir = 'test/fixtures/imports-csv';
const read = (name: string) => parseContent(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);
const found = (findings: { line: number; severity: string; message: string }[]) => findings.map((f) => `${f.line} ${f.severity} ${f.message}`);

describe('CSV option and answer headers written short', () => {
  const { deck, findings } = read('numbered-options.csv');

  it('`Ans1`, `Ans 2`, `Answer3`, `Choice 4` are options, `Correct ans` the answer, `Ques` the question; the answer 2 is the second option', () => {
    const [fargate] = deck.questions;
    expect(fargate).toMatchObject({ number: '1', kind: 'choice', scored: true, prompt: 'Which service runs containers without servers?', correct: ['2'] });
    expect(fargate!.options.map((o) => o.text)).toEqual(['Amazon EC2', 'AWS Fargate', 'Amazon S3', 'Amazon RDS']);
    expect(deck.questions[3]).toMatchObject({ kind: 'choice', correct: ['3'], source: { line: 7 } });
  });

  it('a row whose only option is the answer it names (by number or letter) is a flashcard with that option as the answer', () => {
    const cards = deck.questions.filter((q) => q.kind === 'flashcard' && q.source.line < 9);
    expect(cards.map((q) => [q.source.line, q.prompt, q.answerText, q.options.length, q.scored])).toEqual([
      [3, 'What does IAM stand for?', 'Identity and Access Management', 0, false],
      [4, 'True or False: S3 buckets are global.', 'False', 0, false],
    ]);
    // The same card as a row with no options and the answer written out.
    const same = parseContent('Question,Answer\nWhat does IAM stand for?,Identity and Access Management\n', `${dir}/numbered-options.csv`).deck.questions[0]!;
    expect(cards[0]!.id).toBe(same.id);
  });

  it('a one-option row whose answer names no option, or with no answer, is reported at its line', () => {
    expect(found(findings)).toEqual([
      '5 warning row skipped: only one option, and the answer "3" does not name it',
      '6 warning row skipped: only one option and no answer',
      '8 warning row skipped: its option cells are empty but the answer "1" names an option',
    ]);
    expect(deck.questions.map((q) => q.number)).toEqual(['1', '2', '3', '4', '5']);
    // A number no option column could hold is an answer: a flashcard as any row without options.
    expect(deck.questions.at(-1)).toMatchObject({ kind: 'flashcard', answerText: '30', source: { line: 9 } });
  });
});

describe('option columns the reader does not understand', () => {
  it('rows served as flashcards beside option-looking columns: a warning at line 1 names them', () => {
    const { deck, findings } = read('alt-columns.csv');
    expect(found(findings)).toEqual([
      '1 warning rows read as flashcards (question and answer only); columns not understood: "Alt1", "Alt2", "Alt3": name option columns A, B… or Option 1, Option 2…; see docs/content-intake.md',
    ]);
    expect(deck.questions.map((q) => q.kind)).toEqual(['flashcard', 'flashcard']);
  });

  it('a question-and-answer file with other columns (tags, a difficulty) is read without a warning', () => {
    const { findings } = parseContent('Question,Answer,Tags,Difficulty,Source 1\nWhat is S3?,Object storage,aws,easy,docs\n', 'cards.csv');
    expect(findings).toEqual([]);
  });
});

describe('question sheets with their headers in Spanish, French, Portuguese', () => {
  it('`Pregunta;Opción A…;Respuesta Correcta;Explicación;Categoría`: options, answer by letter or text, explanation, domain', () => {
    const { deck, findings } = read('es-headers.csv');
    expect(found(findings)).toEqual([]);
    expect(deck.questions.map((q) => [q.prompt, q.options.map((o) => o.text), q.correct, q.explanation, q.domain])).toEqual([
      ['¿Qué servicio guarda objetos?', ['Amazon EBS', 'Amazon S3', 'Amazon EFS'], ['B'], 'S3 es almacenamiento de objetos.', 'Almacenamiento'],
      ['¿Qué servicio ejecuta funciones sin servidores?', ['AWS Lambda', 'Amazon EC2', 'Amazon RDS'], ['A'], '', 'Cómputo'],
    ]);
  });

  it('`question;réponse_1…;bonnes_réponses;explication`: numbered options and several right answers', () => {
    const { deck, findings } = read('fr-headers.csv');
    expect(found(findings)).toEqual([]);
    expect(deck.questions.map((q) => [q.correct, q.explanation])).toEqual([[['1'], 'Un CDN.'], [['1', '3'], '']]);
  });

  it('`Pergunta,Alternativa A…,Gabarito,Justificativa`', () => {
    const { deck, findings } = read('pt-headers.csv');
    expect(found(findings)).toEqual([]);
    expect(deck.questions.map((q) => [q.correct, q.explanation])).toEqual([[['A'], 'O Route 53 é o DNS da AWS.']]);
  });

  it('a two-column `Pregunta;Respuesta` stays a flashcard file (csv cards), as before', () => {
    const r = parseContent('Pregunta;Respuesta\n¿Qué es S3?;Almacenamiento de objetos\n', 'x/es.csv');
    expect(r.dialect).toBe('csv cards');
    expect(r.deck.questions.map((q) => q.answerText)).toEqual(['Almacenamiento de objetos']);
  });
});

describe('an answer naming several options by their text', () => {
  it('"HTML; CSS" and "Amazon S3, Amazon EBS" name two options; an option whose text holds a comma is still one', () => {
    const r = parseContent(
      [
        'Question,Option A,Option B,Option C,Answer',
        'Which are web languages?,HTML,CSS,Java,HTML; CSS',
        'Which are storage?,Amazon S3,Amazon EBS,AWS Lambda,"Amazon S3, Amazon EBS"',
        'Which is true?,"Yes, always",No,Never,"Yes, always"',
      ].join('\n'),
      'x/texts.csv',
    );
    expect(found(r.findings)).toEqual([]);
    expect(r.deck.questions.map((q) => q.correct)).toEqual([['A', 'B'], ['A', 'B'], ['A']]);
  });
});
