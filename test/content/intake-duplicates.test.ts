// Questions repeated across decks (issue 12 item 8): served in every deck, reported once.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeckLibrary, combineDecks } from '../../src/content/index.js';
import { parseContent } from '../../src/content/import/index.js';
import { readFixture } from './helpers.js';

describe('a question in several decks', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studybot-dupes-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a copied note (CRLF and BOM variant) is served in both decks; one warning names the first copy', async () => {
    const note = readFixture('basic-letters.md');
    await writeFile(join(dir, 'sqs.md'), note);
    await writeFile(join(dir, 'sqs-copy.md'), `\uFEFF${note.replace(/\n/g, '\r\n').replace('title: Simple Queue Service', 'title: SQS again\r\ncommand: sqs2')}`);
    const lib = await DeckLibrary.load(dir, { parseIn: 'inline' });
    const [copy, original] = [lib.byId('sqs-copy')!, lib.byId('sqs')!];
    expect(original.questions).toHaveLength(2);
    expect(copy.questions).toHaveLength(2);
    expect(copy.questions.map((q) => q.id.split(':')[1])).toEqual(original.questions.map((q) => q.id.split(':')[1]));
    const warnings = lib.findings().filter((f) => f.code === 'duplicate');
    // Reported once per question, at the second copy in path order, naming the first.
    expect(warnings.map((f) => `${f.path.slice(dir.length + 1)}:${f.line} ${f.severity}`)).toEqual(
      original.questions.map((q) => `sqs.md:${q.source.line} warning`),
    );
    expect(warnings[0]!.message).toBe(`Q1: same question as sqs-copy Q1 (${join(dir, 'sqs-copy.md')}:${copy.questions[0]!.source.line}); served in each deck`);
    expect(copy.questions[0]!.source.line).toBe(original.questions[0]!.source.line + 1);
  });

  it('three copies give one warning that names all of them', () => {
    const csv = 'question,A,B,answer\nWhich one?,this,that,A\n';
    const decks = ['one', 'two', 'three'].map((id) => parseContent(`# command: c${id}\n${csv}`, `x/${id}.csv`).deck);
    const { decks: served, findings } = combineDecks(decks);
    expect(served.map((d) => d.questions.length)).toEqual([1, 1, 1]);
    expect(findings.map((f) => f.message)).toEqual(['1: same question as one 1 (x/one.csv:3) and three 1; served in each deck']);
  });
});
