// npm run bench:hostile — pathological shapes in every format the loader reads, each parsed (inline,
// parseContent) at a size and at four times that size. A parser linear in its input takes about four
// times as long for the larger file; a regular expression that backtracks takes about sixteen times.
// Shapes are what an unclosed tag, a run of spaces or a repeated marker makes of each reader's patterns.
// Figures only (the machine is shared; nothing is asserted). A file that takes longer than the parse
// worker's budget (10 s) would be stopped and reported by the loader, never hang the bot; this finds
// such shapes before a team's file does.
//   npm run bench:hostile                 # every shape, 64 kB and 256 kB
//   SHAPES=summary,bold npm run bench:hostile
//   SIZE_KB=128 npm run bench:hostile
import { performance } from 'node:perf_hooks';
import { parseContent } from '../src/content/import/index.js';

interface Shape {
  name: string;
  ext: string;
  /** A file of about `bytes` bytes. */
  make: (bytes: number) => string;
}

const times = (unit: string, bytes: number): string => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
const note = (body: string) => `---\ntitle: Hostile\n---\n\n${body}\n`;

const SHAPES: Shape[] = [
  { name: 'summary', ext: '.md', make: (n) => note(times('<summary', n)) },
  { name: 'details', ext: '.md', make: (n) => note(times('<details><summary>1. Q?</summary>', n)) },
  { name: 'bold', ext: '.md', make: (n) => note(`#### Q. Which?\n- a\n- b\n\n**a**${' '.repeat(n)}\u2028x`) },
  { name: 'bold-runs', ext: '.md', make: (n) => note(`#### Q. Which?\n- a\n- b\n\n${times('**a', n)}`) },
  { name: 'domain', ext: '.md', make: (n) => note(`## Domain: ${times('(1 ', n)}\n\n1. Q?\n   - A. x\n   - B. y\n\nAnswer: A`) },
  { name: 'domain-spaces', ext: '.md', make: (n) => note(`## Domain: x${' '.repeat(n)}y\n\n1. Q?\n   - A. x\n   - B. y\n\nAnswer: A`) },
  { name: 'angle', ext: '.md', make: (n) => note(`1. What ${times('<a', n)}?\n   - A. x\n   - B. y\n\nAnswer: A`) },
  { name: 'tags', ext: '.md', make: (n) => note(`1. What ${times('<b>x</i', n)}?\n   - A. x\n   - B. y\n\nAnswer: A`) },
  { name: 'img', ext: '.md', make: (n) => note(`1. What?\n   - A. x\n   - B. y\n\nAnswer: A\n\n<p>${times('<img src', n)}</p>`) },
  { name: 'pre-unclosed', ext: '.md', make: (n) => note(`<div>${times('<pre>', n)}</div>`) },
  { name: 'mark-unclosed', ext: '.md', make: (n) => note(`1. What?\n<details>${times('<mark>', n)}`) },
  { name: 'html-comment', ext: '.md', make: (n) => note(times('<!--', n)) },
  { name: 'backticks', ext: '.md', make: (n) => note(`1. What ${times('`x', n)}?\n   - A. x\n   - B. y\n\nAnswer: A`) },
  { name: 'links', ext: '.md', make: (n) => note(`1. What ${times('[a](', n)}?\n   - A. x\n   - B. y\n\nAnswer: A`) },
  { name: 'task-list', ext: '.md', make: (n) => note(`### Q?\n${times('- [x] ', n)}`) },
  { name: 'answer-line', ext: '.md', make: (n) => note(`1. Q?\n   - A. x\n   - B. y\n\nAnswer: ${times('A, ', n)}!`) },
  { name: 'labels', ext: '.md', make: (n) => note(`**Q1:** ${times('**Question:** ', n)}`) },
  { name: 'quizdown', ext: '.md', make: (n) => note(times(':::quizdown\n---\n', n)) },
  { name: 'blank-lines', ext: '.md', make: (n) => note(`1. Q?${'\n'.repeat(n)}A. x`) },
  { name: 'spaces-line', ext: '.md', make: (n) => note(`1. Q?${' '.repeat(n)}!\n   - A. x\n   - B. y\n\nAnswer: A`) },
  { name: 'answer-spaces', ext: '.md', make: (n) => note(`1. Q?\n   - A. x\n   - B. y\n\nAnswer: x${' '.repeat(n)}y`) },
  { name: 'option-line-spaces', ext: '.md', make: (n) => note(`1. Q?\n   - A. S3\n   - B. y\n\nAnswer: A. S3${' '.repeat(n)}really\nB. y`) },
  { name: 'srs-colons', ext: '.md', make: (n) => note(`#flashcards\n${times('a::', n)}`) },
  { name: 'srs-colon-runs', ext: '.md', make: (n) => note(`#flashcards\nQ ${times(':: ', n)}`) },
  { name: 'srs-cards', ext: '.md', make: (n) => note(`#flashcards\n${times('What is S3::Object storage\n', n)}`) },
  { name: 'srs-questions', ext: '.md', make: (n) => note(`#flashcards\nQ\n${times('?\n', n)}`) },
  { name: 'srs-lone-marks', ext: '.md', make: (n) => note(`#flashcards\n${times('?\n\n', n)}`) },
  { name: 'srs-highlights', ext: '.md', make: (n) => note(`#flashcards\n${times('==a ', n)}`) },
  { name: 'srs-clozes', ext: '.md', make: (n) => note(`#flashcards\n${times('==a== ', n)}`) },
  { name: 'srs-hints', ext: '.md', make: (n) => note(`#flashcards\nx ${times('==a==^[', n)}`) },
  { name: 'srs-tags', ext: '.md', make: (n) => note(times('#flashcards/a ', n)) },
  { name: 'srs-wiki', ext: '.md', make: (n) => note(`#flashcards\nQ::${times('[[a', n)}`) },
  { name: 'logseq-nesting', ext: '.md', make: (n) => note(Array.from({ length: Math.floor(n / 40) }, (_, i) => `${'\t'.repeat(i % 16)}- Q${i} #card`).join('\n')) },
  { name: 'logseq-clozes', ext: '.md', make: (n) => note(`- ${times('{{cloze a}} ', n)}#card`) },
  { name: 'logseq-trailing-tags', ext: '.md', make: (n) => note(`- Q ${times('#a ', n)}#card\n  - A`) },
  { name: 'csv-quotes', ext: '.csv', make: (n) => `Question,Answer\n"${times('a""', n)}",b\n` },
  { name: 'csv-html', ext: '.csv', make: (n) => `Question,A,B,Answer\n<p>x</p>,${times('<img', n)},<br>,A\n` },
  { name: 'csv-code', ext: '.csv', make: (n) => `Question,A,B,Answer\n<p>x</p>,${times('<code>', n)},<br>,A\n` },
  { name: 'csv-div', ext: '.csv', make: (n) => `Question,A,B,Answer\n<p>x</p>,${times('<div', n)},<br>,A\n` },
  { name: 'csv-answer', ext: '.csv', make: (n) => `Question,A,B,Answer\nQ?,x,y,${times('A and ', n)}!\n` },
  { name: 'anki-rule', ext: '.txt', make: (n) => `#separator:tab\n#html:true\nQ\t${times('<hr id=', n)}\n` },
  { name: 'anki-img', ext: '.txt', make: (n) => `#separator:tab\n#html:true\nQ\t${times('<img src', n)}\n` },
  { name: 'anki-pre', ext: '.txt', make: (n) => `#separator:tab\n#html:true\nQ\t${times('<pre>', n)}\n` },
  { name: 'anki-cloze', ext: '.txt', make: (n) => `#separator:tab\n#html:true\n${times('{{c1::', n)}\tx\n` },
  { name: 'aiken', ext: '.txt', make: (n) => `${times('Q?\nA. x\n', n)}ANSWER: A\n` },
  { name: 'gift-html', ext: '.gift', make: (n) => `::Q1::[html]${times('<img src', n)}{=a ~b}\n` },
  { name: 'gift-li', ext: '.gift', make: (n) => `::Q1::[html]${times('<li', n)}{=a ~b}\n` },
  { name: 'gift-braces', ext: '.gift', make: (n) => `${times('::Q::{', n)}\n` },
  { name: 'quizlet', ext: '.txt', make: (n) => `${times('term - ', n)}\n` },
  { name: 'json-nesting', ext: '.json', make: (n) => `${'['.repeat(Math.floor(n / 2))}${']'.repeat(Math.floor(n / 2))}` },
  { name: 'json-answer', ext: '.json', make: (n) => `[{"question": "Q?", "options": ["a", "b"], "answer": "${times('A and ', n)}!"}]` },
  { name: 'xml-entity-bomb', ext: '.xml', make: (n) => `<!DOCTYPE quiz [${times('<!ENTITY a "&b;&b;&b;&b;">', n)}]><quiz><question type="truefalse"><questiontext><text>&a;</text></questiontext></question></quiz>` },
  { name: 'xml-nesting', ext: '.xml', make: (n) => `<quiz><question type="truefalse">${'<a>'.repeat(Math.floor(n / 7))}${'</a>'.repeat(Math.floor(n / 7))}<questiontext><text>Q?</text></questiontext><answer fraction="100"><text>true</text></answer></question></quiz>` },
  { name: 'xml-unclosed', ext: '.xml', make: (n) => `<quiz>${times('<question type="truefalse"><questiontext>', n)}` },
  { name: 'xml-cdata-img', ext: '.xml', make: (n) => `<quiz><question type="multichoice"><questiontext format="html"><text><![CDATA[${times('<img src', n)}]]></text></questiontext><answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question></quiz>` },
  { name: 'xml-cdata-code', ext: '.xml', make: (n) => `<quiz><question type="multichoice"><questiontext format="html"><text><![CDATA[${times('<pre><code>x', n)}]]></text></questiontext><answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question></quiz>` },
  { name: 'xml-questions', ext: '.xml', make: (n) => `<quiz>${times('<question type="shortanswer"><questiontext><text>Q?</text></questiontext><answer fraction="100"><text>a</text></answer></question>', n)}</quiz>` },
  // Shapes the tests once timed (2026-12-07; tests now assert no timings) and the concept and header runs found since.
  { name: 'domain-value-spaces', ext: '.md', make: (n) => note(`### Q1\n\nWhich?\n\nDomain: Security${' '.repeat(n)}x **\n\n- A. a\n- B. b\n\nAnswer: B`) },
  { name: 'key-line-spaces', ext: '.md', make: (n) => note(`### Q1\n\nWhich?\n\n- A. S3\n- B. EBS\n\n## Answers\n\n1. B${' '.repeat(n / 2)}x${' '.repeat(n / 2)}`) },
  { name: 'key-row-spaces', ext: '.md', make: (n) => note(`### Q1\n\nWhich?\n\n- A. S3\n- B. EBS\n\n## Answers\n\n| Q | Answer |\n| --- | --- |\n| 1${' '.repeat(n / 2)}x${' '.repeat(n / 2)}y |`) },
  { name: 'concept-commas', ext: '.md', make: (n) => note(`## Digests\n\n### Concepts\n\n- ${','.repeat(n)}x - def`) },
  { name: 'concept-parens', ext: '.md', make: (n) => note(`## Digests\n\n### Concepts\n\n### ${'('.repeat(n)}\ntext`) },
  { name: 'concept-words', ext: '.md', make: (n) => note(`## Digests\n\n### Concepts\n\n- ${times('word ', n)}- def`) },
  { name: 'srs-separator-runs', ext: '.md', make: (n) => note(`#flashcards\n${times(';;; ', n)}\n\nQ::A${' '.repeat(n)}^x y`) },
  { name: 'srs-schedules', ext: '.md', make: (n) => note(`#flashcards\n${times('x <!--SR:!2024-01-01,1,250-->\n', n)}`) },
  { name: 'logseq-properties', ext: '.md', make: (n) => `title:: ${'x'.repeat(n)}\n- ${times('#flashcard ', n)}\n  id:: ${'x'.repeat(n)}\n- ${times('{{c1 ', n)} #flashcard\n` },
  { name: 'csv-card-spaces', ext: '.csv', make: (n) => `1${' '.repeat(n / 2)}+${' '.repeat(n / 2)}z,2\nWhat?,1\n` },
  { name: 'csv-header-spaces', ext: '.csv', make: (n) => `#a${' '.repeat(n)}b\n#title: x${','.repeat(n)}y\nQuestion,Answer\nQ?,A\n` },
  { name: 'anki-semicolons', ext: '.txt', make: (n) => `Q;${times('<b ', n)}\nQ2;A2\n` },
  { name: 'quizlet-dashes', ext: '.txt', make: (n) => `${'a'.repeat(n)}\n${times('-=', n)}\n` },
  { name: 'gift-entities', ext: '.gift', make: (n) => `[html]${times('&aaaaaaaa', n)} {=a ~b}\n` },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeParse(source: string, path: string): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    parseContent(source, path);
    runs.push(performance.now() - t0);
    if (runs[0]! > 2000) break;
  }
  return median(runs);
}

const only = process.env.SHAPES?.split(',').map((s) => s.trim());
const small = Number(process.env.SIZE_KB ?? 64) * 1024;
console.log(`bench:hostile — ${new Date().toISOString()}; each shape at ${small / 1024} kB and ${(4 * small) / 1024} kB (parseContent, inline, median of 3)`);
console.log('| shape | format | small | 4× larger | ratio |');
console.log('|---|---|---|---|---|');
const quadratic: string[] = [];
for (const shape of SHAPES.filter((s) => !only || only.includes(s.name))) {
  const path = `hostile/${shape.name}${shape.ext}`;
  const a = timeParse(shape.make(small), path);
  const b = timeParse(shape.make(4 * small), path);
  const ratio = b / Math.max(a, 0.05);
  // Below a few milliseconds the ratio is mostly noise.
  if (ratio > 9 && b > 20) quadratic.push(shape.name);
  console.log(`| ${shape.name} | ${shape.ext} | ${a.toFixed(1)} ms | ${b.toFixed(1)} ms | ${ratio.toFixed(1)}× |`);
}
console.log(quadratic.length ? `grows faster than the file (ratio over 9): ${quadratic.join(', ')}` : 'every shape grows with the file (ratio 9 or less)');
