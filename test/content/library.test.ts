import { mkdtemp, readFile, rm, writeFile, mkdir, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeckLibrary, loadDecks } from '../../src/content/index.js';
import { fixturePath, readFixture } from './helpers.js';

describe('loadDecks', () => {
  it('loads a folder, checks across decks and serves a question repeated in another deck in both (issue 12 item 8)', async () => {
    const { decks, findings } = await loadDecks(['test/fixtures/decks']);
    expect(decks.map((d) => d.id)).toContain('basic-letters');
    expect(decks).toHaveLength(23);
    const cross = findings.filter((f) => f.code === 'duplicate' && f.path === fixturePath('cross-duplicate.md'));
    expect(cross).toEqual([
      {
        path: fixturePath('cross-duplicate.md'),
        line: 8,
        severity: 'warning',
        message: `Q1: same question as basic-letters Q2 (${fixturePath('basic-letters.md')}:43); served in each deck`,
        code: 'duplicate',
      },
    ]);
    const review = decks.find((d) => d.id === 'cross-duplicate')!;
    expect(review.questions.map((q) => q.number)).toEqual(['Q1', 'Q2']);
    expect(decks.find((d) => d.id === 'basic-letters')!.questions).toHaveLength(2);
  });

  it('accepts single files and reports missing paths', async () => {
    const { decks, findings } = await loadDecks([fixturePath('all-ones.md'), 'test/fixtures/nope.md']);
    expect(decks.map((d) => d.id)).toEqual(['all-ones']);
    expect(findings).toEqual([{ path: 'test/fixtures/nope.md', line: 1, severity: 'error', message: 'no such file or folder', code: 'unreadable' }]);
  });
});

describe('DeckLibrary', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studybot-decks-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves decks by id and command, skipping READMEs and _index files', async () => {
    await writeFile(join(dir, 'api-gateway.md'), await readFile('content/api-gateway.md', 'utf8'));
    await writeFile(join(dir, 'basic-letters.md'), readFixture('basic-letters.md'));
    await writeFile(join(dir, 'README.md'), '# How to write notes\n');
    await writeFile(join(dir, '_index.md'), '---\ntitle: Section\n---\n');
    const lib = await DeckLibrary.load(dir);
    expect(lib.decks().map((d) => d.id)).toEqual(['api-gateway', 'basic-letters']);
    expect(lib.byCommand('apigw')?.id).toBe('api-gateway');
    expect(lib.byCommand('/APIGW')?.id).toBe('api-gateway');
    expect(lib.byCommand('basic-letters')?.id).toBe('basic-letters');
    expect(lib.byId('basic-letters')?.title).toBe('Simple Queue Service');
    expect(lib.byCommand('nope')).toBeUndefined();
    expect(lib.findings()).toEqual([]);
    // Unchanged files are not parsed again.
    const before = lib.byId('api-gateway');
    await lib.reload();
    expect(lib.byId('api-gateway')).toBe(before);
  });

  it('keeps the last good version of a deck whose file breaks, and reports why', async () => {
    const file = join(dir, 'sqs.md');
    await writeFile(file, readFixture('basic-letters.md'));
    const lib = await DeckLibrary.load(dir);
    const good = lib.byId('sqs');
    expect(good?.questions).toHaveLength(2);

    await writeFile(file, '---\ntitle: [oops\n---\n## Questions\n');
    const findings = await lib.reload();
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.code}`)).toEqual([
      '1 warning kept-last-good',
      '2 error frontmatter',
      '4 error no-scored-questions',
    ]);
    expect(lib.byId('sqs')).toBe(good);

    await writeFile(file, readFixture('zero-scored.md'));
    await lib.reload();
    expect(lib.byId('sqs')).toBe(good);

    await writeFile(file, readFixture('all-ones.md'));
    expect(await lib.reload()).toEqual([]);
    expect(lib.byId('sqs')?.title).toBe('CloudFront');

    await unlink(file);
    await lib.reload();
    expect(lib.decks()).toEqual([]);
  });

  it('does not serve drafts', async () => {
    await writeFile(join(dir, 'pricing.md'), readFixture('frontmatter-variety.md'));
    await writeFile(join(dir, 'sqs.md'), readFixture('basic-letters.md'));
    const lib = await DeckLibrary.load(dir);
    expect(lib.decks().map((d) => d.id)).toEqual(['sqs']);
    expect(lib.findings().map((f) => f.code)).toEqual(['draft', 'command']);
  });

  it('never serves a deck that was broken from the start', async () => {
    await writeFile(join(dir, 'broken.md'), readFixture('zero-scored.md'));
    const lib = await DeckLibrary.load(dir);
    expect(lib.decks()).toEqual([]);
    expect(lib.findings().some((f) => f.code === 'no-scored-questions')).toBe(true);
  });

  it('skips a deck whose command is already taken', async () => {
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'a', 'one.md'), readFixture('all-ones.md').replace('title: CloudFront', 'title: One\ncommand: same'));
    await writeFile(join(dir, 'two.md'), readFixture('crlf.md').replace('title: Windows line endings', 'title: Two\r\ncommand: same'));
    const lib = await DeckLibrary.load(dir);
    expect(lib.decks().map((d) => d.id)).toEqual(['one']);
    expect(lib.findings().map((f) => `${f.path.replace(dir, '')}:${f.line} ${f.code}`)).toEqual(['/two.md:1 duplicate-command']);
  });

  it('reloads by itself when a note changes (watch)', async () => {
    const file = join(dir, 'sqs.md');
    await writeFile(file, readFixture('basic-letters.md'));
    const lib = await DeckLibrary.load(dir);
    const reloaded = new Promise<void>((resolve) => {
      // A save can be seen half-written; wait for the reload that sees the new deck.
      const onReload = () => {
        if (lib.byId('sqs')?.title === 'CloudFront') resolve();
      };
      void lib.watch({ debounceMs: 20, onReload }).then(() => writeFile(file, readFixture('all-ones.md')));
    });
    await reloaded;
    lib.close();
    expect(lib.byId('sqs')?.title).toBe('CloudFront');
  });

  it('fromDecks gives an in-memory catalogue', async () => {
    const { decks } = await loadDecks([fixturePath('basic-letters.md'), fixturePath('glued-list.md')]);
    const lib = DeckLibrary.fromDecks(decks);
    expect(lib.byCommand('glued-list')?.title).toBe('Elastic Beanstalk');
    expect(await lib.reload()).toEqual([]);
  });
});

describe('DeckLibrary on a missing folder', () => {
  it('reports it, serves nothing and can still be watched and closed', async () => {
    const lib = await DeckLibrary.load('test/fixtures/no-such-folder/deeper');
    expect(lib.decks()).toEqual([]);
    expect(lib.findings().map((f) => f.code)).toEqual(['unreadable']);
    const stop = await lib.watch();
    stop();
  });
});
