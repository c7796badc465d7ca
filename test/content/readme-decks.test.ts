import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeckLibrary, loadContent } from '../../src/content/index.js';

// The public practice-exam banks are README.md files: one copied into its own folder is a deck named
// after the folder; a README that only describes the folder stays out of the way.
const bank = [
  '# Practice questions',
  '',
  '## Table of Contents',
  '',
  '- [Questions](#questions)',
  '',
  '### Which service stores objects?',
  '',
  '- [ ] Amazon EBS',
  '- [x] Amazon S3',
  '',
  '**[⬆ Back to Top](#table-of-contents)**',
  '',
  '### Which two are serverless?',
  '',
  '- [x] AWS Lambda',
  '- [ ] Amazon EC2',
  '- [x] Amazon DynamoDB',
  '',
].join('\n');

describe('README.md files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studybot-readme-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a README holding questions is a deck named after its folder', async () => {
    await mkdir(join(dir, 'dva-practice'));
    await writeFile(join(dir, 'dva-practice', 'README.md'), bank);
    const lib = await DeckLibrary.load(dir, { parseIn: 'inline' });
    const deck = lib.byId('dva-practice');
    expect(deck?.command).toBe('dva-practice');
    expect(deck?.questions.map((q) => [q.prompt, q.correct])).toEqual([
      ['Which service stores objects?', ['B']],
      ['Which two are serverless?', ['A', 'C']],
    ]);
    await lib.close();
  });

  it('a README without questions is documentation: not a deck, no finding', async () => {
    await writeFile(join(dir, 'README.md'), '# Our notes\n\nAsk Ann before adding a deck.\n');
    await writeFile(join(dir, 'sqs.md'), ['---', 'title: SQS', '---', '## Questions', '', '### Q1', '', '**Which queue?**', '', '- A) Standard', '- B) FIFO', '', 'Answer: B', ''].join('\n'));
    const loaded = await loadContent([dir]);
    expect(loaded.decks.map((d) => d.id)).toEqual(['sqs']);
    expect(loaded.files.map((f) => f.deckId)).toEqual(['sqs']);
    expect(loaded.findings.filter((f) => f.path.endsWith('README.md'))).toEqual([]);
  });
});
