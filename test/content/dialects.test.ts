// One fixture per layout (test/fixtures/dialects): the dialect named, and each question's prompt,
// options, correct ids and source line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain, isBroken, parseDeck, type Question } from '../../src/content/index.js';
import { findingLines } from './helpers.js';

const path = (name: string) => `test/fixtures/dialects/${name}`;
const read = (name: string) => readFileSync(new URL(`../fixtures/dialects/${name}`, import.meta.url), 'utf8');
const parse = (name: string) => parseDeck(read(name), path(name));
const view = (q: Question) => ({ n: q.number, line: q.source.line, options: q.options.map((o) => `${o.id}=${o.text}`), correct: q.correct });

describe('task-list banks', () => {
  it('reads `### <question>` headings over `- [ ]` / `- [x]` options and skips the README around them', () => {
    const r = parse('task-list-bank.md');
    expect(r.dialect).toBe('task-list bank');
    expect(isBroken(r)).toBe(false);
    const qs = r.deck.questions;
    expect(qs.map(view)).toEqual([
      {
        n: '1',
        line: 19,
        options: [
          'A=A bucket policy that denies reads after 90 days',
          'B=An S3 Lifecycle rule that transitions objects to a colder storage class',
          'C=A nightly cron job on an EC2 instance',
          'D=Cross-Region Replication',
        ],
        correct: ['B'],
      },
      {
        n: '2',
        line: 28,
        options: ['A=Network Load Balancer (internal)', 'B=Amazon CloudFront', 'C=Application Load Balancer (internal)', 'D=Amazon Route 53 public hosted zone'],
        correct: ['A', 'C'],
      },
      { n: '3', line: 37, options: ['A=Receiving messages from every queue', 'B=Sending messages to any queue in every Region of the account', 'C=Deleting queues'], correct: ['B'] },
      { n: '5', line: 61, options: ['A=Amazon EBS volumes', 'B=Instance store volumes', 'C=Amazon EFS file systems'], correct: ['A', 'C'] },
      { n: '6', line: 69, options: ['A=80', 'B=22', 'C=443'], correct: [] },
    ]);
    expect(qs[0]!.prompt).toBe(
      'A media team keeps raw footage in `s3://raw-footage` and wants files older than 90 days moved to cheaper storage automatically. What should they configure?',
    );
    // Code (kept as a code block) and autolinks between heading and options belong to the prompt; "Back to Top" does not.
    expect(qs[2]!.prompt).toBe(
      'A policy is attached to a role. Read it and say what it allows.\n\n```json\n{ "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*" }\n```\n\nSee https://docs.example.com/iam/policies for the grammar.',
    );
    expect(qs.map((q) => q.scored)).toEqual([true, true, true, true, false]);
    expect(JSON.stringify(r.deck.questions)).not.toMatch(/Back to Top|Fork the repository|Table of Contents/);
    expect(findingLines(r.findings)).toEqual([
      '1 warning no-title',
      '52 warning image-unresolved',
      '56 warning image-options',
      '69 warning no-answer',
    ]);
    const noAnswer = r.findings.find((f) => f.code === 'no-answer')!;
    expect(noAnswer.message).toContain('`<mark style="color:white">B</mark>` inside `<details>`');
    expect(noAnswer.message).toContain('`Answer: B`');
    expect(noAnswer.message).toContain('`- [x]`');
    expect(r.findings.find((f) => f.code === 'image-options')!.message).toBe(
      '4: the options are images that cannot be shown without a base URL (front matter `imageBase:`); skipped',
    );
  });

  it('resolves relative images against `imageBase:` and serves image-only options with their URLs', () => {
    const r = parse('task-list-images.md');
    expect(r.findings.map((f) => f.code)).toEqual(['no-answer']);
    const q = r.deck.questions.find((x) => x.number === '4')!;
    expect(q.source.line).toBe(56);
    expect(q.prompt).toBe(
      'Which diagram shows a gateway endpoint?\nLook at the route tables.\n\nRoute tables of two subnets (https://raw.example.com/bank/main/images/routes.png)',
    );
    expect(q.images).toEqual([{ url: 'https://raw.example.com/bank/main/images/routes.png', alt: 'Route tables of two subnets' }]);
    expect(q.options).toEqual([
      {
        id: 'A',
        text: 'Diagram with a NAT gateway (https://raw.example.com/bank/main/images/nat.png)',
        image: { url: 'https://raw.example.com/bank/main/images/nat.png', alt: 'Diagram with a NAT gateway' },
      },
      {
        id: 'B',
        text: 'Diagram with an S3 prefix list route (https://raw.example.com/bank/main/images/endpoint.png)',
        image: { url: 'https://raw.example.com/bank/main/images/endpoint.png', alt: 'Diagram with an S3 prefix list route' },
      },
    ]);
    expect(q.correct).toEqual(['B']);
  });

  it('parses a CRLF copy the same, line for line and with the same ids', () => {
    const lf = parse('task-list-bank.md');
    const crlf = parse('task-list-bank-crlf.md');
    expect(read('task-list-bank-crlf.md')).toContain('\r\n');
    expect(crlf.dialect).toBe('task-list bank');
    expect(crlf.deck.questions.map((q) => [q.id.split(':')[1], q.number, q.source.line, q.correct])).toEqual(
      lf.deck.questions.map((q) => [q.id.split(':')[1], q.number, q.source.line, q.correct]),
    );
    expect(findingLines(crlf.findings)).toEqual(findingLines(lf.findings));
  });
});

describe('ordered-list questions', () => {
  it('reads `1.` items with indented options and a `<details markdown=1>` answer holding "Correct answer:"', () => {
    const r = parse('ordered-details.md');
    expect(r.dialect).toBe('ordered-list questions');
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', line: 11, options: ['A=Cost allocation tags', 'B=Consolidated billing', 'C=Savings Plans', 'D=A second support plan'], correct: ['A'] },
      { n: '2', line: 25, options: ['A=Elasticity', 'B=Single tenancy', 'C=Paying only for what runs', 'D=Long contracts'], correct: ['A', 'C'] },
      { n: '3', line: 37, options: ['A=AWS Config', 'B=AWS CloudTrail', 'C=Amazon Inspector'], correct: ['B'] },
      { n: '4', line: 48, options: ['A=AWS Artifact', 'B=AWS Audit Hub'], correct: [] },
    ]);
    const [q1, q2] = r.deck.questions;
    expect(q1!.prompt).toBe('A retailer wants to tag resources so each department sees its own spending. Which feature fits?');
    expect(q1!.explanation).toBe('https://docs.example.com/billing/tags.html');
    expect(q2!.explanation).toBe('you scale down when the spike is over.');
    expect(findingLines(r.findings)).toEqual(['52 warning no-answer']);
    expect(r.findings[0]!.message).toMatch(/^4: no answer in <details>; not scored\. To give one, .*`Answer: B`.*`- \[x\]`/);
  });

  it('reads `1. **Which …?**` items with `- A)` options, answer lines, an explanation and a domain', () => {
    const r = parse('ordered-bold.md');
    expect(r.dialect).toBe('ordered-list questions');
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', line: 7, options: ['A=Standard queue', 'B=FIFO queue'], correct: ['B'] },
      { n: '2', line: 13, options: ['A=4 days', 'B=14 days', 'C=30 days'], correct: ['B'] },
      { n: '3', line: 22, options: ['A=Delay seconds', 'B=Visibility timeout'], correct: ['B'] },
    ]);
    const q2 = r.deck.questions[1]!;
    expect(q2.prompt).toBe('How long can a message stay in a queue at most?');
    expect(q2.explanation).toBe('the retention period goes up to 14 days.');
    expect(q2.domain).toBe('3');
  });
});

describe('answer lines', () => {
  it('reads `Answer: B`, `**Answer:** A, C`, `Correct answer: 2`, `Correct: B` and `Answer: B. text`', () => {
    const r = parse('answer-lines.md');
    expect(r.dialect).toBe('answer lines');
    expect(r.deck.questions.map(view)).toEqual([
      { n: 'Q1', line: 7, options: ['A=Oracle on your own servers', 'B=PostgreSQL', 'C=A spreadsheet'], correct: ['B'] },
      {
        n: 'Q2',
        line: 17,
        options: ['A=Multi-AZ deployment', 'B=Read replica in the same AZ', 'C=Automated backups with point-in-time restore', 'D=A bigger instance class'],
        correct: ['A', 'C'],
      },
      { n: 'Q3', line: 30, options: ['1=Relational tables', '2=DynamoDB', '3=Ledger'], correct: ['2'] },
      { n: 'Q4', line: 40, options: ['A=Memcached', 'B=Redis'], correct: ['B'] },
      { n: 'Q5', line: 49, options: ['A=Database Migration Service', 'B=Snowball Edge'], correct: ['B'] },
      { n: 'Q6', line: 58, options: ['A=It serves reads', 'B=It replaces backups'], correct: [] },
    ]);
    expect(r.deck.questions[1]!.explanation).toBe('a standby in another AZ takes over; backups restore to a new instance.');
    expect(r.deck.questions[3]!.domain).toBe('Design high-performing architectures');
    expect(r.deck.questions[3]!.prompt).toBe('Which cache engine supports sorted sets?');
    expect(findingLines(r.findings)).toEqual(['65 error answer-invalid']);
  });
});

describe('questions opened by a numbered paragraph instead of a heading', () => {
  it('`**1. Which …?**`, `Q3. …` paragraphs with lettered lines, lists or task lists', () => {
    const r = parse('numbered-paragraphs.md');
    expect(r.dialect).toBe('answer lines');
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', line: 7, options: ['A=An IAM role', 'B=An IAM user with access keys', 'C=The root user'], correct: ['A'] },
      { n: '2', line: 15, options: ['A=Minimum length', 'B=Require symbols', 'C=Allow reuse'], correct: ['A', 'B'] },
      { n: 'Q3', line: 23, options: ['A=Password rotation', 'B=MFA'], correct: ['B'] },
    ]);
    expect(r.deck.questions.map((q) => q.prompt)).toEqual([
      'Which identity lets an EC2 instance call other services without keys?',
      'Which TWO settings make a password policy stricter?',
      'Which feature asks for a second factor at sign-in?',
    ]);
  });
});

describe('everyday variations', () => {
  it('setext headings, `### Q12.` / `### 13) … ###`, `*` bullets, trailing spaces and tabs, <br>, blank lines inside a list, `[X]`', () => {
    const r = parse('everyday.md');
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: 'Q12', line: 8, options: ['A=Amazon SES', 'B=Amazon SNS'], correct: ['A'] },
      { n: '13', line: 17, options: ['A=Amazon SQS', 'B=Amazon MQ', 'C=Amazon EventBridge'], correct: ['A'] },
      { n: 'Q14', line: 26, options: ['A=Amazon RDS', 'B=Amazon DynamoDB'], correct: ['B'] },
    ]);
    expect(r.deck.questions.map((q) => q.prompt)).toEqual([
      'Which service sends email from an application?\nPick one.',
      'Which service queues jobs for workers?',
      'Which store is serverless and key-value?',
    ]);
  });
});

describe('exam-dump style', () => {
  it('`**Question #1**` paragraphs, lettered lines, and a <details> holding only the label(s)', () => {
    const r = parse('exam-dump.md');
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', line: 5, options: ['A=Amazon SQS', 'B=Amazon MQ', 'C=Amazon SNS'], correct: ['B'] },
      { n: '2', line: 20, options: ['A=AWS Lambda', 'B=Amazon EC2', 'C=AWS Fargate'], correct: ['A', 'C'] },
    ]);
    expect(r.deck.questions[0]!.prompt).toBe('A company needs a managed message broker compatible with existing AMQP clients. Which service fits?');
    expect(r.deck.questions.map((q) => q.explanation)).toEqual(['', '']);
  });
});

describe('check marks', () => {
  it('`- A. text ✅` marks the correct option; the mark is not part of the option', () => {
    const r = parse('ticks.md');
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: 'Q1', line: 5, options: ['A=Amazon Neptune', 'B=Amazon Aurora', 'C=Amazon Redshift'], correct: ['A'] },
      { n: 'Q2', line: 11, options: ['A=DynamoDB', 'B=RDS for MySQL', 'C=DocumentDB'], correct: ['A', 'C'] },
    ]);
  });
});

describe('Hugo shortcodes', () => {
  it('`{{< details "Answer" >}}` … `{{< /details >}}` holds the answer like <details>', () => {
    const r = parse('hugo-details.md');
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map(view)).toEqual([{ n: 'Q1', line: 7, options: ['A=CloudFront', 'B=Direct Connect'], correct: ['A'] }]);
    expect(r.deck.questions[0]!.explanation).toBe('CloudFront caches content close to viewers.');
  });
});

describe('answer keys', () => {
  it('`## Answers` with `1. A` lines answers the questions by number', () => {
    const r = parse('answer-key.md');
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map((q) => [q.number, q.source.line, q.correct.join()])).toEqual([
      ['1', 7, 'A'],
      ['2', 12, 'A,B'],
      ['3', 18, 'B'],
    ]);
    expect(r.deck.questions[2]!.prompt).toBe('Which service answers "who deleted this bucket"?');
  });
});

describe('grouped question files', () => {
  it('`## Q1 - Q2` / `## Q3-4` groups with numbering restarting, no `## Questions`, a commented-out template', () => {
    const r = parse('grouped.md');
    expect(r.dialect).toBe('grouped questions');
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map((q) => [q.number, q.group, q.source.line, q.correct.join()])).toEqual([
      ['1', 'Q1 - Q2', 17, 'A'],
      ['2', 'Q1 - Q2', 31, 'A'],
      ['3', 'Q3-4', 47, 'A'],
      ['4', 'Q3-4', 61, 'A'],
    ]);
    expect(r.deck.questions[2]!.prompt).toBe('Which tool describes infrastructure as code?');
  });

  it('`## Part 2` groups that restart at `### 1` get running numbers; a number repeated inside a group stays reachable', () => {
    const r = parse('parts.md');
    expect(r.dialect).toBe('grouped questions');
    expect(r.deck.questions.map((q) => [q.number, q.group, q.source.line, q.correct.join()])).toEqual([
      ['1', 'Part 1', 7, 'A'],
      ['2', 'Part 1', 16, 'B'],
      ['3', 'Part 2', 27, 'A'],
      ['4', 'Part 2', 36, 'A'],
    ]);
    expect(new Set(r.deck.questions.map((q) => q.number)).size).toBe(4);
  });
});

describe('localized headings, flashcards, non-Latin text', () => {
  it('`## Fragen` / `### Frage 1` with `Antwort:` lines, and `## Preguntas` over a task list', () => {
    const de = parse('localized.md');
    expect(de.findings).toEqual([]);
    expect(de.deck.questions.map(view)).toEqual([
      { n: '1', line: 12, options: ['A=S3 Standard', 'B=S3 Glacier Deep Archive'], correct: ['B'] },
      { n: '2', line: 21, options: ['A=5 GB', 'B=5 TB'], correct: ['B'] },
    ]);
    expect(de.deck.concepts.map((c) => [c.slug, c.name])).toEqual([
      ['grosse', 'Größe'],
      ['ablaufregel', 'Ablaufregel'],
    ]);
    const es = parse('localized-es.md');
    expect(es.deck.questions.map(view)).toEqual([{ n: '1', line: 7, options: ['A=Route 53', 'B=CloudFront'], correct: ['A'] }]);
    expect(es.deck.questions[0]!.prompt).toBe('¿Qué servicio traduce nombres de dominio?');
  });

  it('`## Вопросы` with Cyrillic option letters а) б) в) and `Ответ: а, в` (ids are the Latin letters at the same place)', () => {
    const r = parse('russian.md');
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', line: 7, options: ['A=Amazon EBS', 'B=Amazon S3', 'C=Amazon EFS'], correct: ['B'] },
      { n: '2', line: 17, options: ['A=AWS Lambda', 'B=Amazon EC2', 'C=AWS Fargate'], correct: ['A', 'C'] },
    ]);
    expect(r.deck.questions[0]!.prompt).toBe('Какой сервис хранит объекты?');
  });

  it('a flashcard-only deck is a deck: kind flashcard, a non-fatal finding, not broken', () => {
    const r = parse('flashcards-only.md');
    expect(r.dialect).toBe('flashcards');
    expect(isBroken(r)).toBe(false);
    expect(findingLines(r.findings)).toEqual(['5 warning flashcards-only']);
    expect(r.deck.questions.map((q) => [q.number, q.kind, q.source.line, q.prompt, q.answerText])).toEqual([
      ['Q1', 'flashcard', 7, 'What does a NAT gateway let private subnets do?', 'Reach the internet for updates without being reachable from it.'],
      ['Q2', 'flashcard', 11, "Which limit applies to a Lambda function's run time?", 'Fifteen minutes.'],
      ['Q3', 'flashcard', 15, 'What is an Availability Zone?', 'One or more data centres with their own power and network, inside a Region.'],
    ]);
  });

  it('concepts in any script, found by `explain` with case, width and diacritics folded', () => {
    const r = parse('non-latin.md');
    expect(r.deck.concepts.map((c) => [c.slug, c.name, c.source.line])).toEqual([
      ['u6771u4eac', '東京', 7],
      ['oshibka', 'Ошибка', 8],
      ['grosse', 'Größe', 9],
      ['diktyo', 'Δίκτυο', 10],
    ]);
    // Every name in its own script, and the ASCII slug (what share buttons carry), find the concept.
    const found = (q: string) => {
      const e = explain(r.deck, q);
      return e.kind === 'found' ? e.concept.name : e.kind;
    };
    expect(found('東京')).toBe('東京');
    expect(found('ОШИБКА')).toBe('Ошибка');
    expect(found('grösse')).toBe('Größe');
    expect(found('GROSSE')).toBe('Größe');
    expect(found('δίκτυο')).toBe('Δίκτυο');
    expect(found('u6771u4eac')).toBe('東京');
    expect(found('oshibka')).toBe('Ошибка');
    expect(found('東京駅')).not.toBe('found');
    expect(r.deck.questions[0]!.prompt).toBe('東京リージョンのコードは?');
  });

  it('a concept name with no letters or digits is reported, not dropped silently', () => {
    const r = parseDeck('---\ntitle: x\n---\n\n## Concepts\n\n- 🚀 - launches fast\n- Größe - size\n\n## Questions\n\n### Q1\n\n**Which?**\n\n- A) a\n- B) b\n\nAnswer: A\n', 'content/x.md');
    expect(findingLines(r.findings)).toEqual(['7 warning concept-name']);
    expect(r.deck.concepts.map((c) => c.name)).toEqual(['Größe']);
  });
});

describe('options that cannot be shown, and numbers used twice', () => {
  it('an option that renders empty or as its own label is an error; a repeated number gets the next free one', () => {
    const r = parse('broken-options.md');
    expect(findingLines(r.findings)).toEqual(['11 error option-empty', '20 warning image-unresolved', '20 error option-empty', '25 warning duplicate-number']);
    expect(r.findings[3]!.message).toBe('Q2: number already used by the question at line 16; shown as Q4 (quiz 4)');
    expect(r.deck.questions.map((q) => [q.number, q.source.line, q.scored, q.correct.join()])).toEqual([
      ['Q1', 7, false, ''],
      ['Q2', 16, false, ''],
      ['Q4', 25, true, 'A'],
      ['Q3', 34, true, 'A'],
    ]);
  });
});

describe('files in no known layout', () => {
  it('get one error naming the layouts and docs/content.md', () => {
    const r = parseDeck('---\ntitle: Notes\n---\n\n## Overview\n\nJust prose about S3.\n\n- a bullet\n- another\n', 'content/notes.md');
    expect(findingLines(r.findings)).toEqual(['1 error no-questions']);
    expect(r.findings[0]!.message).toMatch(/task-list bank/);
    expect(r.findings[0]!.message).toMatch(/docs\/content\.md/);
    expect(r.dialect).toBeUndefined();
    expect(isBroken(r)).toBe(true);
  });

  it('a checklist in a study note is not a question bank', () => {
    const note = '---\ntitle: Notes\n---\n\n## Plan\n\n### Exam checklist\n\n- [x] Book the exam\n- [ ] Review IAM\n\n## Features\n\n- [x] Fast\n- [x] Cheap\n';
    const r = parseDeck(note, 'content/plan.md');
    expect(findingLines(r.findings)).toEqual(['1 error no-questions']);
    expect(r.deck.questions).toEqual([]);
  });
});
