// Anki text files as Anki's manual writes them (docs.ankiweb.net, "Text Files"): no `#separator:` header, fields
// separated by `;` or `|` (the first of tab, `|`, `;`, `,` the first line holds), a `#` comment line, quoted fields
// over several lines, and the older `tags:` first line; and Flashcards Deluxe's tab files. Our own imitations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';

const read = (path: string, text = readFileSync(path, 'utf8')) => {
  const r = parseContent(text, path);
  return { ...r, cards: r.deck.questions.map((q) => [q.source.line, q.prompt, q.answerText, q.explanation]) };
};

describe('Anki notes with no separator header', () => {
  it('reads `front;back` lines, quoted fields, a comment line, and HTML when the first note writes it', () => {
    const r = read('test/fixtures/imports-anki/semicolon-notes.txt');
    expect(r.dialect).toBe('anki notes');
    expect(r.cards).toEqual([
      [2, 'What does S3 stand for?', 'Simple Storage Service\nobject storage', 's3'],
      [3, 'Which class; is cheapest?', 'Glacier Deep Archive, "slowest" to restore', ''],
      [4, 'EBS', 'Block storage\nin one AZ', ''],
    ]);
    expect(r.findings.map((f) => `${f.line} ${f.code}`)).toEqual(['6 no-answer']);
  });

  it('skips the older `tags:` first line, with headers after it', () => {
    const r = read('test/fixtures/imports-anki/tags-line.txt');
    expect(r.dialect).toBe('anki notes');
    expect(r.cards).toEqual([[4, 'What is EFS?', 'Elastic File System', '']]);
  });

  it("leaves Quizlet's `;` between cards to Quizlet, and prose with a semicolon to the not-a-deck error", () => {
    expect(read('test/fixtures/imports-quizlet/semicolons.txt').dialect).toBe('quizlet cards');
    const prose = read('notes.txt', 'Met with the team; agreed on the plan.\nNext steps are below.\nNothing else today.\n');
    expect(prose.findings.map((f) => f.code)).toEqual(['not-a-deck']);
  });

  it("reads Flashcards Deluxe's tab files: `*` settings lines name the deck, the column labels are no card, a picture column is left out (a real file)", () => {
    const r = read('test/fixtures/imports-anki/flashcards-deluxe.txt');
    expect(r.deck.title).toBe('AWS regions');
    expect(r.cards).toEqual([
      [5, 'eu-west-1', 'Ireland', ''],
      [6, 'us-east-1', 'North Virginia', ''],
      [7, 'ap-southeast-2', 'Sydney', ''],
    ]);
    expect(r.findings.map((f) => `${f.line} ${f.code}`)).toEqual(['4 ignored-columns']);
    // Two text columns: still Flashcards Deluxe's, not a Quizlet set of term<TAB>definition rows.
    const rows = Array.from({ length: 12 }, (_, i) => `Q${i}\tA${i}`).join('\n');
    const two = read('x/two.txt', `*\tname\tTwo columns\nText 1\tText 2\n${rows}\n`);
    expect([two.dialect, two.deck.title, two.cards.length, two.findings]).toEqual(['anki notes', 'Two columns', 12, []]);
  });

  it('reads a 256 kB line of `<b` openings and semicolons (bench:hostile `anki-semicolons`)', () => {
    const r = read('hostile.txt', `Q;${'<b '.repeat(90_000)}\nQ2;A2\n`);
    expect(r.cards.length).toBe(2);
  });
});
