// Aiken files made from printed papers: a title block and `Unit N` headings above numbered questions whose
// numbering restarts per unit, and questions answered without options (`Answer: 3`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';

const path = 'test/fixtures/aiken/units.txt';
const { deck, findings } = parseContent(readFileSync(path, 'utf8'), path);
const brief = deck.questions.map((q) => [q.number, q.source.line, q.group, q.kind, q.prompt]);

describe('Aiken units', () => {
  it('numbering that restarts per unit runs on, the unit heading the group, never in a prompt', () => {
    expect(brief).toEqual([
      ['1', 5, 'Unit 1', 'choice', 'Which service stores objects'],
      ['2', 9, 'Unit 1', 'flashcard', 'How many availability zones does a region have at least?'],
      ['3', 13, 'Unit 1', 'choice', 'To deploy an app:\n1. build it\n2. upload it\nWhich service runs step 2?'],
      ['4', 21, 'Unit 2', 'choice', 'A software that runs virtual machines on a host is called:'],
      ['5', 25, 'Unit 2', 'choice', 'Which model shares hardware between tenants'],
      ['6', 29, 'Unit 2', 'choice', 'Which layer does a hypervisor sit on'],
    ]);
    expect(new Set(deck.questions.map((q) => q.number)).size).toBe(deck.questions.length);
  });

  it('a question with an answer and no options is a flashcard', () => {
    expect(deck.questions[1]).toMatchObject({ answerText: '3', options: [], scored: false });
  });

  it('reported: the title block above the first question, an answer naming options that were never read, a number repeated inside a unit', () => {
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.code} ${f.message}`)).toEqual([
      '1 warning heading text skipped: "Cloud Foundations — end of term paper / Part A — one mark each" is a heading above the question, not part of it',
      '12 error no-options question skipped: its ANSWER names option A but no options ("A. …") were read',
      '29 warning duplicate-number 2: number already used by the question at line 25; shown as 6 (quiz 6)',
    ]);
  });
});
