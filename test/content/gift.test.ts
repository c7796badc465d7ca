// GIFT question banks (Moodle's export; .gift, or .txt): every question type a bank holds that a quiz can
// ask, what it cannot ask reported with its line, escapes and categories, through the deck library.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANKI_DIALECT, GIFT_DIALECT, parseContent } from '../../src/content/import/index.js';
import { libraryWith, parseSourceLines } from './helpers.js';

const dir = 'test/fixtures/gift';
const read = (name: string) => parseContent(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);

describe('a GIFT bank as Moodle exports it (BOM, CRLF, comments, categories, titles)', () => {
  const { deck, findings, dialect } = read('moodle-bank.gift');
  const [archive, serverless, durability, dns, port, latency, escapes] = deck.questions;

  it('reads every question with no findings, in order, at their lines', () => {
    expect(dialect).toBe(GIFT_DIALECT);
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => [q.number, q.source.line])).toEqual([['1', 5], ['2', 12], ['3', 19], ['4', 23], ['5', 25], ['6', 27], ['7', 29]]);
    // No title line: what the categories share (`AWS` of AWS/Storage and AWS/Networking), as in Moodle XML.
    expect(deck.title).toBe('AWS');
  });

  it('multiple choice: = right, ~ wrong; answer feedback and the general feedback are the explanation; the category is the domain', () => {
    expect(archive!.prompt).toBe('Which storage class suits archives read once a year?');
    expect(archive!.options.map((o) => o.text)).toEqual(['S3 Glacier Deep Archive', 'S3 Standard', 'S3 One Zone-IA']);
    expect(archive!.correct).toEqual(['A']);
    expect(archive!.explanation).toBe('A) Retrieval takes hours and it is the cheapest.\nB) Made for data read often.\nGlacier classes trade retrieval time for price.');
    expect(archive!.domain).toBe('Storage');
    expect(dns!.domain).toBe('Networking');
  });

  it('several right answers by weight; [html] text as text', () => {
    expect(serverless!.prompt).toBe('Which two services are serverless?');
    expect(serverless!.correct).toEqual(['A', 'B']);
    expect(serverless!.scored).toBe(true);
  });

  it('true/false is a True/False question', () => {
    expect(durability!.options.map((o) => o.text)).toEqual(['True', 'False']);
    expect(durability!.correct).toEqual(['A']);
    expect(durability!.explanation).toBe('Eleven nines.');
  });

  it('a missing word shows a blank; short answers and numbers are flashcards', () => {
    expect(latency!.prompt).toBe('CloudFront serves content from _____.');
    expect(latency!.correct).toEqual(['B']);
    expect(dns!.kind).toBe('flashcard');
    expect(dns!.prompt).toBe('Amazon Route 53 is a _____ service.');
    expect(dns!.answerText).toBe('DNS / Domain Name System');
    expect(port!.answerText).toBe('443');
  });

  it('escaped \\{ \\} \\: \\= are text', () => {
    expect(escapes!.prompt).toBe('Which expression sets a {key} to 1 in YAML: key: 1?');
    expect(escapes!.options.map((o) => o.text)).toEqual(['key: 1', 'key = 1', '{key}']);
  });
});

describe('what a quiz cannot ask is reported with its line; the rest is served', () => {
  const { deck, findings } = read('broken.gift');

  it('no braces, a matching question, an essay, braces never closed', () => {
    expect(findings.map((f) => `${f.line}: ${f.severity} ${f.code}`)).toEqual(['1: error no-answer', '3: warning matching', '8: warning essay', '10: error no-answer']);
    expect(deck.questions.map((q) => q.prompt)).toEqual(['Which is a CDN?']);
  });

  it('numbers with a tolerance, and the first of several right numbers', () => {
    const r = parseSourceLines('content/n.gift', ['What is pi? {#3.14:0.01}', '', 'How many AZs at least? {#=3 =%50%2}']);
    expect(r.deck.questions.map((q) => q.answerText)).toEqual(['3.14 (± 0.01)', '3']);
  });

  it('an option that merely holds "->" is an option, not a matching question', () => {
    const r = parseSourceLines('content/arrow.gift', ['Which is a Route 53 policy? {=latency -> nearest region ~round robin -> any}']);
    expect(r.findings).toEqual([]);
    expect(r.deck.questions[0]!.options.map((o) => o.text)).toEqual(['latency -> nearest region', 'round robin -> any']);
  });

  it('an empty answer ("{=}", "{=a ~}") is reported, never served as an empty card or option', () => {
    const r = parseSourceLines('content/empty.gift', ['Which is a CDN? {=}', '', 'Which is DNS? {=Route 53 ~}', '', 'Which is a queue? {=SQS ~SNS}']);
    expect(r.findings.map((f) => `${f.line}: ${f.code} ${f.message}`)).toEqual([
      '1: answer-invalid question skipped: an answer in the braces is empty (a lone "=" or "~")',
      '3: answer-invalid question skipped: an answer in the braces is empty (a lone "=" or "~")',
    ]);
    expect(r.deck.questions.map((q) => q.prompt)).toEqual(['Which is a queue?']);
  });

  it('a comment line inside a question does not split it', () => {
    const r = parseSourceLines('content/c.gift', ['Which is a CDN?', '// reviewed 2026-11', '{=CloudFront ~Route 53}']);
    expect(r.findings).toEqual([]);
    expect(r.deck.questions[0]!.correct).toEqual(['A']);
  });
});

describe('which files are GIFT', () => {
  it('a .txt with answers in braces is GIFT; a tab-separated Anki export with a cloze stays Anki', () => {
    expect(parseSourceLines('content/bank.txt', ['::Q1:: Which is a CDN? {=CloudFront ~Route 53}']).dialect).toBe(GIFT_DIALECT);
    expect(parseSourceLines('content/notes.txt', ['{{c1::CloudFront}} is a CDN\tx', 'Route 53 is {{c1::DNS}}\ty']).dialect).toBe(ANKI_DIALECT);
  });

  it('the deck library serves a .gift file dropped in the content folder', async () => {
    const library = await libraryWith({ 'aws-bank.gift': readFileSync(`${dir}/moodle-bank.gift`) });
    expect(library.byId('aws-bank')?.questions).toHaveLength(7);
  });
});

describe('shapes from real banks: per-answer formats, unescaped "=", part credit, Moodle examples', () => {
  const { deck, findings } = read('real-shapes.gift');
  const byTitle = (prompt: string) => deck.questions.find((q) => q.prompt.includes(prompt))!;

  it('an answer or feedback with its own [moodle] / [html] marker shows no marker, and HTML feedback is read as HTML', () => {
    const boot = byTitle('mount table');
    expect(boot.options.map((o) => o.text)).toEqual(['/etc/hosts', '/etc/fstab', '/etc/passwd']);
    expect(boot.correct).toEqual(['B']);
    expect(boot.explanation).toBe('A) Name lookups, not mounts.\nC) User accounts.\nWhy: the file system table.');
    expect(boot.domain).toBe('Boot');
  });

  it('answers one per line split only where a line (or a space) starts an answer: "root=/dev/sda2" is one answer, reported at its line', () => {
    const kernel = byTitle('kernel parameter');
    expect(kernel.options.map((o) => o.text)).toEqual(['init=/sbin/init', 'root=/dev/sda2', 'quiet']);
    expect(kernel.correct).toEqual(['B']);
    expect(kernel.explanation).toBe('A) init= names the first process.');
    const escapes = findings.filter((f) => f.code === 'gift-escape');
    expect(escapes.map((f) => [f.line, f.severity])).toEqual([[14, 'warning']]);
    expect(escapes[0]!.message).toContain('write it as \\=');
  });

  it('answers on one line still split at every "=" and "~", as Moodle does', () => {
    expect(byTitle('2 + 2').options.map((o) => o.text)).toEqual(['4', '3', '5']);
    expect(byTitle('2 + 2').correct).toEqual(['A']);
  });

  it('with an "=" answer, part-credit answers are not right; their credit is noted', () => {
    const credit = byTitle('SSH listen');
    expect(credit.correct).toEqual(['B']);
    expect(credit.explanation).toBe('A) (50% credit) A common custom port.\nB) Right.\nC) That is Telnet.');
  });

  it('short answers: the full-credit ones are the answer, part credit is noted, the "*" catch-all is left out', () => {
    const short = byTitle('loaded kernel modules');
    expect(short.kind).toBe('flashcard');
    expect(short.answerText).toBe('lsmod');
    expect(short.explanation).toBe('Yes.\nmodprobe -l (50% credit): Old systems only.');
  });

  it('a number followed by "~#feedback" for wrong numbers; true/false with both feedbacks labelled by option; "\\\\" is a backslash', () => {
    expect(byTitle('primary partitions').answerText).toBe('4');
    expect(byTitle('primary partitions').explanation).toBe('Count the slots in the table.');
    const flag = byTitle('sticky bit');
    expect(flag.correct).toEqual(['B']);
    expect(flag.explanation).toBe('A) Only their own files.\nB) Right: only the owner may delete.');
    expect(byTitle('escapes a brace').options.map((o) => o.text)).toEqual(['\\', '/', '|']);
  });

  it('a link to a file kept in Moodle is named in the text and in a warning, never dropped', () => {
    const clip = byTitle('beep code');
    expect(clip.prompt).toBe('Listen to the beep code [file: beep code.mp3]: what failed?');
    expect(findings.filter((f) => f.code === 'image').map((f) => f.message)).toEqual([
      'files are not part of a GIFT export; shown by their alt text or file name (beep code.mp3)',
    ]);
  });

  it('serves every question', () => {
    expect(deck.questions).toHaveLength(9);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('categories as Moodle names them in other languages', () => {
  it('"Default for" in French, Spanish, German is named by its course; "$course$/top" alone names no topic', () => {
    const r = parseSourceLines('content/langs.gift', [
      '$CATEGORY: $course$/top/Défaut pour Réseaux 101',
      'Which layer routes packets? {=Network ~Session}',
      '',
      '$CATEGORY: $course$/top/Por defecto en Redes',
      'Which port is DNS? {=53 ~80}',
      '',
      '$CATEGORY: $course$/top/Standard für Netze',
      'Which protocol is connectionless? {=UDP ~TCP}',
      '',
      '$CATEGORY: $course$/top',
      'Which device joins networks? {=Router ~Hub}',
    ]);
    expect(r.deck.questions.map((q) => q.domain)).toEqual(['Réseaux 101', 'Redes', 'Netze', undefined]);
    expect(r.deck.title).toBe('Langs');
  });
});

describe('questions written without a blank line between them (hand-written banks)', () => {
  it('a line opening new braces after the answers closed starts the next question, each served and the second reported', () => {
    const r = parseSourceLines('content/tight.gift', [
      '// no blank lines',
      '::Q1:: Which service stores objects? {=S3 ~EBS}',
      '::Q2:: Which service',
      'is DNS? {=Route 53 ~CloudFront}',
      'Which port is HTTPS? {#443}',
      '',
      'Grant is {~buried =entombed ~living}',
      'in the tomb, and \\{so\\} on.',
    ]);
    expect(r.deck.questions.map((q) => [q.source.line, q.prompt])).toEqual([
      [2, 'Which service stores objects?'],
      [3, 'Which service\nis DNS?'],
      [5, 'Which port is HTTPS?'],
      [7, 'Grant is _____ in the tomb, and {so} on.'],
    ]);
    expect(r.findings.map((f) => `${f.line} ${f.severity} ${f.code}`)).toEqual(['3 warning gift-blank-line', '5 warning gift-blank-line']);
  });
});

describe('the deck title of a Moodle GIFT export', () => {
  it('is the course Moodle names in its default category, unless a title line says otherwise', () => {
    const lines = ['$CATEGORY: $course$/top/Default for SAA prep/Storage', 'Which stores objects? {=S3 ~EBS}', '', '$CATEGORY: $course$/top/Default for SAA prep/Network', 'Which is DNS? {=Route 53 ~VPC}'];
    expect(parseSourceLines('content/questions-saa-20261207.gift', lines).deck.title).toBe('SAA prep');
    expect(parseSourceLines('content/q.gift', ['# title: Storage drill', '', ...lines]).deck.title).toBe('Storage drill');
  });
});

describe('named entities in [html] text', () => {
  it('Latin-1 letters and symbols (&eacute; &pound; &rarr;) are decoded; &amp;pound; stays "&pound;"; unknown names stay', () => {
    const r = parseSourceLines('content/entities.gift', ['[html]Caf&eacute; costs 3 &pound; &rarr; &Eacute;t&eacute; &amp;pound; &bogus; {=Oui ~Non}']);
    expect(r.deck.questions[0]!.prompt).toBe('Café costs 3 £ → Été &pound; &bogus;');
  });

  it('a 256 kB run of entity-like text is left as text (bench:hostile `gift-entities`)', () => {
    const r = parseSourceLines('content/many.gift', [`[html]${'&aaaaaaaa'.repeat(28_000)} {=a ~b}`]);
    expect(r.deck.questions.map((q) => [q.prompt.length, q.prompt.slice(0, 18), q.options.map((o) => o.text), q.correct])).toEqual([[9 * 28_000, '&aaaaaaaa&aaaaaaaa', ['a', 'b'], ['A']]]);
  });
});
