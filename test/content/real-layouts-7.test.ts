// Shapes met in the seventh round of real public question files (ExamTopics pages saved as text or clipped in
// Japanese, …), each in our own small imitations of the pattern, never the material itself.
import { describe, expect, it } from 'vitest';
import { parseDeck, type Question } from '../../src/content/index.js';
import { findingLines as codes } from './helpers.js';

const view = (q: Question) => ({ n: q.number, prompt: q.prompt, options: q.options.map((o) => `${o.id}=${o.text}`), correct: q.correct, explanation: q.explanation });
const parse = (path: string, lines: string[], eol = '\n') => parseDeck(lines.join(eol), path);

describe('an ExamTopics page saved as text: `Question #N*Topic 1*` over the prompt', () => {
  const page = [
    '# Practice page',
    '',
    '## Topic 1 - Single Topic',
    '',
    'Question #4*Topic 1*',
    '',
    'A team streams clicks into a bucket.',
    'Which service makes the data queryable?',
    '',
    '- A. Athena',
    '- B. Shield',
    '',
    '**Correct Answer:** *A*',
    '',
    '[Reveal Solution](https://example.com/exam/view/3/#) [Hide Solution](https://example.com/exam/view/3/#) [Discussion 12](https://example.com/exam/view/3/#)',
    '',
    'Question #9 *Topic 1*',
    '',
    'Which two services store objects? (Choose two.)',
    '',
    '- A. S3',
    '- B. Glacier',
    '- C. Route 53',
    '',
    '[Reveal Solution](https://example.com/exam/view/3/#)',
    '',
    'Correct Answer: AB [🗳️](https://example.com/exam/view/3/#)',
  ];

  it('reads the number from the header and keeps it out of the prompt; the page buttons and the vote button are not text (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('exams/page.md', page, eol);
      expect(r.deck.questions.map(view)).toEqual([
        { n: '4', prompt: 'A team streams clicks into a bucket.\nWhich service makes the data queryable?', options: ['A=Athena', 'B=Shield'], correct: ['A'], explanation: '' },
        { n: '9', prompt: 'Which two services store objects? (Choose two.)', options: ['A=S3', 'B=Glacier', 'C=Route 53'], correct: ['A', 'B'], explanation: '' },
      ]);
      expect(codes(r.findings)).toEqual(['1 warning no-title']);
    }
  });

  it('reads the Japanese header `質問#N トピック1` and a `**正解：** B [🗳️](…)` line the same way', () => {
    const r = parse('exams/ja.md', [
      '---',
      'title: 練習',
      '---',
      '質問#21 トピック1',
      '',
      'バケットのデータを照会するサービスはどれですか。',
      '',
      '- A. Athena',
      '- B. Shield',
      '',
      '[解決策を明らかにする](https://example.com/ja/view/3/#)',
      '',
      '**正解：** A [🗳️](https://example.com/ja/view/3/#)  ',
      '',
      '**解説:**',
      'Athena は S3 のデータを SQL で照会します。',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '21', prompt: 'バケットのデータを照会するサービスはどれですか。', options: ['A=Athena', 'B=Shield'], correct: ['A'], explanation: 'Athena は S3 のデータを SQL で照会します。' },
    ]);
    expect(codes(r.findings)).toEqual([]);
  });

  it('reads the same header written as a heading (`### Question #7*Topic 1*`)', () => {
    const r = parse('exams/headed.md', ['### Question #7*Topic 1*', '', 'Which store keeps blocks?', '', '- A. S3', '- B. EBS', '', '**Correct Answer:** *B*']);
    expect(r.deck.questions.map((q) => [q.number, q.prompt, q.correct])).toEqual([['7', 'Which store keeps blocks?', ['B']]]);
  });

  it('a lone `🗳️` after the answer is no label', () => {
    const r = parse('exams/more.md', ['Q2. Which one stores blocks?', '', '- A. S3', '- B. EBS', '', 'Answer: B 🗳️']);
    expect(r.deck.questions.map((q) => [q.number, q.prompt, q.correct])).toEqual([['Q2', 'Which one stores blocks?', ['B']]]);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });
});

describe('an answer label alone on its line, the labels on the next', () => {
  it('reads `Correct Answer:` over `B`, and over `B Community vote distribution …` (a page copied as text)', () => {
    const r = parse('exams/next-line.md', [
      '## Question #7',
      '',
      'Which store keeps blocks?',
      '',
      '- A. S3',
      '- B. EBS',
      '',
      'Correct Answer: ',
      'B Community vote distribution B (70%) A (30%)',
      '',
      '## Question #8',
      '',
      'Which two keep objects? (Choose two.)',
      '',
      '- A. S3',
      '- B. EBS',
      '- C. Glacier',
      '',
      '**Correct Answer:**',
      'A, C',
    ]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '7', prompt: 'Which store keeps blocks?', options: ['A=S3', 'B=EBS'], correct: ['B'], explanation: 'Community vote distribution B (70%) A (30%)' },
      { n: '8', prompt: 'Which two keep objects? (Choose two.)', options: ['A=S3', 'B=EBS', 'C=Glacier'], correct: ['A', 'C'], explanation: '' },
    ]);
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });

  it('a next line that goes on in prose is no answer (`Answer:` over `A company …`, over `Yes` in lower case)', () => {
    const r = parse('notes/prose.md', [
      '### Q1. Which store keeps blocks?',
      '',
      '- A. S3',
      '- B. EBS',
      '',
      'Answer:',
      'A company would pick EBS.',
    ]);
    expect(r.deck.questions.map((q) => [q.number, q.correct, q.scored])).toEqual([['Q1', [], false]]);
    expect(codes(r.findings)).toContain('1 warning no-answer');
  });
});

describe('questions with no heading or number: a prompt over `A. …` options and a `<details>` answer, parted by rules', () => {
  const page = [
    'A team copies nightly logs into a bucket and queries them.',
    'Which service answers SQL over the bucket?',
    '',
    'A. Athena',
    '',
    'B. Inspector',
    '',
    'C. Shield',
    ' ',
    '<details>',
    'Correct Answer: A 🗳️',
    'Reference:',
    'https://example.com/athena',
    'Community vote distribution',
    'A (90%)',
    '</details><br>',
    '',
    '---',
    '<br>',
    'A shop wants its static site close to its buyers.',
    '',
    'What should it use?',
    '',
    'A. CloudFront',
    '',
    'B. Direct Connect',
    '',
    '<details>',
    'Correct Answer: A 🗳️',
    'Community vote distribution',
    'A (100%)',
    '</details><br>',
    '',
    '---',
    '<br>',
  ];

  it('reads each question, its prompt (also the text right under a `<br>` line) and the answer in the collapsible (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('exams/ets.md', page, eol);
      expect(r.deck.questions.map(view)).toEqual([
        {
          n: '1',
          prompt: 'A team copies nightly logs into a bucket and queries them.\nWhich service answers SQL over the bucket?',
          options: ['A=Athena', 'B=Inspector', 'C=Shield'],
          correct: ['A'],
          explanation: 'Reference:\nhttps://example.com/athena\nCommunity vote distribution\nA (90%)',
        },
        {
          n: '2',
          prompt: 'A shop wants its static site close to its buyers.\n\nWhat should it use?',
          options: ['A=CloudFront', 'B=Direct Connect'],
          correct: ['A'],
          explanation: 'Community vote distribution\nA (100%)',
        },
      ]);
      expect(codes(r.findings)).toEqual(['1 warning no-title']);
    }
  });

  it('options with no answer after them, or an answer with no prompt above, are no question', () => {
    const r = parse('notes/plain.md', [
      '# Storage',
      '',
      'Three tiers to remember:',
      '',
      'A. Standard',
      '',
      'B. Glacier',
      '',
      'Some prose.',
      '',
      '---',
      '',
      'A. One',
      '',
      'B. Two',
      '',
      'Answer: B',
    ]);
    expect(r.deck.questions).toEqual([]);
  });
});

describe('a `[domain:…]` tag on the line above an ordered-list prompt', () => {
  it('is the question\'s domain, not prompt text (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('exams/tagged.md', [
        '# Practice Exam 3',
        '',
        '1. [domain:Billing & Support]  ',
        '   Which tool forecasts next month\'s bill?',
        '    - A. Cost Explorer',
        '    - B. Inspector',
        '',
        '    <details markdown=1><summary markdown=\'span\'>Answer</summary>',
        '      Correct answer: A',
        '    </details>',
      ], eol);
      expect(r.deck.questions.map((q) => [q.number, q.domain, q.prompt, q.correct])).toEqual([['1', 'Billing & Support', "Which tool forecasts next month's bill?", ['A']]]);
    }
  });

  it('a domain line with a long run of spaces in its value is read whole (was cubic: 4 kB took minutes; bench:hostile `domain-spaces`)', () => {
    const text = ['### Q1', '', 'Which?', '', `Domain: Security${' '.repeat(64 * 1024)}x **`, '', '- A. a', '- B. b', '', 'Answer: B'].join('\n');
    const r = parseDeck(text, 'notes/hostile.md');
    expect(r.deck.questions.map((q) => [q.domain?.slice(0, 8), q.domain?.slice(-1), q.correct])).toEqual([['Security', 'x', ['B']]]);
  });
});

describe('answer keys read in linear time', () => {
  const questions = ['### Q1', '', 'Which stores blocks?', '', '- A. S3', '- B. EBS', '', '### Q2', '', 'Which stores objects?', '', '- A. S3', '- B. EBS', ''];

  it('reads `**1.** B **` lines and `| 2 | A |` table rows as before', () => {
    const r = parse('notes/key.md', [...questions, '## Answers', '', '**1.** B **', '', '| Q | Answer |', '| --- | --- |', '| 2 | A |']);
    expect(r.deck.questions.map((q) => [q.number, q.correct])).toEqual([['Q1', ['B']], ['Q2', ['A']]]);
  });

  it('a key line or table row with long runs of spaces (was cubic: 2 kB took 7 s)', () => {
    const run = ' '.repeat(64 * 1024);
    const r = parse('notes/key-hostile.md', [...questions, '## Answers', '', `1. B${run}x${run}`, '', '| Q | Answer |', '| --- | --- |', `| 2${run}x${run}y |`]);
    expect(r.deck.questions.map((q) => q.scored)).toEqual([false, false]);
  });
});

describe('Vietnamese practice exams: `### Câu N` headings and `**Đáp án: …**` lines', () => {
  it('reads the heading number and the answer line, also with each option label alone on its line over its text (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('exams/vi.md', [
        '### Câu 1',
        'Which service ships data from sites with no network?',
        '',
        'A.',
        'AWS Outposts',
        'B.',
        'AWS Snow Family',
        '',
        '**Đáp án: B**',
        '',
        '---',
        '',
        '### Câu 2',
        '',
        'Which two lower a steady workload\'s bill? (Choose two.)',
        'A. On-Demand Instances',
        'B. Reserved Instances',
        'C. Savings Plans',
        '',
        '**Đáp án: B. Reserved Instances, C. Savings Plans**',
        '',
        'Giải thích: both trade a commitment for a lower rate.',
      ], eol);
      expect(r.deck.questions.map(view)).toEqual([
        { n: '1', prompt: 'Which service ships data from sites with no network?', options: ['A=AWS Outposts', 'B=AWS Snow Family'], correct: ['B'], explanation: '' },
        {
          n: '2',
          prompt: "Which two lower a steady workload's bill? (Choose two.)",
          options: ['A=On-Demand Instances', 'B=Reserved Instances', 'C=Savings Plans'],
          correct: ['B', 'C'],
          explanation: 'both trade a commitment for a lower rate.',
        },
      ]);
      expect(codes(r.findings)).toEqual(['1 warning no-title']);
    }
  });

  it('a label alone over another label, or over an option line, stays as it was (no text of its own)', () => {
    const r = parse('exams/bare.md', ['### Q1', '', 'Which?', '', 'A.', 'B. EBS', 'C. S3', '', 'Answer: B']);
    // Not joined into an option "A. B. EBS": the lines are read as before (here no options starting at A).
    expect(r.deck.questions.map((q) => [q.kind, q.prompt])).toEqual([['flashcard', 'Which?\n\nA.\nB. EBS\nC. S3']]);
  });
});

describe('`**(Correct)**` after an option, and options voted by a quote (`> B. …`)', () => {
  it('a quote on every option, or a quoted option with a written answer that disagrees, is no vote / a tick-conflict', () => {
    const r = parse('exams/quotes.md', [
      'Which one is serverless?',
      '',
      'A. EC2',
      '',
      '> B. Lambda',
      '',
      'Correct Answer: A',
      '',
      '---',
      '',
      'Which one is a queue?',
      '',
      '> A. SQS',
      '',
      '> B. SNS',
    ]);
    expect(r.deck.questions.map((q) => [q.prompt, q.correct])).toEqual([['Which one is serverless?', ['A']]]);
    expect(codes(r.findings)).toEqual(['1 warning no-title', '3 warning tick-conflict']);
  });

  const page = [
    '<details>',
    '<summary><h3>1.1 Pick a service</h3></summary>',
    '',
    '#### Questions',
    '',
    'QA-001',
    '---',
    'Which service runs containers without servers?',
    '',
    '- A. Fargate **(Correct)**',
    '- B. Outposts',
    '- C. Snowball',
    '',
    'QA-002',
    '---',
    'Which store answers key lookups in milliseconds?',
    '',
    'A. Glacier',
    '',
    '> B. DynamoDB Most Voted',
    '',
    'C. Athena',
    '',
    'QA-004',
    '---',
    'HOTSPOT',
    '',
    'How should you complete the policy? Select the right values in the answer area?',
    '',
    '![area](https://example.com/area.png)',
    '',
    '> Correct Answer: ![answer](https://example.com/answer.png)',
    '',
    'QA-003',
    '---',
    'Which tool draws the bill by service?',
    '',
    '- A. Cost Explorer (correct)',
    '- B. Inspector',
    '',
    '</details>',
  ];

  it('reads `(Correct)` and a quoted option (`Most Voted` not shown) as answer marks; a hotspot answered only by a picture is reported (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('exams/foundry.md', page, eol);
      expect(r.deck.questions.map(view)).toEqual([
        { n: '1', prompt: 'Which service runs containers without servers?', options: ['A=Fargate', 'B=Outposts', 'C=Snowball'], correct: ['A'], explanation: '' },
        { n: '2', prompt: 'Which store answers key lookups in milliseconds?', options: ['A=Glacier', 'B=DynamoDB', 'C=Athena'], correct: ['B'], explanation: '' },
        { n: '3', prompt: 'Which tool draws the bill by service?', options: ['A=Cost Explorer', 'B=Inspector'], correct: ['A'], explanation: '' },
      ]);
      expect(codes(r.findings)).toEqual(['1 warning no-title', '28 warning unread-question']);
    }
  });

  it('`(correct)` inside an option\'s text, not at its end, is text', () => {
    const r = parse('exams/inside.md', ['Which wording is right?', '', '- A. Say (correct) once', '- B. Say it twice ✅']);
    expect(r.deck.questions.map((q) => [q.options.map((o) => o.text), q.correct])).toEqual([[['Say (correct) once', 'Say it twice'], ['B']]]);
  });
});

describe('an ExamTopics community vote that disagrees with the answer', () => {
  it('warns at the vote when most voted for other options, serves the answer as written; a split or agreeing vote says nothing', () => {
    const q = (n: number, answer: string, votes: string[]) => [
      `Question #${n}*Topic 1*`,
      '',
      `Which two store objects, take ${n}? (Choose two.)`,
      '',
      '- A. S3',
      '- B. EBS',
      '- C. Glacier',
      '',
      `**Correct Answer:** *${answer}*`,
      '',
      '*Community vote distribution*',
      '',
      ...votes.flatMap((v) => [v, '']),
    ];
    const r = parse('exams/votes.md', ['# Votes', '', ...q(1, 'AB', ['AC (100%)']), ...q(2, 'AC', ['AC (70%)', 'AB (30%)']), ...q(3, 'AB', ['AC (45%)', 'AB (45%)'])]);
    expect(r.deck.questions.map((x) => [x.number, x.correct])).toEqual([['1', ['A', 'B']], ['2', ['A', 'C']], ['3', ['A', 'B']]]);
    expect(r.findings.map((f) => [f.line, f.code, f.message])).toEqual([
      [1, 'no-title', 'no title in front matter; using "Votes"'],
      [15, 'answer-conflict', '1: the community vote is AC (100%) but the answer is A, B; serving A, B'],
    ]);
  });
});

describe('keycap-numbered headings and check-marked answers (generated mock exams)', () => {
  it('`### 3️⃣ …` is question 3 and the keycap is not shown; `✔ …` under a question heading is its answer (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('exams/mock.md', [
        '# Mock exam',
        '',
        '### 1️⃣ Private instances need outbound internet access but no public address.',
        '',
        'What should you use?',
        '',
        'A. Internet Gateway',
        'B. NAT Gateway',
        '',
        '✔ **Answer: B**',
        '',
        '---',
        '',
        '### 2️⃣ Why does a VPC endpoint name not resolve?',
        '',
        '✔ DNS resolution is turned off',
        '',
        '---',
        '',
        '### 3️⃣ Network ACL traits? (Multiple)',
        '',
        'Stateless and applied per subnet.',
        '',
        'Answer: both',
      ], eol);
      expect(r.deck.questions.map((q) => [q.number, q.kind, q.prompt, q.correct, q.answerText])).toEqual([
        ['1', 'choice', 'Private instances need outbound internet access but no public address.\n\nWhat should you use?', ['B'], undefined],
        ['2', 'flashcard', 'Why does a VPC endpoint name not resolve?', [], 'DNS resolution is turned off'],
        ['3', 'flashcard', 'Network ACL traits? (Multiple)\n\nStateless and applied per subnet.', [], 'both'],
      ]);
    }
  });

  it('a short numbered heading with no question mark over a body prompt stays a title', () => {
    const r = parse('notes/titled.md', ['### 4. Networking', '', 'Which one routes DNS?', '', '- A. Route 53', '- B. IAM', '', 'Answer: A']);
    expect(r.deck.questions.map((q) => [q.number, q.prompt])).toEqual([['4', 'Which one routes DNS?']]);
  });
});

describe('a flashcard whose answer line is a picture (hotspot questions on saved exam pages)', () => {
  it('shows the picture, not its markdown; with no explanation too', () => {
    const r = parse('exams/hotspot.md', [
      '## Question 27',
      '',
      'HOTSPOT - Complete the policy so that only the role can read the bucket.',
      '',
      '![](https://example.com/area.png)',
      '',
      '**Correct Answer:** ![](https://example.com/answer.png)',
    ]);
    const q = r.deck.questions[0];
    expect([q?.kind, q?.answerText, q?.explanationImages, q?.images]).toEqual([
      'flashcard',
      'https://example.com/answer.png',
      [{ url: 'https://example.com/answer.png', alt: '' }],
      [{ url: 'https://example.com/area.png', alt: '' }],
    ]);
  });
});

describe('a numbered list of requirements right above task-list options', () => {
  it('is prompt text, not more options (were options 1–3 of 6, the requirements gone from the prompt) (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const r = parse('exams/reqs.md', [
        '### Which store meets ALL the following requirements:',
        '',
        '1) Holds documents and key-value items',
        '',
        '2) Writes in many regions',
        '',
        '- [ ] Azure Files',
        '- [x] Azure Cosmos DB',
        '- [ ] Azure SQL Edge',
        '',
        '### Which one is serverless?',
        '',
        '- [ ] VMs',
        '- [x] Functions',
        '',
        '### Which one is a queue?',
        '',
        '- [x] Service Bus',
        '- [ ] Bastion',
      ], eol);
      expect(r.deck.questions.map((q) => [q.prompt, q.options.map((o) => `${o.id}=${o.text}`), q.correct])[0]).toEqual([
        'Which store meets ALL the following requirements:\n\n- Holds documents and key-value items\n- Writes in many regions',
        ['A=Azure Files', 'B=Azure Cosmos DB', 'C=Azure SQL Edge'],
        ['B'],
      ]);
    }
  });
});
