// Tags of imported cards (a sheet's `Tags` column, Anki's tags column) group the cards: the first tag is the
// question's domain, as a JSON bank's `tags` are, and never text shown after the answer.
import { describe, expect, it } from 'vitest';
import { domainOfTags, tagDomains } from '../../src/content/import/tags.js';
import type { ParseResult } from '../../src/content/types.js';
import { parseSourceLines } from './helpers.js';

const shown = (r: ParseResult) => r.deck.questions.map((q) => [q.prompt, q.answerText ?? q.correct.join(), q.explanation, q.domain]);

describe('domainOfTags', () => {
  it.each([
    ['aws::s3 storage', 'anki', 'aws::s3'],
    ['leech marked storage', 'anki', 'storage'],
    ['demo03-cms,precedence,ckad', 'anki', 'demo03-cms'],
    ['Storage, S3', 'sheet', 'Storage'],
    ['Design Resilient Architectures', 'sheet', 'Design Resilient Architectures'],
    ['aws::s3 exam_prep', 'sheet', 'aws::s3'],
    ['#networking', 'sheet', 'networking'],
    ['   ', 'sheet', undefined],
  ] as const)('%j (%s) -> %j', (cell, style, domain) => {
    expect(domainOfTags(cell, style)).toBe(domain);
  });
});

describe('tagDomains', () => {
  it('skips the tags every tagged card has when a card has another; a tag on every card alone is kept', () => {
    expect(tagDomains(['aws s3', 'aws ec2', 'aws', ''], 'anki')).toEqual(['s3', 'ec2', 'aws', undefined]);
    expect(tagDomains(['Storage, S3', 'Storage, EBS'], 'sheet')).toEqual(['S3', 'EBS']);
    expect(tagDomains(['aws', 'aws'], 'anki')).toEqual(['aws', 'aws']);
    expect(tagDomains(['only-one'], 'anki')).toEqual(['only-one']);
  });
});

describe('a flashcard sheet whose third column is named tags', () => {
  it('Term,Definition,Tags: tags that do not repeat are still tags (the domain), not an explanation', () => {
    const r = parseSourceLines('x/glossary.csv', [
      'Term,Definition,Tags',
      'S3,Object storage,aws storage',
      'EBS,Block storage for EC2,aws block',
      'IAM,Identity and Access Management,"security, iam"',
    ]);
    expect(r.findings).toEqual([]);
    expect(shown(r)).toEqual([
      ['S3', 'Object storage', '', 'aws storage'],
      ['EBS', 'Block storage for EC2', '', 'aws block'],
      ['IAM', 'Identity and Access Management', '', 'security'],
    ]);
  });

  it('in other languages: Begriff;Definition;Schlagwörter, Pregunta,Respuesta,Etiquetas, 用語,意味,タグ', () => {
    const de = parseSourceLines('x/de.csv', ['Begriff;Definition;Schlagwörter', 'S3;Objektspeicher;speicher', 'EC2;Virtuelle Server;rechnen']);
    expect(shown(de).map((q) => [q[2], q[3]])).toEqual([['', 'speicher'], ['', 'rechnen']]);
    const es = parseSourceLines('x/es.csv', ['Pregunta,Respuesta,Etiquetas', '¿Qué es S3?,Almacenamiento de objetos,almacenamiento', '¿Qué es EC2?,Servidores virtuales,cómputo']);
    expect(shown(es).map((q) => [q[2], q[3]])).toEqual([['', 'almacenamiento'], ['', 'cómputo']]);
    const ja = parseSourceLines('x/ja.csv', ['用語,意味,タグ', 'S3,オブジェクトストレージ,ストレージ', 'EC2,仮想サーバー,コンピュート']);
    expect(shown(ja).map((q) => [q[2], q[3]])).toEqual([['', 'ストレージ'], ['', 'コンピュート']]);
  });

  it('Front,Back,Tags (a question header) takes the tags as the domain; a Domain column wins where it is filled', () => {
    const r = parseSourceLines('x/anki-like.csv', ['Front,Back,Tags', 'What is S3?,Object storage,aws::s3 storage', 'What is EC2?,Virtual servers,aws::ec2']);
    expect(shown(r)).toEqual([
      ['What is S3?', 'Object storage', '', 'aws::s3'],
      ['What is EC2?', 'Virtual servers', '', 'aws::ec2'],
    ]);
    const both = parseSourceLines('x/both.csv', ['Question,A,B,Answer,Domain,Tags', 'Which stores objects?,S3,EBS,A,Storage,aws', 'Which runs code?,Lambda,EBS,A,,compute']);
    expect(both.deck.questions.map((q) => q.domain)).toEqual(['Storage', 'compute']);
  });

  it('a header naming its third column Notes or Example keeps it as the explanation, whatever its cells look like', () => {
    const r = parseSourceLines('x/notes.csv', ['Word,Meaning,Example', 'Hund,dog,Hund', 'Katze,cat,Hund', 'Maus,mouse,Hund']);
    expect(r.deck.questions.map((q) => [q.explanation, q.domain])).toEqual([['Hund', undefined], ['Hund', undefined], ['Hund', undefined]]);
  });

  it('a headerless file whose third cells are Anki tags (Anki’s CSV export) gives domains, not explanations', () => {
    const r = parseSourceLines('x/export.csv', [
      'What is S3?,Object storage,aws::s3 exam_prep',
      'What is EBS?,Block storage,aws::ebs',
      'What is IAM?,Identity and Access Management,aws::iam security',
    ]);
    expect(r.dialect).toBe('csv cards');
    expect(shown(r).map((q) => [q[2], q[3]])).toEqual([['', 'aws::s3'], ['', 'aws::ebs'], ['', 'aws::iam']]);
  });

  it('a headerless third column of sentences stays the explanation', () => {
    const r = parseSourceLines('x/extra.csv', ['What is S3?,Object storage,Eleven nines of durability.', 'What is EBS?,Block storage,Attached to one instance.']);
    expect(shown(r).map((q) => [q[2], q[3]])).toEqual([['Eleven nines of durability.', undefined], ['Attached to one instance.', undefined]]);
  });
});

describe('Anki notes in plain text', () => {
  it('#tags column:N gives each card its first tag as domain, and the tags are not shown', () => {
    const r = parseSourceLines('x/anki.txt', [
      '#separator:tab',
      '#html:true',
      '#notetype column:1',
      '#deck column:2',
      '#tags column:5',
      'Basic\tAWS::Storage\tWhat does <b>S3</b> stand for?\tSimple Storage Service\taws::s3 leech',
      'Basic\tAWS::Storage\tWhat is EBS?\tBlock storage\tmarked aws::ebs',
      'Basic\tAWS::Storage\tWhat is EFS?\tFile storage\t',
    ]);
    expect(r.findings).toEqual([]);
    expect(shown(r)).toEqual([
      ['What does S3 stand for?', 'Simple Storage Service', '', 'aws::s3'],
      ['What is EBS?', 'Block storage', '', 'aws::ebs'],
      ['What is EFS?', 'File storage', '', undefined],
    ]);
  });

  it('#columns:Front,Back,Tags in a .csv (tags written with commas) gives domains, past the tag every card has', () => {
    const r = parseSourceLines('x/k8s.csv', [
      '#deck:labs::configmaps',
      '#separator:Comma',
      '#columns:Front,Back,Tags',
      '"Which wins, envFrom or env?","The explicit env entry.","demo03,precedence,ckad"',
      '"Does $(VAR) see envFrom variables?","No.","demo03,var-substitution"',
    ]);
    expect(r.findings).toEqual([]);
    expect(shown(r)).toEqual([
      ['Which wins, envFrom or env?', 'The explicit env entry.', '', 'precedence'],
      ['Does $(VAR) see envFrom variables?', 'No.', '', 'var-substitution'],
    ]);
  });

  it('an export with no header lines (Anki before 2.1.55) whose last column holds tags: tags, not explanation', () => {
    const r = parseSourceLines('x/old.txt', [
      'What is S3?\tObject storage\tBack extra about S3\taws::s3 exam_prep',
      'What is EBS?\tBlock storage\t\taws::ebs',
      'What is IAM?\tIdentity and Access Management\tUsers and roles\t',
    ]);
    expect(r.findings).toEqual([]);
    expect(shown(r)).toEqual([
      ['What is S3?', 'Object storage', 'Back extra about S3', 'aws::s3'],
      ['What is EBS?', 'Block storage', '', 'aws::ebs'],
      ['What is IAM?', 'Identity and Access Management', 'Users and roles', undefined],
    ]);
  });

  it('without tag-like cells the third field of a headerless export stays the explanation', () => {
    const r = parseSourceLines('x/extra.txt', ['What is S3?\tObject storage\tDurable and cheap', 'What is EBS?\tBlock storage\tOne instance at a time']);
    expect(shown(r).map((q) => [q[2], q[3]])).toEqual([['Durable and cheap', undefined], ['One instance at a time', undefined]]);
  });
});

describe('quotes escaped with a backslash', () => {
  it('a field writing \\" for a quote stays one field: the tags stay tags, nothing spills into the next cell', () => {
    const r = parseSourceLines('x/escaped.csv', [
      '#separator:Comma',
      '#columns:Front,Back,Tags',
      '"What format does the labels file use?","key=\\"value\\" per line, sorted alphabetically.","demo03,downward-api"',
      '"Does an env var update live?","No, env vars are frozen at pod start.","demo03,update-propagation"',
    ]);
    expect(r.findings).toEqual([]);
    expect(shown(r)).toEqual([
      ['What format does the labels file use?', 'key="value" per line, sorted alphabetically.', '', 'downward-api'],
      ['Does an env var update live?', 'No, env vars are frozen at pod start.', '', 'update-propagation'],
    ]);
  });

  it('a file that doubles its quotes and holds a backslash before a quote is read as before', () => {
    const r = parseSourceLines('x/doubled.csv', ['Question,Answer', '"Path of the share?","C:\\\\temp\\\\""x"""', '"Which quote?","A ""double"" one"']);
    expect(r.deck.questions.map((q) => q.answerText)).toEqual(['C:\\\\temp\\\\"x"', 'A "double" one']);
  });
});

describe('the deck column of a plain-text export', () => {
  it('sub-decks of one deck: the shared part is the title, the rest each note’s domain (as a package’s); tags for the others', () => {
    const r = parseSourceLines('x/ops.txt', [
      '#separator:tab', '#html:true', '#guid column:1', '#notetype column:2', '#deck column:3', '#tags column:6',
      'g1\tBasic\tOps::WiFi::Chain 18: WEP\tWhy is WEP weak?\tA 24-bit IV.\twep',
      'g2\tBasic\tOps::WiFi::Chain 4: Deauth\tWhich tool deauthenticates a client?\t<code>aireplay-ng -0</code>\twifi',
      'g3\tBasic\tOps::WiFi\tWhat is monitor mode?\tListening to every frame.\tbasics',
    ]);
    expect(r.findings).toEqual([]);
    expect(r.deck.title).toBe('WiFi');
    expect(r.deck.questions.map((q) => q.domain)).toEqual(['Chain 18: WEP', 'Chain 4: Deauth', 'basics']);
  });
});

describe('a workbook with a sheet per exam domain and a Tags column', () => {
  it('keeps each sheet as the domain of its rows (the tags do not replace it)', async () => {
    const { readSheets } = await import('../../src/content/import/rows.js');
    const { importedDeck } = await import('../../src/content/import/deck.js');
    const findings: ParseResult['findings'] = [];
    const deck = importedDeck('content/wb.xlsx', {}, findings);
    const header = { line: 1, cells: ['Question', 'A', 'B', 'C', 'D', 'Answer', 'Tags'] };
    const sheet = (name: string, rows: string[][]) => ({
      records: [header, ...rows.map((cells, i) => ({ line: i + 2, cells }))], headerLine: 1, label: `sheet "${name}"`, domain: name,
    });
    readSheets(deck, [
      sheet('Security', [['What encrypts S3 objects at rest?', 'KMS', 'IAM', 'VPC', 'ELB', 'A', 'aws s3'], ['Who rotates keys?', 'KMS', 'EC2', 'SNS', 'SQS', 'A', 'aws kms']]),
      sheet('Networking', [['What routes traffic?', 'Route 53', 'S3', 'RDS', 'EBS', 'A', 'aws dns']]),
    ], 'content/wb.xlsx', findings);
    expect(deck.questions.map((q) => q.domain)).toEqual(['Security', 'Security', 'Networking']);
  });
});
