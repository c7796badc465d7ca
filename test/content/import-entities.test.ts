// HTML's named character references (`&eacute;`, `&pound;`, `&rarr;`, `&nbsp;`) and numeric ones, decoded by the
// one decoder (text.ts decodeEntities, HTML 4's table in import/html-entities.ts) wherever text is HTML: CSV and
// JSON files that write HTML, Anki `#html:true` fields and packages, GIFT and Moodle XML. Question ids of imports
// are hashed as before (the common names only), and a markdown note's code keeps `&eacute;` as written.
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/content/index.js';
import { parseContent } from '../../src/content/import/index.js';
import { questionId } from '../../src/content/import/deck.js';
import { beginNote, lexBlocks } from '../../src/content/lexer.js';
import { writeCodeMarks } from '../../src/content/code-spans.js';
import { blockText, cleanSource, decodeEntities, htmlToText, tidy } from '../../src/content/text.js';
import { parseSourceLines } from './helpers.js';

const plain = (markdown: string): string => {
  beginNote();
  return writeCodeMarks(tidy(blockText(lexBlocks(cleanSource(markdown)))));
};

describe('decodeEntities', () => {
  it('decodes HTML 4 names (case as HTML has it), the common ones in any case, and numeric references', () => {
    expect(decodeEntities('Caf&eacute; &Eacute;t&eacute; 3&pound; a&rarr;b 5&deg;C &frac12; x&sup2; &AMP; &#233;&#xE9;')).toBe('Café Été 3£ a→b 5°C ½ x² & éé');
  });

  it('leaves unknown names, wrong case and names of Object.prototype as written', () => {
    expect(decodeEntities('&bogus; &EACUTE; &constructor; &toString; &hasOwnProperty; &__proto__;')).toBe('&bogus; &EACUTE; &constructor; &toString; &hasOwnProperty; &__proto__;');
  });

  it('"common" decodes only the names every reader decoded before (what import ids are hashed from)', () => {
    expect(decodeEntities('caf&eacute; &amp; &nbsp;&mdash; &#233;', 'common')).toBe('caf&eacute; &  — é');
    expect(htmlToText('<b>caf&eacute;</b>', false, 'common')).toBe('caf&eacute;');
    expect(htmlToText('<b>caf&eacute;</b>')).toBe('café');
  });

  it('a long run of entity-like text is left as it is (a name is at most 32 characters: each try stops there)', () => {
    const text = '&a'.repeat(100_000) + '&' + 'x'.repeat(100_000);
    expect(decodeEntities(text)).toBe(text);
  });
});

describe('CSV and TSV files that write HTML', () => {
  const csv = [
    'Question,A,B,Answer,Explanation,Domain',
    '"<b>Caf&eacute;</b> costs 3&pound; &rarr; which coin?",<i>&euro;1</i>,&yen;5,A,Prices in&nbsp;&euro; &mdash; 2&frac12; coins,R&eacute;seau',
    '<p>What is 5&deg;C in &deg;F?</p>,41&deg;F,50&deg;F,A,<br>,R&eacute;seau',
  ];

  it('decodes every named and numeric entity in prompts, options, explanations and domains', () => {
    const { deck, findings } = parseSourceLines('x/prices.csv', csv);
    expect(findings).toEqual([]);
    const [coin, temp] = deck.questions;
    expect(coin!.prompt).toBe('Café costs 3£ → which coin?');
    expect(coin!.options.map((o) => o.text)).toEqual(['€1', '¥5']);
    expect(coin!.explanation).toBe('Prices in € — 2½ coins');
    expect(coin!.domain).toBe('Réseau');
    expect(temp!.prompt).toBe('What is 5°C in °F?');
    expect(temp!.options.map((o) => o.text)).toEqual(['41°F', '50°F']);
  });

  it('ids are hashed from the cells as written, as before', () => {
    const { deck } = parseSourceLines('x/prices.csv', csv);
    expect(deck.questions[1]!.id).toBe(questionId('prices', '<p>What is 5&deg;C in &deg;F?</p>', [{ id: 'A', text: '41&deg;F' }, { id: 'B', text: '50&deg;F' }]));
  });

  it('an answer may be written as its option is shown (£5 for &pound;5)', () => {
    const { deck, findings } = parseSourceLines('x/pounds.csv', [
      'Question,A,B,Answer',
      '<b>Which note?</b>,&pound;5,&pound;10,£10',
      '<i>Which coin?</i>,&euro;1,&euro;2,€1',
    ]);
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => q.correct)).toEqual([['B'], ['A']]);
  });

  it('a file that does not write HTML keeps its cells as written', () => {
    const { deck } = parseSourceLines('x/about-html.csv', ['Question,Answer', 'Which entity is a non-breaking space?,&nbsp;', 'What does &eacute; show?,é']);
    expect(deck.questions.map((q) => [q.prompt, q.answerText])).toEqual([
      ['Which entity is a non-breaking space?', '&nbsp;'],
      ['What does &eacute; show?', 'é'],
    ]);
  });
});

describe('JSON banks read as HTML text', () => {
  it('an entity-encoded bank (Open Trivia DB) decodes letters and symbols too', () => {
    const json = JSON.stringify({
      results: [
        { question: 'Qu&eacute; es &quot;S3&quot;?', correct_answer: 'Almacenamiento', incorrect_answers: ['C&oacute;mputo'] },
        { question: 'Which is &quot;&pi;&quot;?', correct_answer: '3.14&hellip;', incorrect_answers: ['2&frac12;'] },
      ],
    });
    const { deck, findings } = parseContent(json, 'x/trivia.json');
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => [q.prompt, q.options.map((o) => o.text)])).toEqual([
      ['Qué es "S3"?', ['Almacenamiento', 'Cómputo']],
      ['Which is "π"?', ['2½', '3.14…']],
    ]);
  });
});

describe('Anki notes', () => {
  it('#html:true fields decode every entity; ids are hashed as before (common names only)', () => {
    const { deck, findings } = parseSourceLines('x/fr.txt', ['#separator:tab', '#html:true', 'Le r&eacute;seau&nbsp;?\tUn <b>r&eacute;seau</b> &rarr; VPC']);
    expect(findings).toEqual([]);
    const [card] = deck.questions;
    expect([card!.prompt, card!.answerText]).toEqual(['Le réseau ?', 'Un réseau → VPC']);
    expect(card!.id).toBe(questionId('fr', 'Le r&eacute;seau ?', []));
  });

  it('without #html:true a field is text: &eacute; is what the note says', () => {
    const { deck } = parseSourceLines('x/plain.txt', ['#separator:tab', '#html:false', 'What does &eacute; show?\té']);
    expect(deck.questions[0]!.prompt).toBe('What does &eacute; show?');
  });
});

describe('markdown notes', () => {
  it('prose and HTML decode every entity, as CommonMark and browsers do', () => {
    expect(plain('Caf&eacute; costs 3&pound; &rarr; &#233;')).toBe('Café costs 3£ → é');
    expect(plain('<p>R&eacute;seau &frac12;</p>')).toBe('Réseau ½');
  });

  it('a code span or a code block keeps &eacute; as written (CommonMark shows entities in code literally)', () => {
    expect(plain('Write `caf&eacute;` here')).toBe('Write `caf&eacute;` here');
    expect(plain('```html\n<p>caf&eacute;</p>\n```')).toContain('<p>caf&eacute;</p>');
    expect(plain('    &pound;5 indented')).toContain('&pound;5 indented');
  });

  it('a question keeps &eacute; in its code span and shows é in its text', () => {
    const note = ['## Questions', '', '### Q1', '', '**Which writes `caf&eacute;` as caf&eacute;?**', '', '- A) HTML', '- B) JSON', '', 'Answer: A'].join('\n');
    const { deck } = parseDeck(note, 'content/entities.md');
    expect(deck.questions[0]!.prompt).toBe('Which writes `caf&eacute;` as café?');
  });
});

describe('files whose text was escaped for HTML without markup', () => {
  it('a CSV whose cells write entities inside words (two cells or more) decodes them', () => {
    const { deck } = parseSourceLines('x/escaped.csv', ['Question,Answer', 'Qu&eacute; es S3?,Almacenamiento de objetos', 'What&#8217;s EC2?,Virtual servers at 5&deg;C']);
    expect(deck.questions.map((q) => [q.prompt, q.answerText])).toEqual([
      ['Qué es S3?', 'Almacenamiento de objetos'],
      ['What’s EC2?', 'Virtual servers at 5°C'],
    ]);
  });

  it('one such cell is text as written; so is an entity standing alone', () => {
    const { deck } = parseSourceLines('x/one.csv', ['Question,Answer', 'Qu&eacute; es S3?,Almacenamiento', 'Which entity is a space?,&nbsp;', 'And a copyright sign?,&copy;']);
    expect(deck.questions.map((q) => [q.prompt, q.answerText])).toEqual([
      ['Qu&eacute; es S3?', 'Almacenamiento'],
      ['Which entity is a space?', '&nbsp;'],
      ['And a copyright sign?', '&copy;'],
    ]);
  });

  it('a JSON bank likewise', () => {
    const json = JSON.stringify([
      { question: "Qu'est-ce que le r&eacute;seau VPC ?", options: ['Un r&eacute;seau priv&eacute;', 'Un disque'], answer: 0 },
    ]);
    const { deck } = parseContent(json, 'x/fr.json');
    expect(deck.questions[0]!.prompt).toBe("Qu'est-ce que le réseau VPC ?");
    expect(deck.questions[0]!.options.map((o) => o.text)).toEqual(['Un réseau privé', 'Un disque']);
  });
});
