// Every format variant of the issue, one fixture note each, with the exact findings and their lines.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/content/index.js';
import { findingLines, fixturePath, parseFixture } from './helpers.js';

const brief = (q: Question) => ({ number: q.number, kind: q.kind, scored: q.scored, correct: q.correct, line: q.source.line });

describe('question formats', () => {
  it('`- A) text` options with a letter answer and front matter fields', () => {
    const { deck, findings } = parseFixture('basic-letters.md');
    expect(findings).toEqual([]);
    expect(deck).toMatchObject({ id: 'basic-letters', command: 'basic-letters', title: 'Simple Queue Service', description: 'Managed message queues' });
    expect(deck.meta).toEqual({
      title: 'Simple Queue Service',
      description: 'Managed message queues',
      tags: ['aws', 'messaging'],
      date: '2023-01-05T00:00:00.000Z',
      weight: 10,
      awsTag: 'SQS',
      featuredImage: 'https://example.com/sqs.png',
    });
    expect(deck.questions.map(brief)).toEqual([
      { number: 'Q1', kind: 'choice', scored: true, correct: ['B'], line: 23 },
      { number: 'Q2', kind: 'choice', scored: true, correct: ['B'], line: 43 },
    ]);
    const q1 = deck.questions[0]!;
    expect(q1.prompt).toBe('Which setting hides a message from other consumers while one consumer works on it?');
    expect(q1.options).toEqual([
      { id: 'A', text: 'Delay seconds' },
      { id: 'B', text: 'Visibility timeout' },
      { id: 'C', text: 'Retention period' },
      { id: 'D', text: 'Maximum message size' },
    ]);
    expect(q1.explanation).toBe('The visibility timeout starts when a consumer receives a message.');
    expect(q1.source).toEqual({ path: fixturePath('basic-letters.md'), line: 23 });
  });

  it('`1. text` options with several answers, trailing spaces and Select TWO / Choose 3 wording', () => {
    const { deck, findings } = parseFixture('numbered-multi.md');
    expect(findings).toEqual([]);
    expect(deck.questions.map(brief)).toEqual([
      { number: 'Q1', kind: 'choice', scored: true, correct: ['1', '2'], line: 7 },
      { number: 'Q2', kind: 'choice', scored: true, correct: ['1', '2', '4'], line: 29 },
    ]);
    expect(deck.questions[0]!.prompt).toBe(
      'A team stores session data in a table and wants items to disappear after a day.\n\nWhich TWO features help? (Select TWO.)',
    );
    expect(deck.questions[0]!.options.map((o) => o.id)).toEqual(['1', '2', '3', '4']);
    expect(deck.questions[0]!.explanation).toBe('TTL deletes expired items for free; a scheduled job also works.');
  });

  it('`### 1` headings and `A. text` / `A) text` options written as plain lines', () => {
    const { deck, findings } = parseFixture('plain-numbers.md');
    expect(findings).toEqual([]);
    expect(deck.questions.map(brief)).toEqual([
      { number: '1', kind: 'choice', scored: true, correct: ['B'], line: 7 },
      { number: '2', kind: 'choice', scored: true, correct: ['B'], line: 25 },
    ]);
    expect(deck.questions[0]!.options).toEqual([
      { id: 'A', text: 'CNAME' },
      { id: 'B', text: 'Alias' },
      { id: 'C', text: 'MX' },
      { id: 'D', text: 'TXT' },
    ]);
    expect(deck.questions[1]!.options.map((o) => o.text)).toEqual(['Weighted', 'Latency-based', 'Simple']);
  });

  it('lists where every item is written `1.` are taken by position', () => {
    const { deck, findings } = parseFixture('all-ones.md');
    expect(findings).toEqual([]);
    const q = deck.questions[0]!;
    expect(q.options.map((o) => `${o.id}=${o.text}`)).toEqual(['1=Origin shield', '2=Field-level encryption', '3=Signed URLs', '4=Price classes']);
    expect(q.correct).toEqual(['3']);
  });

  it('`1. A. text` items keep their letters; a number answer maps by position with a warning', () => {
    const { deck, findings } = parseFixture('number-then-letter.md');
    expect(findingLines(findings)).toEqual(['36 warning answer-by-position']);
    expect(findings[0]!.message).toBe('Q2: number answer over lettered options; mapped by position (1→A)');
    expect(deck.questions.map((q) => q.options.map((o) => o.id).join(''))).toEqual(['ABC', 'ABC']);
    expect(deck.questions[0]!.options[1]).toEqual({ id: 'B', text: 'Kinesis Data Firehose' });
    expect(deck.questions.map((q) => q.correct)).toEqual([['B'], ['A']]);
  });

  it('options with no blank line before them', () => {
    const { deck, findings } = parseFixture('glued-list.md');
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => ({ prompt: q.prompt, ids: q.options.map((o) => o.id), correct: q.correct }))).toEqual([
      { prompt: 'Which deployment policy keeps full capacity during a deploy?', ids: ['A', 'B', 'C'], correct: ['C'] },
      { prompt: 'Where do you put configuration files for an environment?', ids: ['A', 'B', 'C'], correct: ['A'] },
      { prompt: 'Which platform update option avoids downtime?', ids: ['1', '2'], correct: ['1'] },
    ]);
    expect(deck.questions[1]!.options[0]!.text).toBe('In the .ebextensions folder');
  });

  it('`## Q11 - Q20` groups where numbering restarts, and headings with stray leading spaces', () => {
    const { deck, findings } = parseFixture('groups.md');
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => [q.number, q.group, q.source.line, q.correct[0]])).toEqual([
      ['Q1', 'Q1 - Q2', 9, 'B'],
      ['Q2', 'Q1 - Q2', 23, 'A'],
      ['Q3', 'Q3 - Q4', 39, 'B'],
      ['Q4', 'Q3 - Q4', 53, 'A'],
    ]);
  });

  it('unlabelled bullets follow the answer style; `Answer: A` text; a <mark> without <details>; wording after the options', () => {
    const { deck, findings } = parseFixture('answer-variants.md');
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => [q.number, q.source.line, q.options.map((o) => o.id).join(''), q.correct.join(',')])).toEqual([
      ['Q1', 7, '123', '2'],
      ['Q2', 22, 'ABC', 'C'],
      ['Q3', 37, 'AB', 'A'],
      ['Q4', 55, 'AB', 'A'],
      ['5', 66, 'ABC', 'A,C'],
    ]);
    expect(deck.questions[2]!.explanation).toBe('Alarms publish to an SNS topic.');
    expect(deck.questions[3]!.explanation).toBe("It fires on a rule over other alarms' states.");
    expect(deck.questions[4]!.prompt).toBe('Which agent sends memory metrics from EC2?\n\n(Choose 2 answers)');
  });

  it('a heading that carries the question; ticked task-list items as the answer', () => {
    const { deck, findings } = parseFixture('heading-prompts.md');
    expect(findings).toEqual([]);
    expect(deck.questions.map((q) => [q.number, q.source.line, q.prompt, q.options.map((o) => o.text).join('|'), q.correct.join(',')])).toEqual([
      ['Q1', 7, 'Which capability stores configuration values and secrets as a hierarchy?', 'Parameter Store|Session Manager', 'A'],
      ['Q2', 19, 'Which capabilities open a shell without SSH keys? (Select TWO.)', 'Session Manager|Patch Manager|EC2 Instance Connect', 'A,C'],
      ['Q3', 27, 'Which capability runs a script on many instances at once?', 'Run Command|State Manager', 'A'],
    ]);
  });

  it('questions with no options are flashcards', () => {
    const { deck, findings } = parseFixture('flashcards.md');
    expect(findings).toEqual([]);
    expect(deck.questions.map(brief)).toEqual([
      { number: 'Q1', kind: 'flashcard', scored: false, correct: [], line: 7 },
      { number: 'Q2', kind: 'flashcard', scored: false, correct: [], line: 20 },
      { number: 'Q3', kind: 'choice', scored: true, correct: ['B'], line: 35 },
    ]);
    expect(deck.questions[0]).toMatchObject({ answerText: 'Grant only the permissions a task needs, and nothing more.', explanation: '', options: [] });
    expect(deck.questions[1]).toMatchObject({ answerText: '12 hours', explanation: "It depends on the role's maximum session duration setting." });
  });
});

describe('problems are reported, never thrown', () => {
  it('reports each bad answer on the line of its <mark> (or heading) and keeps it out of scored play', () => {
    const { deck, findings } = parseFixture('bad-answers.md');
    expect(findingLines(findings)).toEqual([
      '18 warning empty-answer',
      '23 warning no-answer',
      '41 error answer-range',
      '57 warning answer-by-position',
      '64 warning answer-count',
      '86 warning no-answer',
      '106 error answer-invalid',
      '133 warning one-option',
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Q1: empty answer <mark></mark>; not scored',
      'Q2: no answer (expected <details> with <mark>…</mark>); not scored',
      'Q3: answer 5 is out of range (options 1–2); not scored',
      'Q4: letter answer over numbered options; mapped by position (B→2)',
      'Q5: the prompt asks for 2 answers but the answer has 1',
      'Q6: no answer <mark>…</mark> in <details>; not scored',
      'Q7: answer "see docs" is not an option label (A, B)',
      'Q9: only one option; not scored',
    ]);
    expect(deck.questions.map((q) => `${q.number}:${q.scored ? q.correct.join(',') : '-'}`)).toEqual([
      'Q1:-', 'Q2:-', 'Q3:-', 'Q4:2', 'Q5:A', 'Q6:-', 'Q7:-', 'Q8:A', 'Q9:-',
    ]);
    // A <mark> in body text is not an answer, and its tags never reach users.
    expect(deck.questions[5]!.prompt).toBe('Which file holds the handler for a Python function?');
    expect(deck.questions[7]!.explanation).toBe('Graviton is cheaper per millisecond.');
  });

  it('checks "Select TWO" written in the same paragraph as the options; reads <details> split by blank lines and indented <div> content', () => {
    const { deck, findings } = parseFixture('split-details.md');
    expect(findingLines(findings)).toEqual(['9 warning answer-count']);
    expect(deck.questions.map((q) => [q.number, q.source.line, q.correct.join(',')])).toEqual([
      ['Q1', 7, 'A'],
      ['Q2', 26, 'B'],
    ]);
    expect(deck.questions[1]!.explanation).toBe('Glacier classes are built for archives; see the docs (https://example.com/glacier).');
  });

  it('serves one copy of a question repeated in the same file', () => {
    const { deck, findings } = parseFixture('duplicates.md');
    expect(findingLines(findings)).toEqual(['21 warning duplicate']);
    expect(findings[0]!.message).toBe('Q2: same question as Q1 (line 7); serving one copy');
    expect(deck.questions.map((q) => [q.number, q.source.line])).toEqual([
      ['Q1', 7],
      ['Q2', 35],
    ]);
  });

  it('a deck where nothing can be scored is an error', () => {
    const { findings } = parseFixture('zero-scored.md');
    expect(findingLines(findings)).toEqual(['5 error no-scored-questions', '7 warning no-answer', '24 warning empty-answer']);
  });

  it('unreadable front matter is an error on the YAML line; the body is still read', () => {
    const { deck, findings } = parseFixture('broken-yaml.md');
    expect(findingLines(findings)).toEqual(['4 error frontmatter']);
    expect(findings[0]!.message).toMatch(/^front matter is not valid YAML: /);
    expect(deck.meta).toEqual({});
    expect(deck.title).toBe('broken-yaml');
    expect(deck.questions.map(brief)).toEqual([{ number: 'Q1', kind: 'choice', scored: true, correct: ['A'], line: 9 }]);
  });

  it('no front matter: the first # heading is the title (warning)', () => {
    const { deck, findings } = parseFixture('no-front-matter.md');
    expect(findingLines(findings)).toEqual(['1 warning no-title']);
    expect(deck.title).toBe('CloudTrail');
    expect(deck.questions[0]!.source.line).toBe(5);
  });

  it('no Questions section is an error', () => {
    const { findings } = parseFixture('concepts-only.md');
    expect(findingLines(findings)).toEqual(['1 error no-questions']);
  });
});

describe('front matter', () => {
  it('keeps unknown fields, turns dates into ISO strings and checks `command`', () => {
    const { deck, findings } = parseFixture('frontmatter-variety.md');
    expect(findingLines(findings)).toEqual(['8 warning draft', '9 warning command']);
    expect(findings[0]!.message).toBe('draft: true; the bot does not serve this deck');
    expect(findings[1]!.message).toBe('command "EC2 Pricing!" must be 1–32 characters of a-z, 0-9 and -; using "ec2pricing"');
    expect(deck.command).toBe('ec2pricing');
    expect(deck.meta).toEqual({
      title: 'EC2 pricing',
      description: 'How you pay for compute',
      date: '2021-03-04T10:20:30.000Z',
      lastmod: '2024-02-29T00:00:00.000Z',
      awsTag: null,
      featuredImage: 'images/ec2.png',
      draft: true,
      command: 'EC2 Pricing!',
      series: { name: 'Compute', started: '2020-12-01T00:00:00.000Z' },
    });
    expect(JSON.parse(JSON.stringify(deck.meta))).toEqual(deck.meta);
  });

  it('reads CRLF files with the same lines', () => {
    const { deck, findings } = parseFixture('crlf.md');
    expect(findings).toEqual([]);
    expect(deck.title).toBe('Windows line endings');
    expect(deck.questions.map(brief)).toEqual([{ number: 'Q1', kind: 'choice', scored: true, correct: ['A'], line: 7 }]);
  });
});

describe('plain text for users', () => {
  it('drops emphasis, HTML, comments, shortcodes, zero-width and no-break spaces; rewrites links', () => {
    const { deck, findings } = parseFixture('messy-text.md');
    expect(findings).toEqual([]);
    expect(deck.title).toBe('Messy notes');
    const [q1, q2] = deck.questions;
    expect(q1!.source.line).toBe(16);
    expect(q1!.prompt).toBe('Which edge feature runs code close to viewers?');
    expect(q1!.options).toEqual([
      { id: 'A', text: 'CloudFront Functions' },
      { id: 'B', text: 'Lambda@Edge (https://docs.example.com/lambda-edge)' },
      { id: 'C', text: 'Broken link' },
      { id: 'D', text: 'Origin groups' },
    ]);
    expect(q1!.explanation).toBe(
      'Both exist; see https://docs.example.com/functions and the comparison (https://docs.example.com/compare) or our notes.',
    );
    expect(q2!.prompt).toBe('Which header tells CloudFront how long to cache?\nThink about `Cache-Control`.');
    expect(q2!.options[0]!.text).toBe('Cache-Control & Expires');
    expect(q2!.correct).toEqual(['A']);
    expect(deck.concepts.map((c) => [c.name, c.text, c.source.line])).toEqual([
      ['Edge location', 'a site where CloudFront caches copies of content', 9],
      ['Origin', 'where the original objects live, see the guide (https://docs.example.com/origin) or the local page', 10],
    ]);
    const all = JSON.stringify(deck);
    expect(all).not.toMatch(/[\u200B\u00A0]|\{\{|<!--|<span|\*\*/);
  });
});

describe('concept sections', () => {
  const view = (name: string) =>
    parseFixture(name).deck.concepts.map((c) => ({ slug: c.slug, name: c.name, text: c.text, line: c.source.line }));

  it('`## Digest` with `Term - definition`, `**Term**: definition` and `**Term** - definition` bullets', () => {
    expect(view('basic-letters.md')).toEqual([
      { slug: 'visibility-timeout', name: 'Visibility timeout', text: 'how long a received message stays hidden from other consumers', line: 17 },
      { slug: 'dead-letter-queue', name: 'Dead-letter queue', text: 'where messages go after too many failed receives', line: 18 },
      { slug: 'long-polling', name: 'Long polling', text: 'waiting up to 20 seconds for messages to arrive', line: 19 },
    ]);
  });

  it('`### Terminology` with sentences and sub-bullets that belong to their parent', () => {
    expect(view('terminology.md')).toEqual([
      { slug: 'task-definition', name: 'Task definition', text: 'a blueprint that lists the containers, CPU and memory of a task', line: 9 },
      { slug: 'service', name: 'Service', text: 'keeps a number of tasks running\n- replaces tasks that stop\n- can sit behind a load balancer', line: 10 },
      {
        slug: 'capacity-providers',
        name: 'Capacity providers',
        text: 'Capacity providers are the pools of compute that tasks run on, such as Fargate or an Auto Scaling group.',
        line: 13,
      },
      { slug: 'cluster', name: 'Cluster', text: 'a logical group of tasks and services', line: 15 },
      { slug: 'launch-types', name: 'Launch types', text: '- Fargate - serverless\n- EC2 - you manage the instances', line: 16 },
      { slug: 'fargate', name: 'Fargate', text: 'serverless', line: 17 },
      { slug: 'ec2', name: 'EC2', text: 'you manage the instances', line: 18 },
      { slug: 'fargate-spot', name: 'Fargate Spot', text: 'Fargate Spot runs interruptible tasks on spare capacity at a discount.', line: 19 },
    ]);
  });

  it('`## Concepts` with `###` headings, a two-column table and bold-label paragraphs', () => {
    expect(view('concepts-only.md')).toEqual([
      { slug: 'subnet', name: 'Subnet', text: 'A range of IP addresses inside a VPC, tied to one Availability Zone.', line: 7 },
      {
        slug: 'route-table',
        name: 'Route table',
        text: 'Rules that decide where network traffic from a subnet goes.\n- Every subnet is associated with exactly one route table.',
        line: 11,
      },
      { slug: 'nat-gateway', name: 'NAT gateway', text: 'Lets private subnets reach the internet without being reachable from it', line: 19 },
      { slug: 'internet-gateway', name: 'Internet gateway', text: 'Connects a VPC to the internet', line: 20 },
      { slug: 'security-group', name: 'Security group', text: 'a stateful firewall attached to network interfaces.', line: 22 },
      { slug: 'network-acl', name: 'Network ACL', text: 'a stateless firewall attached to subnets. It evaluates rules in number order.', line: 23 },
    ]);
  });

  it('a note with no concept section answers from its About paragraphs', () => {
    expect(view('about-only.md')).toEqual([
      {
        slug: 'secrets-manager',
        name: 'Secrets Manager',
        text:
          'Secrets Manager stores database credentials and API keys, and can rotate them on a schedule with a Lambda function.\n\n' +
          'Applications fetch secrets at run time instead of keeping them in code.',
        line: 8,
      },
    ]);
  });
});
