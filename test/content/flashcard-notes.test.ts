// Study notes written for the Obsidian Spaced Repetition plugin (`#flashcards` notes) and for Logseq (`#card`
// blocks): our own imitations of vault notes, read card by card.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/content/index.js';
import type { ParseResult } from '../../src/content/types.js';
import { findingLines, parseNoteLines } from './helpers.js';

const fixture = (name: string): ParseResult => {
  const path = `test/fixtures/flashcard-notes/${name}`;
  return parseDeck(readFileSync(path, 'utf8'), path);
};
/** Each card as `prompt → answer`. */
const cards = (r: ParseResult): string[] => r.deck.questions.map((q) => `${q.prompt} → ${q.answerText ?? q.correct.join(',')}`);

describe('Obsidian Spaced Repetition notes', () => {
  const r = fixture('obsidian-aws.md');

  it('reads single-line, list-item, reversed, multi-line and cloze cards of a note tagged in front matter', () => {
    expect(r.dialect).toBe('obsidian flashcards');
    expect(cards(r)).toEqual([
      'What is the maximum size of one S3 object → 5 TB',
      'Default S3 storage class → S3 Standard',
      'What does `aws s3 ls` list → Buckets, or the objects under a prefix',
      '`std::vec` vs `AWS::S3::Bucket` → the first is Rust, the second a CloudFormation type',
      'EBS volume scope → one Availability Zone',
      'one Availability Zone → EBS volume scope',
      "Which command lists the EBS volumes\nof an account? → ```bash\naws ec2 describe-volumes \\\n  --query 'Volumes[*].VolumeId'\n\n# blank line above stays in the answer\n```\n\nebs-diagram (https://notes.example.com/vault/ebs-diagram.png)",
      'Lifecycle rules → move objects between storage classes',
      'move objects between storage classes → Lifecycle rules',
      'S3 Glacier [...] restores within 12 hours. → Deep Archive',
      'S3 Glacier Deep Archive restores within [...]. → 12 hours',
      'VPC CIDR range size → /16 to /28',
      'Who owns the root user → the account owner',
      'Gateway endpoint services → S3 and DynamoDB',
    ]);
    expect(r.deck.questions.every((q) => q.kind === 'flashcard' && !q.scored && q.options.length === 0)).toBe(true);
  });

  it('serves a note of cards only as a flashcard deck, with no other finding', () => {
    expect(findingLines(r.findings)).toEqual(['11 warning flashcards-only']);
  });

  it('files cards under the sub-deck tag before them, or the one starting their line, as their domain', () => {
    const domains = r.deck.questions.map((q) => `${q.source.line} ${q.domain}`);
    expect(domains).toEqual([
      '11 storage', '14 storage', '15 storage', '16 storage', '17 storage', '17 storage', '22 storage',
      '34 storage', '34 storage', '38 storage', '38 storage', '42 networking', '43 security', '44 networking',
    ]);
  });

  it('shows an embedded picture of the answer as one of the card’s pictures, its code block as code', () => {
    const q = r.deck.questions.find((x) => x.prompt.startsWith('Which command'));
    expect(q?.explanationImages).toEqual([{ url: 'https://notes.example.com/vault/ebs-diagram.png', alt: 'ebs-diagram' }]);
    expect(q?.answerText).toContain('```bash\naws ec2 describe-volumes');
  });

  it('never shows the scheduling comments', () => {
    expect(JSON.stringify(r.deck.questions)).not.toMatch(/SR:|2024-03/);
  });

  it('splits no CloudFormation type, IPv6 address or code span', () => {
    expect(r.deck.questions.some((q) => /BucketPolicy|fe80|::/.test(q.prompt.replace(/`[^`]*`/g, '')))).toBe(false);
    // The prose lines with `AWS::S3::Bucket` and `fe80::1` stay prose: no card, no finding.
    expect(r.findings.some((f) => f.line === 19 || f.line === 20)).toBe(false);
  });

  it('gives each card an id from its prompt, as every flashcard’s', () => {
    const ids = r.deck.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^obsidian-aws:[\w-]{10}$/.test(id))).toBe(true);
    // Moving a card or editing its answer keeps its id; rewording the question changes it.
    const moved = parseNoteLines('obsidian-aws.md', ['#flashcards', '', '', 'What is the maximum size of one S3 object::5 TiB']);
    expect(moved.deck.questions[0]?.id).toBe(ids[0]);
  });
});

describe('which notes are flashcard notes', () => {
  it('reads no `::` in a note without the tag: CloudFormation types, C++ and Rust paths, IPv6, a lone `?`', () => {
    const r = fixture('untagged-aws.md');
    expect(r.deck.questions).toEqual([]);
    expect(r.dialect).toBeUndefined();
    expect(findingLines(r.findings)).toEqual(['1 error no-questions']);
  });

  it('takes an inline tag anywhere in the note, in any case, and front matter `tags: flashcards/aws`', () => {
    const inline = parseNoteLines('n.md', ['# Notes', '', 'Q1::A1', '', 'Some text #Flashcards/AWS here.']);
    expect(cards(inline)).toEqual(['Q1 → A1']);
    expect(inline.deck.questions[0]?.domain).toBe('AWS');
    const fm = parseNoteLines('n.md', ['---', 'title: N', 'tags: flashcards/aws', '---', 'Q1::A1']);
    expect(fm.deck.questions.map((q) => q.domain)).toEqual(['aws']);
    const list = parseNoteLines('n.md', ['---', 'title: N', 'tags:', '  - aws', '  - flashcards', '---', 'Q1::A1']);
    expect(cards(list)).toEqual(['Q1 → A1']);
    expect(list.deck.questions[0]?.domain).toBeUndefined();
    // A real note lists the bare tag first and its sub-deck after: the sub-deck names the domain.
    const both = parseNoteLines('n.md', ['---', 'title: N', 'tags:', '  - flashcards', '  - flashcards/networking', '  - vpc', '---', 'Q1::A1']);
    expect(both.deck.questions[0]?.domain).toBe('networking');
  });

  it('reads no tag in code, and no tag that only starts like one', () => {
    for (const lines of [['`#flashcards`', 'Q1::A1'], ['```', '#flashcards', '```', 'Q1::A1'], ['#flashcardsx', 'Q1::A1'], ['word#flashcards', 'Q1::A1']]) {
      expect(parseNoteLines('n.md', lines).deck.questions).toEqual([]);
    }
  });

  it('reads CRLF notes and indented cards in nested list items', () => {
    const r = parseDeck(['#flashcards', '- Storage', '    - S3 tier for archives::Glacier', '\t- Block storage::EBS', '', 'Multi', 'line', '?', 'answer'].join('\r\n'), 'n.md');
    expect(cards(r)).toEqual(['S3 tier for archives → Glacier', 'Block storage → EBS', 'Multi\nline → answer']);
    expect(r.deck.questions.map((q) => q.source.line)).toEqual([3, 4, 6]);
  });
});

describe('cards the plugin scheduled (<!--SR:…--> comments)', () => {
  it('reports a scheduled card no separator here makes (a real note used `&#10;`), and a highlight that spans a line break', () => {
    const r = fixture('obsidian-scheduled.md');
    expect(cards(r)).toEqual([
      'Which IAM entity is for a workload, not a person? → A role',
      'A policy attached to a bucket is a ==resource-based\npolicy==, one attached to a user an [...]. → identity-based policy',
      'Which policy type sets a permission ceiling → A permissions boundary',
    ]);
    expect(findingLines(r.findings)).toEqual(['1 warning no-title', '8 warning flashcards-only', '10 warning unread-card', '14 warning unclosed-cloze']);
  });

  it('says once that a note not tagged #flashcards holds scheduled cards, and reads it as before', () => {
    const r = fixture('untagged-scheduled.md');
    expect(r.deck.questions).toEqual([]);
    expect(findingLines(r.findings)).toEqual(['1 error no-questions', '7 warning unread-cards']);
    expect(r.findings.find((f) => f.code === 'unread-cards')?.message).toMatch(/scheduled at 2 places .* not tagged #flashcards/);
  });
});

describe('card shapes and their edges', () => {
  it("reads `;;`, the separator a real vault set instead of `::`, and hides Obsidian's block ids (`^9f3a1c`)", () => {
    const r = fixture('obsidian-semicolons.md');
    expect(cards(r)).toEqual([
      'Which S3 class suits rarely read data needed in milliseconds? → S3 Standard-IA',
      'Can one EBS volume attach to instances in two AZs? → No, it lives in one AZ',
      'What does a lifecycle rule do? → lifecycle\nMoves or expires objects on a schedule',
      'EFS scales → automatically',
    ]);
    expect(r.deck.questions.every((q) => q.domain === 'storage')).toBe(true);
    // `;;` in code, and three semicolons, are no separator; a caret inside a word or formula stays.
    const kept = parseNoteLines('n.md', ['#flashcards', '', 'What is 2^10?::1024 ^answer', '', 'Why e^x?;; its own slope^2']);
    expect(cards(kept)).toEqual(['What is 2^10? → 1024', 'Why e^x? → its own slope^2']);
  });

  it('ends a multi-line card at a blank line, a heading, a deck tag line or the next `::` card', () => {
    const r = parseNoteLines('n.md', [
      '#flashcards', 'Q1', '?', 'A1', '', 'Q2', '?', 'A2', '## Next', 'Q3', '?', 'A3', '#flashcards/x', 'Q4', '?', 'A4', 'Q5::A5',
    ]);
    expect(cards(r)).toEqual(['Q1 → A1', 'Q2 → A2', 'Q3 → A3', 'Q4 → A4', 'Q5 → A5']);
    expect(r.deck.questions.map((q) => q.domain ?? '-')).toEqual(['-', '-', '-', 'x', 'x']);
  });

  it('reads one cloze card per highlight, in code none, and reports a highlight never closed', () => {
    const r = parseNoteLines('n.md', ['#flashcards', 'Use ==SQS== for queues and `a==b` in code, ==SNS== for topics.', '', 'An ==open highlight never closes.']);
    expect(cards(r)).toEqual(['Use [...] for queues and `a==b` in code, SNS for topics. → SQS', 'Use SQS for queues and `a==b` in code, [...] for topics. → SNS']);
    expect(findingLines(r.findings)).toEqual(['1 warning no-title', '2 warning flashcards-only', '4 warning unclosed-cloze']);
  });

  it('reads a `==cloze==^[hint]` with its hint in the gap, and no bold or {{curly}} cloze (off by default in the plugin)', () => {
    const r = parseNoteLines('n.md', ['#flashcards', 'Brazilians speak ==Portuguese==^[language].', '', 'A **bold** word and {{curly}} text.']);
    expect(cards(r)).toEqual(['Brazilians speak [language]. → Portuguese']);
  });

  it('reports a card it cannot read at its line and serves the rest', () => {
    const r = parseNoteLines('n.md', ['#flashcards', '?', 'no question', '', 'Q without answer::', '::A without question', 'Q', '??', '', 'Good::card']);
    expect(cards(r)).toEqual(['Good → card']);
    expect(findingLines(r.findings)).toEqual(['1 warning no-title', '2 warning no-prompt', '5 warning no-answer', '6 warning no-prompt', '8 warning no-answer', '10 warning flashcards-only']);
    expect(r.findings.find((f) => f.line === 8)?.message).toBe('flashcard: "??" with no answer below it; skipped');
  });

  it('serves a duplicated card once, with a finding at the copy', () => {
    const r = parseNoteLines('n.md', ['#flashcards', 'What is S3::Object storage', 'What is S3::Object storage, again']);
    expect(cards(r)).toEqual(['What is S3 → Object storage']);
    expect(r.findings.find((f) => f.code === 'duplicate')).toMatchObject({ line: 3, message: '2: same question as 1 (line 2); serving one copy' });
  });

  it('reads Chinese and Portuguese cards and sub-decks', () => {
    const r = fixture('languages.md');
    expect(cards(r)).toEqual([
      'S3 是什么 → 对象存储服务',
      '什么是 [...]？ → 可用区',
      'Qual é o serviço de filas da AWS? → Amazon SQS',
      'O Amazon S3 armazena [...] em buckets. → objetos',
      'O Amazon S3 armazena objetos em [...]. → buckets',
    ]);
    expect(r.deck.questions.map((q) => q.domain)).toEqual(['语言', '语言', 'português', 'português', 'português']);
  });

  it('splits at a spaced `::` after a type name, in a quote too, and never at four colons', () => {
    const r = parseNoteLines('n.md', ['#flashcards', '> Quoted::card', 'four::::colons', 'Lambda type AWS::Lambda::Function ::a function', 'AWS::S3::Bucket::no split']);
    expect(cards(r)).toEqual(['Quoted → card', 'Lambda type AWS::Lambda::Function → a function']);
  });

  it('reads wiki links as their text and leaves `[[ … ]]` in code alone', () => {
    const r = parseNoteLines('n.md', ['#flashcards', 'What is [[Amazon S3|S3]]::see [[Storage#Classes]]', 'Test a file in bash::`[[ -f file ]]`']);
    expect(cards(r)).toEqual(['What is S3 → see Storage > Classes', 'Test a file in bash → `[[ -f file ]]`']);
  });
});

describe('flashcards beside other questions', () => {
  it('serves the note’s choice questions and its cards, a duplicated card once, and names both layouts', () => {
    const r = fixture('mixed.md');
    expect(r.dialect).toBe('answer lines + obsidian flashcards');
    expect(r.deck.questions.map((q) => `${q.number} ${q.kind} ${q.scored}`)).toEqual(['Q1 choice true', '2 flashcard false', '3 flashcard false']);
    expect(findingLines(r.findings)).toEqual(['21 warning duplicate']);
  });

  it('leaves the lines it read to no other layout and to no unread-question warning', () => {
    const body = [
      '## Questions', '### Q1', 'Which one?', '- A. x', '- B. y', 'Answer: A', '', '## Cards', '',
      'Q2. Which service is block storage?', '?', 'EBS', '', '- Q3. Which AZ count is the minimum?::Two', '- Q4. Which storage is block storage?::EBS',
    ];
    const tagged = parseNoteLines('n.md', ['---', 'title: T', 'tags: flashcards', '---', ...body]);
    expect(cards(tagged).slice(1)).toEqual(['Q2. Which service is block storage? → EBS', 'Q3. Which AZ count is the minimum? → Two', 'Q4. Which storage is block storage? → EBS']);
    expect(tagged.findings).toEqual([]);
    // Without the tag the same lines are another layout's (a question with no answer), as before.
    const untagged = parseNoteLines('n.md', ['---', 'title: T', 'tags: aws', '---', ...body]);
    expect(findingLines(untagged.findings)).toEqual(['14 warning no-answer']);
  });
});

describe('Logseq pages', () => {
  const r = fixture('logseq-vpc.md');

  it('reads #card blocks, their children as the answer, clozes asked together, properties dropped', () => {
    expect(r.dialect).toBe('logseq flashcards');
    expect(cards(r)).toEqual([
      'What is a VPC? → - A logically isolated virtual network\n- It spans every Availability Zone of one region\n  - each subnet sits in one AZ',
      'A [...] lets private subnets reach the [...] → NAT gateway, internet',
      'Describe the VPCs of an account → ```bash\naws ec2 describe-vpcs\n- a dash in code is not a block\n```',
      'Tagged by property → Network ACLs are stateless',
    ]);
    expect(cards(r).join('\n')).not.toMatch(/card|id::|64f0c1a2|::/);
  });

  it('reports a card block with nothing to answer, and an unclosed cloze', () => {
    expect(findingLines(r.findings)).toEqual(['1 warning no-title', '5 warning flashcards-only', '23 warning no-answer']);
    const unclosed = parseNoteLines('p.md', ['- An {{cloze open cloze #card', '- Fine #card', '  - yes']);
    expect(cards(unclosed)).toEqual(['Fine → yes']);
    expect(findingLines(unclosed.findings).filter((l) => l.includes('cloze'))).toEqual(['1 warning unclosed-cloze']);
  });

  it('drops the tags that end a card block from its prompt, and only those (a real page: `What is X? #ques1 #card`)', () => {
    const page = parseNoteLines('p.md', [
      '- What is [[self-attention]]? #ques1 #card',
      '  - Attention within one sequence',
      '- Which #aws service stores objects? #[[week 2]] #card #storage',
      '  - S3',
      '- #only-tags #card',
      '  - kept as written',
      '- Issue#42 is open? #card',
      '  - yes',
    ]);
    expect(cards(page)).toEqual([
      'What is self-attention? → Attention within one sequence',
      'Which #aws service stores objects? → S3',
      '#only-tags → kept as written',
      'Issue#42 is open? → yes',
    ]);
  });

  it('reads a Logseq page tagged #flashcards as Logseq: no property is an Obsidian card (a real page: a `## #flashcards` heading)', () => {
    const r = fixture('logseq-tagged-page.md');
    expect(r.dialect).toBe('logseq flashcards');
    expect(cards(r)).toEqual([
      // Clozes in the children are the answer: shown as their text, not as `{{cloze …}}`.
      'capital cities → - the capital of Canada is Ottawa\n- the capital of Norway is Oslo',
      // A tag right after CJK punctuation is a tag; a child opening with `1.` keeps its number.
      'Rules for IAM root credentials？ → - 1. Enable MFA on the root user\n2. Create no access keys for it\n- 3. Use it only for the tasks that need it',
      // A picture's size after its link is dropped; org blocks are their text, `#+BEGIN_SRC` a code block.
      'How do you resize a picture in Logseq? → - bucket policy\n- Drag its corner; Logseq writes the size after the link.\n-\n```bash\naws s3api get-bucket-policy --bucket demo\n```',
    ]);
    expect(cards(r).join('\n')).not.toMatch(/6545de18|cloze|highlight|:height|#\+/);
    expect(findingLines(r.findings)).toEqual(['1 warning no-title', '7 warning flashcards-only', '19 warning image-unresolved']);
    // An Obsidian note tagged at the margin stays one, a Dataview field under a task notwithstanding (read as the plugin reads it).
    const obsidian = parseNoteLines('n.md', ['#flashcards', '', '- [ ] renew the exam voucher', '  due:: 2025-03-01', '', 'Which service stores objects?::Amazon S3']);
    expect(cards(obsidian)).toEqual(['due → 2025-03-01', 'Which service stores objects? → Amazon S3']);
  });

  it("reads logseq-anki-sync's `#flashcard` blocks and `{{c1 …}}` clozes in a Logseq page, its PDF properties never cards", () => {
    const r = fixture('logseq-anki-sync.md');
    expect(r.dialect).toBe('logseq flashcards');
    expect(cards(r)).toEqual([
      '[...] suits data read less than once a month but needed within milliseconds. → S3 Standard-IA',
      'EBS volume types worth knowing: → - gp3: general purpose SSD\n- io2: provisioned IOPS SSD',
      'A [...] reaches S3 without a NAT; a [...] is free. → gateway endpoint, gateway endpoint',
      // `[:span]` is a PDF area highlight (a picture in Logseq's assets): no text, left out of the answer.
      'Where an EFS mount target lives → - one per Availability Zone',
    ]);
    expect(findingLines(r.findings)).toEqual(['1 warning no-title', '7 warning flashcards-only', '30 warning no-answer']);
    // Its `deck::` property (the page's, or a block's own) is the cards' domain, as an Obsidian sub-deck tag is.
    expect(r.deck.questions.map((q) => q.domain)).toEqual(['Storage', 'block storage', 'Storage', 'Storage']);
    // Outside a Logseq page `#flashcard` is the Obsidian plugin's deck tag, as before.
    const obsidian = parseNoteLines('n.md', ['#flashcard', '', 'Which S3 class is cheapest?::Glacier Deep Archive']);
    expect(cards(obsidian)).toEqual(['Which S3 class is cheapest? → Glacier Deep Archive']);
  });

  it('ends a #card block at a line no deeper than its bullet, and reports a block that is one whole cloze (a real markdown note)', () => {
    const r = fixture('card-blocks-in-note.md');
    expect(cards(r)).toEqual([
      'What does a gateway endpoint reach? → S3 and DynamoDB, through a route table entry.',
      'What does an interface endpoint create? → An ENI with a private IP in each chosen subnet.',
      // The `---`, heading and paragraphs after the last block are the note's, not that card's prompt.
      'Endpoint policies limit [...] a gateway endpoint reaches. → which buckets',
    ]);
    expect(findingLines(r.findings)).toEqual(['1 warning no-title', '7 warning flashcards-only', '11 warning no-prompt']);
  });

  it('reads no `key:: value` property of a Logseq page as an Obsidian card', () => {
    const page = parseNoteLines('p.md', ['tags:: flashcards-later', 'type:: note', '- Route 53 #card', '  card-last-interval:: 4', '  - DNS service']);
    expect(cards(page)).toEqual(['Route 53 → DNS service']);
  });
});
