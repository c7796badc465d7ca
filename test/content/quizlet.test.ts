// Quizlet exports (.txt): term, a separator, the definition; one card per row. Our own small imitations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';

const dir = 'test/fixtures/imports-quizlet';
const read = (name: string) => parseContent(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);
const cards = (name: string) => read(name).deck.questions.map((q) => [q.source.line, q.kind, q.prompt, q.answerText]);

describe('Quizlet exports', () => {
  it('term<TAB>definition rows are flashcards named "quizlet cards"; a quoted definition spans lines', () => {
    const { dialect, findings } = read('tabs.txt');
    expect(dialect).toBe('quizlet cards');
    expect(cards('tabs.txt')).toEqual([
      [1, 'flashcard', 'S3', 'Object storage'],
      [2, 'flashcard', 'EC2', 'Virtual servers in the cloud'],
      [3, 'flashcard', 'VPC', 'A private network:\nsubnets, route tables\nand gateways'],
      [6, 'flashcard', 'IAM', 'Identity and Access Management'],
    ]);
    expect(findings).toEqual([]);
  });

  it('a card hashes as the same front in a headerless Anki export; rows with three fields stay Anki notes', () => {
    const quizlet = read('tabs.txt').deck.questions[0]!;
    const anki = parseContent('#separator:tab\nS3\tObject storage\n', `${dir}/tabs.txt`);
    expect(anki.deck.questions[0]!.id).toBe(quizlet.id);
    expect(parseContent('S3\tObject storage\tstorage\nEC2\tServers\tcompute\n', 'x/old-anki.txt').dialect).toBe('anki notes');
  });

  it("a custom separator typed in Quizlet's export box (a real set used `/////`) is found from the lines; a row without it is reported", () => {
    const r = read('custom-separator.txt');
    expect(r.dialect).toBe('quizlet cards');
    expect(cards('custom-separator.txt')).toEqual([
      [1, 'flashcard', 'S3', 'object storage, eleven nines of durability'],
      [2, 'flashcard', 'EBS', 'block storage for one instance/AZ'],
      [3, 'flashcard', 'EFS', 'shared file storage - NFS'],
      [4, 'flashcard', 'Glacier Deep Archive', 'the cheapest class; hours to restore'],
      [5, 'flashcard', 'Snowball', 'a device shipped to move data offline'],
    ]);
    expect(r.findings.map((f) => `${f.line} ${f.code}`)).toEqual(['6 no-answer']);
    expect(parseContent('Intro -- read first\nThe plan is below.\nNothing else today.\n', 'notes.txt').findings.map((f) => f.code)).toEqual(['not-a-deck']);
    parseContent(`${'a'.repeat(300_000)}\n${'-='.repeat(200_000)}\n`, 'hostile.txt');
  });

  it('" - " between term and definition (the first one only); rows without one or with an empty side are reported at their line', () => {
    const { findings } = read('dashes.txt');
    expect(cards('dashes.txt')).toEqual([
      [1, 'flashcard', 'S3', 'Object storage'],
      [2, 'flashcard', 'EC2', 'Virtual servers - resizable'],
      [3, 'flashcard', 'RDS', 'Managed relational databases'],
      [4, 'flashcard', 'DynamoDB', 'Key-value store'],
    ]);
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.message}`)).toEqual([
      '5 warning card skipped: no "-" between term and definition',
      '6 warning card skipped: the definition is empty',
    ]);
  });

  it('"," between term and definition, rows separated by ";" (quotes keep a ";" in a definition)', () => {
    expect(read('semicolons.txt').dialect).toBe('quizlet cards');
    expect(cards('semicolons.txt')).toEqual([
      [1, 'flashcard', 'S3', 'Object storage, durable'],
      [1, 'flashcard', 'EC2', 'Virtual servers'],
      [1, 'flashcard', 'SQS', 'Queues; decoupling'],
    ]);
  });

  it('"#" settings lines name the deck; a quoted definition over lines keeps the next row\'s line', () => {
    const { deck } = read('commas.txt');
    expect(deck.title).toBe('Networking terms');
    expect(cards('commas.txt')).toEqual([
      [2, 'flashcard', 'CIDR', 'Classless Inter-Domain Routing\n(a notation for IP ranges)'],
      [4, 'flashcard', 'NAT', 'Network Address Translation'],
    ]);
  });

  it('prose with a comma on some lines is still no deck', () => {
    const { findings, dialect } = parseContent('Notes from the study group, 3 March.\nWe covered VPCs and subnets.\nNext time: IAM, roles, policies.\n', 'x/notes.txt');
    expect(dialect).toBeUndefined();
    expect(findings.map((f) => f.code)).toEqual(['not-a-deck']);
  });
});
