// Hostile notes (issue 17 items 5 and 6): a YAML alias bomb and deep nesting are errors for their own
// file only, read through the real DeckLibrary and its parse worker; the other decks keep loading.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeckLibrary } from '../../src/content/index.js';
import { deepestNesting } from '../../src/content/limits/index.js';
import { readFixture } from './helpers.js';

const hostile = (name: string) => `test/fixtures/hostile/${name}`;
/** A list nested `levels` deep, two spaces per level (1,000 levels never finish in marked; 3,000 are 9 MB). */
const nestedList = (levels: number) =>
  `---\ntitle: Nested ${levels}\n---\n\n## Notes\n\n${Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n`;

describe('nesting scan', () => {
  it('counts indented lists, markers repeated on one line and quotes, and is not fooled by lazy lines', () => {
    expect(deepestNesting('- a\n  - b\n    - c\n- d\n')).toEqual({ depth: 3, line: 3 });
    expect(deepestNesting('text\n\n- - - - x\n')).toEqual({ depth: 4, line: 3 });
    expect(deepestNesting('> > > quoted\n')).toEqual({ depth: 3, line: 1 });
    expect(deepestNesting('- a\nlazy\n  - b\nlazy\n    - c\n')).toEqual({ depth: 3, line: 5 });
    expect(deepestNesting('- a\n\nparagraph\n\n  - b\n').depth).toBe(1);
    expect(deepestNesting('- a\r  - b\r    - c\r\n      - d').depth).toBe(4);
    expect(deepestNesting('\t- a\n\t\t- b\n').depth).toBe(2);
  });

  it('the seed deck and every fixture deck are far below the limit', async () => {
    expect(deepestNesting(await readFile('content/api-gateway.md', 'utf8')).depth).toBeLessThanOrEqual(4);
    expect(deepestNesting(readFixture('basic-letters.md')).depth).toBeLessThanOrEqual(4);
  });
});

describe('hostile notes through the real DeckLibrary (parse worker)', () => {
  let dir: string;
  let lib: DeckLibrary | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studybot-hostile-'));
  });
  afterEach(async () => {
    lib?.close();
    lib = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('an alias bomb, 3,000-level quotes and lists, a 1,000-level list and a 9 MB note are errors for their files only', async () => {
    await writeFile(join(dir, 'sqs.md'), readFixture('basic-letters.md'));
    for (const name of ['alias-bomb.md', 'deep-quotes.md', 'deep-list-one-line.md']) await copyFile(hostile(name), join(dir, name));
    await writeFile(join(dir, 'nested-1000.md'), nestedList(1000));
    await writeFile(join(dir, 'nested-3000.md'), nestedList(3000));
    lib = await DeckLibrary.load(dir);
    expect(lib.decks().map((d) => d.id)).toEqual(['sqs']);
    const errors = lib.findings().filter((f) => f.severity === 'error').map((f) => `${f.path.slice(dir.length + 1)}:${f.line} ${f.code}`);
    expect(errors).toEqual(expect.arrayContaining([
      'alias-bomb.md:4 frontmatter',
      'deep-list-one-line.md:10 too-deep',
      'deep-quotes.md:7 too-deep',
      'nested-1000.md:27 too-deep',
      'nested-3000.md:1 too-large',
    ]));
    expect(lib.findings().filter((f) => f.path.endsWith('sqs.md'))).toEqual([]);
    const bomb = lib.findings().find((f) => f.path.endsWith('alias-bomb.md') && f.code === 'frontmatter')!;
    expect(bomb.message).toMatch(/aliases .* at most 50/);
    expect(lib.findings().find((f) => f.code === 'too-large')!.message).toMatch(/^file is 8\.\d MB; the limit is 2\.0 MB/);
  }, 60_000);

  it('failed decks are listed with their command and reason, so their command can say why', async () => {
    await writeFile(join(dir, 'sqs.md'), readFixture('basic-letters.md'));
    await copyFile(hostile('deep-list-one-line.md'), join(dir, 'deep-list-one-line.md'));
    await copyFile(hostile('alias-bomb.md'), join(dir, 'alias-bomb.md'));
    lib = await DeckLibrary.load(dir);
    expect(lib.failures().map((f) => [f.deckId, f.command])).toEqual([
      ['alias-bomb', 'alias-bomb'],
      ['deep-list-one-line', 'deeplist'],
    ]);
    const failure = lib.failureFor('/DeepList');
    expect(failure?.path).toBe(join(dir, 'deep-list-one-line.md'));
    // Users see the path inside the content folder, never the server's.
    expect(failure?.reason).toBe(`deep-list-one-line.md:10: error: lists or quotes nested more than 20 levels deep; this file is not read (split or flatten it)`);
    expect(lib.failureFor('sqs')).toBeUndefined();
    expect(lib.byCommand('deeplist')).toBeUndefined();
  }, 60_000);

  it('a deck whose file turns hostile keeps its last good version, and the log names the file once', async () => {
    const file = join(dir, 'sqs.md');
    await writeFile(file, readFixture('basic-letters.md'));
    const logged: { msg: string; finding?: string }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    lib = await DeckLibrary.load(dir, { log });
    const good = lib.byId('sqs');
    await writeFile(file, await readFile(hostile('alias-bomb.md'), 'utf8'));
    const findings = await lib.reload();
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.code}`)).toEqual(['1 warning kept-last-good', '4 error frontmatter']);
    expect(lib.byId('sqs')).toBe(good);
    expect(lib.failures()).toEqual([]);
    await lib.reload();
    expect(logged.filter((l) => l.msg === 'content file problem').map((l) => l.finding)).toEqual([
      `${file}:4: error: front matter expands its aliases (*name) too often; at most 50 are allowed (a YAML alias bomb?)`,
    ]);
  }, 60_000);

  it('a file that runs over the worker time budget is stopped and reported; the worker is replaced and later reloads work', async () => {
    // Limits switched off, so marked really gets the 1,000-level list (which never finishes).
    await writeFile(join(dir, 'sqs.md'), readFixture('basic-letters.md'));
    await writeFile(join(dir, 'nested.md'), nestedList(1000));
    lib = await DeckLibrary.load(dir, { limits: { maxNesting: Number.POSITIVE_INFINITY }, fileTimeoutMs: 2_000 });
    expect(lib.decks().map((d) => d.id)).toEqual(['sqs']);
    expect(lib.findings().map((f) => `${f.path.slice(dir.length + 1)}:${f.line} ${f.code}`)).toEqual(['nested.md:1 parse-timeout']);
    await writeFile(join(dir, 'cloudfront.md'), readFixture('all-ones.md'));
    await lib.reload();
    expect(lib.decks().map((d) => d.id)).toEqual(['cloudfront', 'sqs']);
  }, 60_000);

  it('a file that exhausts the worker heap is reported; the bot process and the other decks are unaffected', async () => {
    // Limits switched off and a small heap: the 3,000-level list runs the worker out of memory.
    await writeFile(join(dir, 'sqs.md'), readFixture('basic-letters.md'));
    await writeFile(join(dir, 'nested.md'), nestedList(3000));
    lib = await DeckLibrary.load(dir, { limits: { maxNesting: Number.POSITIVE_INFINITY, maxFileBytes: 64 * 1024 * 1024 }, maxHeapMb: 64, fileTimeoutMs: 60_000 });
    expect(lib.decks().map((d) => d.id)).toEqual(['sqs']);
    const finding = lib.findings().find((f) => f.path.endsWith('nested.md'))!;
    expect(`${finding.severity} ${finding.code} ${finding.message}`).toBe('error parse-crashed reading this file needs more than 64 MB; it is not read');
  }, 120_000);
});
