// Moodle XML question banks (.xml): our own imitations of Moodle's export (each type, categories, HTML with code and
// pictures, CRLF, other languages, multiple-answer fractions), the ids a GIFT export of the same bank gets, and
// hostile or foreign XML (entity declarations, unclosed tags, a pom.xml, a diagram, Latin-1).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';
import { loadContent } from '../../src/content/load.js';
import { findingLines } from './helpers.js';

const dir = 'test/fixtures/moodle-xml';
const parseFile = (name: string) => parseContent(readFileSync(`${dir}/${name}`, 'utf8'), `${dir}/${name}`);
const quiz = (...questions: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${questions.join('\n')}\n</quiz>\n`;

describe('a Moodle XML export', () => {
  const { deck, findings, dialect } = parseFile('aws-bank.xml');
  const byLine = new Map(deck.questions.map((q) => [q.source.line, q]));

  it('is named by its dialect; the shared category is the title, the last part each question\'s domain', () => {
    expect(dialect).toBe('moodle xml questions');
    expect(deck.title).toBe('AWS SAA');
    expect(deck.questions.map((q) => `${q.source.line} ${q.kind} ${q.domain}`)).toEqual([
      '15 choice Networking',
      '64 choice Networking',
      '102 choice Storage',
      '127 flashcard Storage',
      '153 flashcard Storage',
      '176 flashcard Storage',
      '216 flashcard Storage',
    ]);
  });

  it('multichoice: the full-mark answer is right; HTML (CDATA or escaped) read as text; feedback is the explanation', () => {
    const q = byLine.get(15)!;
    expect(q.prompt).toBe('Which one is a subnet?');
    expect(q.options.map((o) => o.text)).toEqual(['A range of IP addresses in a VPC', 'A Region', 'An Internet gateway']);
    expect(q.correct).toEqual(['A']);
    expect(q.explanation).toBe('A) Yes: a subnet lives in one Availability Zone.\nSee the VPC guide (https://docs.aws.amazon.com/vpc/).');
  });

  it('multiple answers (<single>false</single>): every answer with a positive fraction is right', () => {
    expect(byLine.get(64)!.correct).toEqual(['A', 'C']);
    expect(byLine.get(64)!.explanation).toBe('B) You manage the instances.');
  });

  it('truefalse, shortanswer (full-mark answers), numerical (tolerance, unit; "*" is not an answer), essay with grader info', () => {
    expect(byLine.get(102)!.options.map((o) => o.text)).toEqual(['True', 'False']);
    expect(byLine.get(102)!.correct).toEqual(['A']);
    // The full-mark answer is the answer; one worth part of the marks is noted, not shown as right.
    expect(byLine.get(127)!.answerText).toBe('Route 53');
    expect(byLine.get(127)!.explanation).toBe('Amazon Route 53 (50% credit): Also fine.');
    expect(byLine.get(153)!.answerText).toBe('443');
    expect(byLine.get(176)!.answerText).toBe('5 TB (± 0.5)');
    expect(byLine.get(216)!.answerText).toBe('Multi-AZ Auto Scaling group behind an Application Load Balancer.');
  });

  it('types not served are warnings at their <question> line; a description is not a question and says nothing', () => {
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.code} ${f.message}`)).toEqual([
      '198 warning matching question skipped: a matching question ("matching") is not served',
      '230 warning essay question skipped: an essay question without grader information has no answer to check',
      '253 warning question-type question skipped: an embedded-answers (cloze) question ("cloze") is not served',
      '263 warning question-type question skipped: a drag-and-drop-into-text question ("ddwtos") is not served',
    ]);
  });
});

describe('the same bank exported as GIFT keeps its ids', () => {
  const gift = [
    '$CATEGORY: $course$/top/AWS SAA/Networking',
    '',
    '// question: 101  name: Subnet',
    '::Subnet::[html]<p dir\\="ltr">Which one is a <strong>subnet</strong>?<br></p>{',
    '\t=<p>A range of IP addresses in a VPC</p>#<p>Yes\\: a subnet lives in one Availability Zone.</p>',
    '\t~<p>A Region</p>#',
    '\t~<p>An Internet gateway</p>#',
    '\t####<p>See the <a href\\="https\\://docs.aws.amazon.com/vpc/">VPC guide</a>.</p>',
    '}',
    '',
    '::Serverless::[html]<p>Which services are serverless? (Choose two)</p>{',
    '\t~%50%<p>AWS Lambda</p>',
    '\t~%-33.33333%<p>Amazon EC2</p>',
    '\t~%50%<p>AWS Fargate</p>',
    '\t~%-33.33333%<p>Amazon Lightsail</p>',
    '}',
    '',
    '::S3 durability::[html]<p>S3 Standard stores objects in at least three Availability Zones.</p>{TRUE#Right.}',
    '',
    "::DNS::[html]<p>Which service is AWS's DNS?</p>{=Route 53 =%50%Amazon Route 53}",
    '',
    '::HTTPS port::[html]<p>Which port does HTTPS use by default?</p>{#443:0}',
  ].join('\n');

  it('deck for deck, question for question (same file name)', () => {
    const fromGift = parseContent(gift, 'banks/aws-bank.gift').deck.questions.map((q) => q.id);
    const fromXml = parseContent(readFileSync(`${dir}/aws-bank.xml`, 'utf8'), 'banks/aws-bank.xml').deck.questions.map((q) => q.id);
    expect(fromGift).toHaveLength(5);
    expect(fromXml.slice(0, 5)).toEqual(fromGift);
  });
});

describe('HTML, code, pictures, CRLF, other languages, a byte-order mark', () => {
  it('<pre> is a code block and <code> a code span; a picture Moodle embeds is its alt text, with a warning', () => {
    const { deck, findings } = parseFile('java-de.xml');
    const [loop, tokyo] = deck.questions;
    expect(deck.title).toBe('Programmierung');
    expect(loop!.domain).toBe('Java');
    expect(loop!.prompt).toBe('Was gibt diese Schleife aus?\n```\nfor (int i = 0; i < 3; i++) {\n    System.out.print(i);\n}\n```\nTipp: `i++` erhöht [image: Ablauf] um eins.');
    expect(loop!.options.map((o) => o.text)).toEqual(['`012`', '`123`', 'Nichts – ein Fehler']);
    expect(loop!.source.line).toBe(6);
    expect(tokyo!.prompt).toBe('東京は日本の首都です。');
    expect(tokyo!.correct).toEqual(['B']);
    expect(tokyo!.explanation).toBe('いいえ、正しいです。');
    expect(findingLines(findings)).toEqual(['6 warning image']);
  });

  it('a byte-order mark is skipped; moodle_auto_format text without markup is plain text', () => {
    const { deck, findings } = parseFile('bom.xml');
    expect(findings).toEqual([]);
    expect(deck.questions[0]!.prompt).toBe('Café en español');
    expect(deck.questions[0]!.source.line).toBe(3);
    expect(deck.title).toBe('Bom');
  });

  it('XHTML written unescaped inside <text> is read as the HTML it is', () => {
    const { deck } = parseContent(quiz('<question type="truefalse"><questiontext format="html"><text><p>One<br/>two</p></text></questiontext><answer fraction="100"><text>false</text></answer></question>'), 'x.xml');
    expect(deck.questions[0]!.prompt).toBe('One\ntwo');
  });
});

describe('problems are findings at the <question> line', () => {
  it('no right answer, no question text, no type, an empty answer; no questions at all', () => {
    const { findings } = parseContent(
      quiz(
        '<question type="multichoice"><questiontext><text>A?</text></questiontext><answer fraction="0"><text>x</text></answer><answer fraction="0"><text>y</text></answer></question>',
        '<question type="truefalse"><questiontext><text></text></questiontext><answer fraction="100"><text>true</text></answer></question>',
        '<question><questiontext><text>B?</text></questiontext></question>',
        '<question type="multichoice"><questiontext><text>C?</text></questiontext><answer fraction="100"><text> </text></answer></question>',
      ),
      'x.xml',
    );
    expect(findingLines(findings)).toEqual(['1 error no-questions', '3 error no-answer', '4 error no-prompt', '5 error question-type', '6 error answer-invalid']);
  });
});

describe('hostile and foreign XML', () => {
  it('entities a DOCTYPE declares are never expanded nor fetched: the file is refused at the reference', () => {
    const { deck, findings } = parseFile('entities.xml');
    expect(deck.questions).toEqual([]);
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.code}`)).toEqual(['9 error xml-syntax']);
    expect(findings[0]!.message).toContain('&lol2; is not defined');
  });

  it('an unclosed tag is an error at the line saxes stops; HTML entities such as &nbsp; are named', () => {
    expect(findingLines(parseFile('unclosed.xml').findings)).toEqual(['6 error xml-syntax']);
    const nbsp = parseContent(quiz('<question type="essay">', '<questiontext><text>a&nbsp;b</text></questiontext></question>'), 'x.xml');
    expect(nbsp.findings.map((f) => `${f.line} ${f.message}`)).toEqual([expect.stringMatching(/^4 not well-formed XML: &nbsp; is not defined/)]);
  });

  it('a Latin-1 file with accents is refused (the loader reads UTF-8); one in plain ASCII is read', () => {
    expect(findingLines(parseFile('latin1.xml').findings)).toEqual(['1 error xml-encoding']);
    expect(parseFile('latin1-ascii.xml').deck.questions).toHaveLength(1);
    expect(findingLines(parseContent('\u0000<\u0000q\u0000', 'x.xml').findings)).toEqual(['1 error xml-encoding']);
  });

  it('a pom.xml, a draw.io diagram, an RSS feed or plain text is one quiet warning, not a deck and not a failure', async () => {
    expect(findingLines(parseContent('<rss version="2.0"><channel><title>News</title></channel></rss>', 'feed.xml').findings)).toEqual(['1 warning not-a-deck']);
    expect(findingLines(parseContent('just some words', 'notes.xml').findings)).toEqual(['1 warning not-a-deck']);
    const { files, decks } = await loadContent([`${dir}/pom.xml`, `${dir}/diagram.drawio.xml`, `${dir}/bom.xml`]);
    expect(files.map((f) => `${f.deckId} ${f.served} ${f.errors} ${f.warnings}`)).toEqual(['bom true 0 0', 'diagram.drawio false 0 1', 'pom false 0 1']);
    expect(decks.map((d) => d.id)).toEqual(['bom']);
  });

  it('deep nesting, huge CDATA and a flood of elements are read (bench:hostile `xml-nesting`, `xml-questions`)', () => {
    const deep = quiz(`<question type="truefalse">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}<questiontext><text>Deep?</text></questiontext><answer fraction="100"><text>true</text></answer></question>`);
    const huge = quiz(`<question type="truefalse"><questiontext format="html"><text><![CDATA[<p>${'x <b>y</b> '.repeat(150_000)}</p>]]></text></questiontext><answer fraction="100"><text>true</text></answer></question>`);
    for (const [name, source] of [['deep', deep], ['huge', huge]] as const) {
      const { deck } = parseContent(source, `${name}.xml`);
      expect(deck.questions).toHaveLength(1);
    }
  });
});

describe('a 1,000-question bank', () => {
  it('parses, each question at its line', () => {
    const questions = Array.from({ length: 1000 }, (_, i) =>
      [
        `  <question type="${i % 2 ? 'multichoice' : 'truefalse'}">`,
        `    <name><text>Q${i}</text></name>`,
        `    <questiontext format="html"><text><![CDATA[<p>Question ${i}: which is right?</p>]]></text></questiontext>`,
        i % 2 ? `    <answer fraction="100"><text>right ${i}</text></answer><answer fraction="0"><text>wrong ${i}</text></answer>` : '    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>',
        '  </question>',
      ].join('\n'),
    );
    const source = quiz('<question type="category"><category><text>$course$/top/Bank</text></category></question>', ...questions);
    const started = performance.now();
    const { deck, findings } = parseContent(source, 'bank.xml');
    const ms = performance.now() - started;
    console.log(`1,000-question Moodle XML bank (${(source.length / 1024).toFixed(0)} kB): ${ms.toFixed(0)} ms`);
    expect(findings).toEqual([]);
    expect(deck.questions).toHaveLength(1000);
    expect(deck.questions[999]!.source.line).toBe(4 + 999 * 5);
    expect(new Set(deck.questions.map((q) => q.id)).size).toBe(1000);
  });
});

describe('shapes from Moodle\'s own exports (our wording)', () => {
  const { deck, findings } = parseFile('real-shapes.xml');
  const [flag, beep, modules] = deck.questions;

  it('"Default for <course>" is named by its course, as the title and the domain', () => {
    expect(deck.title).toBe('Linux basics');
    expect(deck.questions.map((q) => q.domain)).toEqual(['Linux basics', 'Linux basics', 'Linux basics']);
  });

  it('true/false with feedback on both answers labels each with its option', () => {
    expect(flag!.correct).toEqual(['B']);
    expect(flag!.explanation).toBe('A) Not quite: only owners may delete.\nB) Yes: only owners may delete.\nSee chmod (https://example.org/chmod).');
  });

  it('an audio clip linked from the question is named in the text and the warning, never dropped silently', () => {
    expect(beep!.prompt).toBe('Play the beeps [file: three beeps.ogg]\n\nWhich part failed?');
    expect(findings.map((f) => `${f.line} ${f.code} ${f.message}`)).toEqual([
      '27 image files are not served from a Moodle XML file; shown by their alt text or file name (three beeps.ogg)',
    ]);
  });

  it('short answer: the full-mark answer, part marks noted, the "*" catch-all left out', () => {
    expect(modules!.answerText).toBe('lsmod');
    expect(modules!.explanation).toBe('Yes.\ncat /proc/modules (33.33% credit): Works, but lsmod is meant.');
  });
});

describe('the All-or-Nothing plugin\'s multichoiceset', () => {
  it('is multiple choice whose right answers are those with a positive fraction', () => {
    const { deck, findings } = parseContent(
      quiz(
        '  <question type="multichoiceset">',
        '    <questiontext format="html"><text><![CDATA[<p>Which two are block storage?</p>]]></text></questiontext>',
        '    <answer fraction="100" format="html"><text>Amazon EBS</text></answer>',
        '    <answer fraction="0" format="html"><text>Amazon S3</text></answer>',
        '    <answer fraction="100" format="html"><text>Instance store</text></answer>',
        '  </question>',
      ),
      'content/set.xml',
    );
    expect(findings).toEqual([]);
    expect(deck.questions[0]!.correct).toEqual(['A', 'C']);
  });
});

describe('hints for interactive mode', () => {
  it('each <hint> with text follows the explanation; empty ones say nothing', () => {
    const { deck } = parseContent(
      quiz(
        '  <question type="multichoice">',
        '    <questiontext format="html"><text><![CDATA[<p>Which service is DNS?</p>]]></text></questiontext>',
        '    <generalfeedback format="html"><text><![CDATA[<p>Route 53 answers DNS queries.</p>]]></text></generalfeedback>',
        '    <answer fraction="100"><text>Route 53</text></answer>',
        '    <answer fraction="0"><text>CloudFront</text></answer>',
        '    <hint format="html"><text><![CDATA[<p>Its name has a port number in it.</p>]]></text></hint>',
        '    <hint format="html"><text></text></hint>',
        '  </question>',
      ),
      'content/hints.xml',
    );
    expect(deck.questions[0]!.explanation).toBe('Route 53 answers DNS queries.\nHint: Its name has a port number in it.');
  });
});

describe('named entities in HTML text', () => {
  it('&eacute; in CDATA HTML is é', () => {
    const { deck } = parseContent(
      quiz('<question type="truefalse"><questiontext format="html"><text><![CDATA[<p>Le r&eacute;seau est prot&eacute;g&eacute;.</p>]]></text></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>'),
      'content/fr.xml',
    );
    expect(deck.questions[0]!.prompt).toBe('Le réseau est protégé.');
  });
});
