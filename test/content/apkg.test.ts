// Anki packages (.apkg, .colpkg) as decks: schema 11 (collection.anki2, .anki21) and schema 18 (collection.anki21b,
// zstd), the same cards and ids as a "Notes in Plain Text" export of the same notes, and hostile or unreadable
// packages as one finding each. Packages are built here (anki-packages.ts); the truly compressed one is a fixture
// (test/fixtures/imports-apkg/make.ts).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/content/import/index.js';
import { parseAnkiNotes } from '../../src/content/import/anki.js';
import { loadContent } from '../../src/content/load.js';
import { ParseWorker } from '../../src/content/parse-in-worker.js';
import { maxCollectionBytes, maxPackageBytes } from '../../src/content/limits/index.js';
import { protoFields } from '../../src/content/import/protobuf.js';
import { frameEnd, frameHeader } from '../../src/content/import/zstd.js';
import type { ParseResult, Question } from '../../src/content/types.js';
import {
  BASIC,
  CLOZE,
  OPTIONAL_REVERSED,
  REVERSED,
  UPDATE_NOTE,
  collection11,
  collection18,
  metaOf,
  newPackage,
  packageOf,
  proto,
  zstdRaw,
  type CollectionSpec,
} from './anki-packages.js';
import { zipOf } from './zip-writer.js';

const card = (q: Question) => ({ prompt: q.prompt, answer: q.answerText, explanation: q.explanation, domain: q.domain, line: q.source.line });
const errors = (r: ParseResult) => r.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`);

const NETWORKING: CollectionSpec = {
  decks: [{ id: 1, name: 'Default' }, { id: 5, name: 'AWS SAA::Networking' }, { id: 6, name: 'AWS SAA::Storage' }],
  notes: [
    { mid: BASIC.id, fields: ['What does <b>S3</b> stand for?', 'Simple Storage Service<br><img src="s3-logo.png">'], deck: 6 },
    { mid: CLOZE.id, fields: ['{{c1::VPC}} stands for {{c2::Virtual Private Cloud::expansion}}; {{c1::VPCs}} are regional.', 'See the VPC guide [sound:vpc.mp3]'], deck: 5, ords: [0, 1] },
    { mid: REVERSED.id, fields: ['NAT', 'Network address translation'], deck: 5 },
    { mid: OPTIONAL_REVERSED.id, fields: ['IGW', 'Internet gateway', 'y'], deck: 5 },
    { mid: OPTIONAL_REVERSED.id, fields: ['ENI', 'Elastic network interface', ''], deck: 5, ords: [0] },
    { mid: BASIC.id, fields: ['List the bucket', '<pre><code>aws s3 ls s3://my-bucket</code></pre>Lists &lt;objects&gt;'], deck: 6 },
    { mid: BASIC.id, fields: ['Which port does HTTPS use?', ''], deck: 5 },
  ],
};

const EXPECTED = [
  { prompt: 'What does S3 stand for?', answer: 'Simple Storage Service\n[image: s3-logo.png]', explanation: '', domain: 'Storage', line: 1 },
  { prompt: '[…] stands for Virtual Private Cloud; […] are regional.', answer: 'VPC, VPCs', explanation: 'See the VPC guide', domain: 'Networking', line: 2 },
  { prompt: 'VPC stands for [expansion]; VPCs are regional.', answer: 'Virtual Private Cloud', explanation: 'See the VPC guide', domain: 'Networking', line: 2 },
  { prompt: 'NAT', answer: 'Network address translation', explanation: '', domain: 'Networking', line: 3 },
  { prompt: 'Network address translation', answer: 'NAT', explanation: '', domain: 'Networking', line: 3 },
  // "Add Reverse" only switches the reversed card on: never shown as an explanation.
  { prompt: 'IGW', answer: 'Internet gateway', explanation: '', domain: 'Networking', line: 4 },
  { prompt: 'Internet gateway', answer: 'IGW', explanation: '', domain: 'Networking', line: 4 },
  { prompt: 'ENI', answer: 'Elastic network interface', explanation: '', domain: 'Networking', line: 5 },
  { prompt: 'List the bucket', answer: '```\naws s3 ls s3://my-bucket\n```\nLists <objects>', explanation: '', domain: 'Storage', line: 6 },
];

describe('Anki packages, each collection format', () => {
  const packages: [string, () => Promise<Uint8Array>][] = [
    ['collection.anki2 (schema 11)', async () => packageOf({ 'collection.anki2': await collection11(NETWORKING), media: '{}' })],
    ['collection.anki21 beside an older collection.anki2', async () => packageOf({ 'collection.anki2': await collection11({ notes: [] }), 'collection.anki21': await collection11(NETWORKING), media: '{"0": "s3-logo.png"}', '0': 'png bytes' })],
    ['collection.anki21b (schema 18, zstd) beside the "update Anki" stub', () => newPackage(NETWORKING)],
  ];
  for (const [name, make] of packages) {
    it(`${name}: basic, reversed, optional reversed, cloze numbers, code, pictures, sounds, sub-decks`, async () => {
      const r = await parseSource(await make(), 'content/aws-saa.apkg');
      expect(r.dialect).toBe('anki package');
      expect(r.deck).toMatchObject({ id: 'aws-saa', title: 'AWS SAA' });
      expect(r.deck.questions.map(card)).toEqual(EXPECTED);
      expect(r.deck.questions.map((q) => q.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
      expect(r.deck.questions.every((q) => q.kind === 'flashcard' && !q.scored)).toBe(true);
      expect(r.findings.map((f) => `${f.line} ${f.severity} ${f.code}: ${f.message}`)).toEqual([
        '1 warning image: pictures stored in Anki packages are not shown yet; shown by name (s3-logo.png)',
        '7 warning no-answer: note 7 "Which port does HTTPS use?": note skipped: the back (second field) is empty',
      ]);
    });
  }

  it('gives the ids a Notes in Plain Text export of the same notes gives (HTML and media references included)', async () => {
    const txt = [
      '#separator:tab',
      '#html:true',
      '#notetype column:1',
      '#deck column:2',
      ...NETWORKING.notes.map((n) => {
        const type = [BASIC, CLOZE, REVERSED, OPTIONAL_REVERSED].find((t) => t.id === n.mid)!.name;
        const deck = NETWORKING.decks!.find((d) => d.id === n.deck)!.name;
        return [type, deck, ...n.fields.map((f) => (/[\t"\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f))].join('\t');
      }),
    ].join('\n');
    const fromText = parseAnkiNotes(txt, 'content/aws-saa.txt').deck.questions;
    for (const make of [async () => packageOf({ 'collection.anki2': await collection11(NETWORKING) }), () => newPackage(NETWORKING)]) {
      const fromPackage = (await parseSource(await make(), 'content/aws-saa.apkg')).deck.questions;
      const textIds = new Set(fromText.map((q) => q.id));
      // Every card of the text export, same id and text; the package adds the reversed cards it knows of.
      expect(fromPackage.filter((q) => textIds.has(q.id)).map((q) => [q.id, q.prompt, q.answerText])).toEqual(fromText.map((q) => [q.id, q.prompt, q.answerText]));
      expect(fromPackage.filter((q) => !textIds.has(q.id)).map((q) => q.prompt)).toEqual(['Network address translation', 'Internet gateway']);
    }
  });

  it('reads the truly zstd-compressed package Anki 2.1.50+ writes, never the stub note asking to update Anki', async () => {
    const r = await parseSource(await readFile('test/fixtures/imports-apkg/new-compressed.apkg'), 'content/net.apkg');
    expect(errors(r)).toEqual([]);
    expect(r.deck.title).toBe('Networking 101');
    expect(r.deck.questions).toHaveLength(205);
    expect(r.deck.questions.slice(0, 5).map((q) => [q.prompt, q.answerText, q.domain])).toEqual([
      ['What does DNS resolve?', 'Names to addresses', 'Basics'],
      ['TTL', 'Time to live', 'Basics'],
      ['Time to live', 'TTL', 'Basics'],
      ['[…] routes between autonomous systems.', 'BGP', 'Routing'],
      ['BGP routes between […].', 'autonomous systems', 'Routing'],
    ]);
    expect(r.deck.questions.some((q) => /update to the latest Anki/.test(q.prompt))).toBe(false);
  });

  it('keeps CRLF line breaks, Unicode, right-to-left text and emoji in fields; one deck gives its title, no domains', async () => {
    const spec: CollectionSpec = {
      decks: [{ id: 1, name: 'Default' }, { id: 9, name: 'Langues::Arabe 🌙' }],
      notes: [
        { mid: BASIC.id, fields: ['ما هي عاصمة مصر؟', 'القاهرة 🇪🇬'], deck: 9 },
        { mid: BASIC.id, fields: ['Line one\r\nline two', 'Ünïcödé — 日本語\r\n😀'], deck: 9 },
      ],
    };
    for (const bytes of [packageOf({ 'collection.anki21': await collection11(spec) }), await newPackage(spec)]) {
      const r = await parseSource(bytes, 'content/langues.colpkg');
      expect(r.deck.title).toBe('Arabe 🌙');
      expect(r.deck.questions.map((q) => [q.prompt, q.answerText, q.domain])).toEqual([
        ['ما هي عاصمة مصر؟', 'القاهرة 🇪🇬', undefined],
        ['Line one\nline two', 'Ünïcödé — 日本語\n😀', undefined],
      ]);
    }
  });

  it('uses the fields a custom note type asks and answers, and skips empty clozes and notes with one finding each', async () => {
    const custom = { id: 77, name: 'Vocab', fields: ['Notes', 'Word', 'Meaning'], templates: [['{{Word}}', '{{FrontSide}}<hr id=answer>{{Meaning}}']] as [string, string][] };
    const spec: CollectionSpec = {
      notetypes: [custom, BASIC, CLOZE],
      notes: [
        { mid: 77, fields: ['from chapter 2', 'ephemeral', 'lasting a very short time'] },
        { mid: CLOZE.id, fields: ['{{c1::}} hides nothing, {{c2::this}} does', ''], ords: [0, 1] },
        { mid: CLOZE.id, fields: ['no cloze at all', 'extra'], ords: [0] },
      ],
    };
    const r = await parseSource(packageOf({ 'collection.anki2': await collection11(spec) }), 'content/vocab.apkg');
    expect(r.deck.questions.map(card)).toEqual([
      { prompt: 'ephemeral', answer: 'lasting a very short time', explanation: 'from chapter 2', domain: undefined, line: 1 },
      { prompt: 'hides nothing, […] does', answer: 'this', explanation: '', domain: undefined, line: 2 },
    ]);
    expect(r.findings.map((f) => `${f.line} ${f.message}`)).toEqual([
      '2 note 2 "{{c1::}} hides nothing, {{c2::this}} do…": cloze c1 hides nothing ({{c1::}}); that card skipped',
      '3 note 3 "no cloze at all": cloze note without {{c1::…}}; skipped',
    ]);
  });

  it('reads 5,000 notes (parse time printed, not asserted)', async () => {
    const spec: CollectionSpec = { notes: Array.from({ length: 5000 }, (_, i) => ({ mid: BASIC.id, fields: [`Question ${i} about <b>topic</b> ${i % 97}?`, `Answer ${i}<br>with a second line`] })) };
    for (const [name, bytes] of [['schema 11', packageOf({ 'collection.anki2': await collection11(spec) })], ['schema 18', await newPackage(spec)]] as const) {
      const started = performance.now();
      const r = await parseSource(bytes, 'content/big.apkg');
      console.log(`5,000-note package (${name}, ${(bytes.length / 1024).toFixed(0)} kB): ${(performance.now() - started).toFixed(0)} ms`);
      expect(r.deck.questions).toHaveLength(5000);
      expect(r.deck.questions[4999]!.prompt).toBe('Question 4999 about topic 52?');
    }
  });
});

describe('damaged, hostile and unsupported packages: one error each, never a crash', () => {
  const HINT = 'export the deck again from Anki with "Support older Anki versions" ticked, or as Notes in Plain Text (.txt)';
  const refused = async (bytes: Uint8Array, limits?: { maxFileBytes: number; maxNesting: number }) => {
    const r = await parseSource(bytes, 'content/bad.apkg', limits);
    expect(r.deck.questions).toEqual([]);
    return errors(r);
  };

  it('refuses what is not a package, or holds no collection, or was made by a newer Anki', async () => {
    expect(await refused(Buffer.from('#separator:tab\nfront\tback\n'))).toEqual([`unreadable-package: not an Anki package: it is not a zip archive; ${HINT}`]);
    const good = packageOf({ 'collection.anki2': await collection11(NETWORKING) });
    expect(await refused(good.subarray(0, good.length - 30))).toEqual([`unreadable-package: not an Anki package: it is not a zip archive; ${HINT}`]);
    expect(await refused(packageOf({ media: '{}' }))).toEqual([`unreadable-package: no Anki collection inside (collection.anki21b, .anki21 or .anki2); ${HINT}`]);
    expect(await refused(packageOf({ 'collection.anki21b': 'x', meta: metaOf(4) }))).toEqual([`unreadable-package: this package was made by a newer Anki (package version 4); ${HINT}`]);
    expect(await refused(packageOf({ 'collection.anki2': await collection11({ notetypes: [BASIC], notes: [{ mid: BASIC.id, fields: [UPDATE_NOTE, ''] }] }), meta: metaOf(3) }))).toEqual([
      `unreadable-package: this package was made by Anki 2.1.50 or newer and holds only a note asking to update Anki; ${HINT}`,
    ]);
    expect(await refused(packageOf({ 'collection.anki2': 'x', meta: Buffer.from([0x08]) }))).toEqual([`unreadable-package: its meta entry is damaged; ${HINT}`]);
    const encrypted = zipOf([{ name: 'collection.anki2', data: Buffer.from('secret') }]);
    encrypted.writeUInt16LE(1, encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    expect(await refused(encrypted)).toEqual([`unreadable-package: its entry collection.anki2 is encrypted; ${HINT}`]);
  });

  it('refuses a collection that is not SQLite, lacks tables or has an unknown schema', async () => {
    expect(await refused(packageOf({ 'collection.anki2': 'SQLite format 3 but not really'.repeat(40) }))).toEqual([
      `unreadable-package: its collection is not a database the loader can read (file is not a database); ${HINT}`,
    ]);
    expect(await refused(packageOf({ 'collection.anki2': await collection11(NETWORKING, { skipTables: ['cards'] }) }))).toEqual([`unreadable-package: its collection has no cards table; ${HINT}`]);
    expect(await refused(packageOf({ 'collection.anki2': await collection11(NETWORKING, { version: 16 }) }))).toEqual([
      `unreadable-package: its collection is in schema 16, which the loader does not know; ${HINT}`,
    ]);
    expect(await refused(packageOf({ 'collection.anki21b': await collection18(NETWORKING), meta: metaOf(3) }))).toEqual([
      `unreadable-package: its collection.anki21b is not zstd-compressed as Anki writes it; ${HINT}`,
    ]);
    const frame = zstdRaw(await collection18(NETWORKING));
    expect(await refused(packageOf({ 'collection.anki21b': frame.subarray(0, 5000), meta: metaOf(3) }))).toEqual([
      `unreadable-package: its collection.anki21b does not unpack (unexpected EOF); ${HINT}`,
    ]);
  });

  it('reads the notes of a collection whose note types or decks are null (a damaged col row), as Basic cards', async () => {
    const { openDatabase } = await import('../../src/content/import/sqlite.js');
    for (const [models, decks] of [['null', 'null'], [`{"${BASIC.id}": null, "7": 5}`, '{"1": null}'], [`{"${BASIC.id}": {"flds": null, "tmpls": [null]}}`, '{}']]) {
      const db = await openDatabase(await collection11({ notes: [{ mid: BASIC.id, fields: ['What is S3?', 'Object storage'] }] }));
      db.run('UPDATE col SET models = ?, decks = ?', [models!, decks!]);
      const bytes = db.export();
      db.close();
      const r = await parseSource(packageOf({ 'collection.anki2': bytes }), 'content/odd.apkg');
      expect(errors(r), models).toEqual([]);
      expect(r.deck.questions.map((q) => [q.prompt, q.answerText]), models).toEqual([['What is S3?', 'Object storage']]);
    }
  });

  it('an empty deck, and notes that give no card, are errors', async () => {
    expect(await refused(packageOf({ 'collection.anki2': await collection11({ notes: [] }) }))).toEqual(['no-questions: this package holds no notes']);
    expect(await refused(packageOf({ 'collection.anki2': await collection11({ notes: [{ mid: BASIC.id, fields: ['', 'back'] }] }) }))).toEqual([
      'no-questions: no notes with a front and a back (or a cloze) in this package',
    ]);
  });

  it('refuses zip bombs and lying sizes before or while unpacking, and a zstd frame stating too much', async () => {
    const limits = { maxFileBytes: 100 * 1024, maxNesting: 20 };
    const cap = maxCollectionBytes(limits);
    expect(cap).toBe(1000 * 1024);
    const bomb = zipOf([{ name: 'collection.anki2', data: Buffer.from('x'), declared: 1024 * 1024 * 1024 }]);
    expect(await refused(bomb, limits)).toEqual(['too-large: its collection.anki2 unpacks to 1024.0 MB; the limit is 1.0 MB; this file is not read (export fewer notes per package)']);
    const lying = zipOf([{ name: 'collection.anki2', data: Buffer.alloc(8 * 1024 * 1024), deflated: true, declared: 1000 }]);
    expect(await refused(lying, limits)).toEqual([`too-large: its collection.anki2 unpacks to more than the 1000 bytes it declares (a zip bomb?); ${HINT}`]);
    const zstdBomb = packageOf({ 'collection.anki21b': zstdRaw(new Uint8Array(10), { statedSize: 4 * 1024 * 1024 * 1024 - 1 }), meta: metaOf(3) });
    expect(await refused(zstdBomb, limits)).toEqual(['too-large: its collection.anki21b unpacks to 4096.0 MB; the limit is 1.0 MB; this file is not read (export fewer notes per package)']);
    // A streamed frame states no content size, only its window, which fzstd would allocate at once.
    const streamed = await readFile('test/fixtures/imports-apkg/new-compressed.apkg');
    expect(await refused(streamed, limits)).toEqual(['too-large: its collection.anki21b asks for a 2.0 MB zstd window; the limit is 1.0 MB; this file is not read (export fewer notes per package)']);
    expect(maxCollectionBytes()).toBe(20 * 1024 * 1024);
    expect(maxPackageBytes()).toBe(50 * 1024 * 1024);
    const big = packageOf({ 'collection.anki21b': zstdRaw(new Uint8Array(cap + 1)), meta: metaOf(3) });
    expect(await refused(big, limits)).toEqual(['too-large: its collection.anki21b unpacks to 1.0 MB; the limit is 1.0 MB; this file is not read (export fewer notes per package)']);
  });
});

describe('multi-frame zstd, out-of-range ords and long protobuf blobs', () => {
  const HINT = 'export the deck again from Anki with "Support older Anki versions" ticked, or as Notes in Plain Text (.txt)';
  /** A frame stating no content size, a window of 2^(10 + exp) bytes, and one raw block of one byte. */
  const windowFrame = (exp: number) => Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, exp << 3, 0x09, 0x00, 0x00, 0x78]);

  it('refuses anything after the first zstd frame: a later frame would allocate the window its own header asks for', async () => {
    const first = zstdRaw(await collection18(NETWORKING));
    const tiny = zstdRaw(Buffer.from('S'));
    for (const [collection, extra] of [
      // The reviewer's package: a valid 1-byte frame, then one asking for a 512 MB window.
      [Buffer.concat([tiny, windowFrame(19)]), 10],
      [Buffer.concat([first, windowFrame(19)]), 10],
      // The collection split into two honest frames, and a skippable frame after it: Anki writes neither.
      [Buffer.concat([first, zstdRaw(Buffer.from('more'))]), 16],
      [Buffer.concat([first, Buffer.from([0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0]), Buffer.from('abcd')]), 12],
    ] as const) {
      const r = await parseSource(packageOf({ 'collection.anki21b': collection, meta: metaOf(3) }), 'content/bad.apkg');
      expect(r.deck.questions).toEqual([]);
      expect(errors(r)).toEqual([`unreadable-package: its collection.anki21b holds ${extra} bytes after its zstd frame (Anki writes one frame); ${HINT}`]);
    }
    // A first frame asking for that window is refused by its header, as before.
    const alone = await parseSource(packageOf({ 'collection.anki21b': windowFrame(19), meta: metaOf(3) }), 'content/bad.apkg');
    expect(errors(alone)).toEqual(['too-large: its collection.anki21b asks for a 512.0 MB zstd window; the limit is 20.0 MB; this file is not read (export fewer notes per package)']);
  });

  it('finds where a frame ends across raw and RLE blocks and a checksum, and not when it is cut short', () => {
    const raw = zstdRaw(new Uint8Array(300 * 1024));
    expect(frameEnd(raw, frameHeader(raw)!)).toBe(raw.length);
    // Single segment, checksum, content size 100 in one byte; one last RLE block of 100 × "a"; 4 checksum bytes.
    const rle = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 100, (100 << 3) | 3, 0x00, 0x00, 0x61, 1, 2, 3, 4]);
    expect(frameEnd(rle, frameHeader(rle)!)).toBe(rle.length);
    expect(frameEnd(rle.subarray(0, 12), frameHeader(rle)!)).toBeUndefined();
    expect(frameEnd(raw.subarray(0, 5000), frameHeader(raw)!)).toBeUndefined();
  });

  it('ignores fields, templates and cards whose ord is not a whole number from 0 to 999, with one warning', async () => {
    const damaged = { ...BASIC, fieldOrds: [0, 4294967294] };
    const schema11 = await parseSource(packageOf({ 'collection.anki2': await collection11({ notetypes: [damaged], notes: [{ mid: BASIC.id, fields: ['Q', 'A'] }] }) }), 'content/ords.apkg');
    expect(schema11.deck.questions.map((q) => [q.prompt, q.answerText])).toEqual([['Q', 'A']]);
    expect(schema11.findings.map((f) => `${f.line} ${f.severity} ${f.code}: ${f.message}`)).toEqual([
      '1 warning unreadable-package: ignored as damaged, its position (ord) not a whole number from 0 to 999: field "Back" of note type "Basic" (ord 4294967294)',
    ]);
    const legacy = { ...REVERSED, fieldOrds: [-1, 1.5], templateOrds: [0, 30_000_000] };
    const more = await parseSource(packageOf({ 'collection.anki2': await collection11({ notetypes: [legacy], notes: [{ mid: REVERSED.id, fields: ['Q', 'A'], ords: [0] }] }) }), 'content/ords.apkg');
    expect(more.deck.questions.map((q) => [q.prompt, q.answerText])).toEqual([['Q', 'A']]);
    expect(errors(more)).toEqual([]);
    expect(more.findings.map((f) => f.message)).toEqual(['ignored as damaged, its position (ord) not a whole number from 0 to 999: field "Front" of note type "Basic (and reversed card)" (ord -1) and 2 more']);
    const spec: CollectionSpec = {
      notetypes: [{ ...REVERSED, fieldOrds: [0, 30_000_000], templateOrds: [0, 2 ** 31] }],
      notes: [{ mid: REVERSED.id, fields: ['Q', 'A'], ords: [0, 4294967294], id: 7 }],
    };
    const schema18 = await parseSource(await newPackage(spec), 'content/ords.apkg');
    expect(schema18.deck.questions.map((q) => [q.prompt, q.answerText])).toEqual([['Q', 'A']]);
    expect(schema18.findings.map((f) => `${f.severity} ${f.code}: ${f.message}`)).toEqual([
      'warning unreadable-package: ignored as damaged, its position (ord) not a whole number from 0 to 999: card of note 7 (template or cloze 4294967294) and 2 more',
    ]);
  });

  it('reads repeated protobuf fields in order, each value once (time printed at two sizes, not asserted)', async () => {
    const bytes = Buffer.concat([proto([[3, 1], [1, 'a'], [3, 2], [1, 'b'], [3, 300], [2, 7]])]);
    const fields = protoFields(bytes);
    expect(fields.get(3)).toEqual([1, 2, 300]);
    expect(fields.get(1)!.map((v) => Buffer.from(v as Uint8Array).toString())).toEqual(['a', 'b']);
    expect(fields.get(2)).toEqual([7]);
    for (const kb of [64, 256]) {
      const repeated = Buffer.from(new Uint8Array(kb * 1024).map((_, i) => (i % 2 ? 0 : 0x18)));
      const started = performance.now();
      expect(protoFields(repeated).get(3)).toHaveLength(kb * 512);
      console.log(`protobuf: ${kb} kB of one repeated varint field: ${(performance.now() - started).toFixed(0)} ms`);
    }
    // The reviewer's package: a template config with 64 kB of a repeated varint field reads as any other.
    const spec: CollectionSpec = { notetypes: [{ ...BASIC, templateExtra: Buffer.from(new Uint8Array(64 * 1024).map((_, i) => (i % 2 ? 0 : 0x18))) }], notes: [{ mid: BASIC.id, fields: ['Q', 'A'] }] };
    const r = await parseSource(await newPackage(spec), 'content/proto.apkg');
    expect(r.deck.questions.map((q) => [q.prompt, q.answerText])).toEqual([['Q', 'A']]);
    expect(r.findings).toEqual([]);
  });
});

describe('packages and unread documents through the loader', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apkg-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists .apkg and .colpkg files, caps them at the package size, and warns once per unread document', async () => {
    await writeFile(join(dir, 'saa.apkg'), packageOf({ 'collection.anki2': await collection11(NETWORKING) }));
    await writeFile(join(dir, 'whole.colpkg'), await newPackage({ notes: [{ mid: BASIC.id, fields: ['Q', 'A'] }] }));
    for (const name of ['notes.docx', 'slides.PPTX', 'book.pdf', 'diagram.png', '.gitkeep', 'data.yml', '~$notes.docx', 'page.html']) await writeFile(join(dir, name), 'x');
    const limits = { maxFileBytes: 8 * 1024, maxNesting: 20 };
    await writeFile(join(dir, 'huge.apkg'), Buffer.alloc(maxPackageBytes(limits) + 1));
    const { files, findings } = await loadContent([dir], { limits });
    // A document named on the command line is reported the same way, not read as a note.
    expect((await loadContent([join(dir, 'notes.docx')])).findings.map((f) => f.code)).toEqual(['unread-format']);
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.dialect, f.questions, f.served])).toEqual([
      ['huge.apkg', undefined, 0, false],
      ['saa.apkg', 'anki package', 9, true],
      ['whole.colpkg', 'anki package', 1, true],
    ]);
    const shown = findings.filter((f) => f.severity === 'error' || f.code === 'unread-format').map((f) => `${f.path.slice(dir.length + 1)}: ${f.severity} ${f.code}: ${f.message}`);
    expect(shown).toEqual([
      'book.pdf: warning unread-format: a PDF is not read: copy its questions into markdown (.md) or a spreadsheet (.csv, .xlsx); this file is not a deck (see docs/content-intake.md)',
      'huge.apkg: error too-large: file is 0.2 MB; the limit is 0.2 MB; this file is not read (export the deck from Anki without its media, or split it)',
      'notes.docx: warning unread-format: a Word document is not read: save it as markdown (.md) or its questions as a spreadsheet (.csv, .xlsx); this file is not a deck (see docs/content-intake.md)',
      'slides.PPTX: warning unread-format: a PowerPoint deck is not read: copy its questions into markdown (.md) or a spreadsheet (.csv, .xlsx); this file is not a deck (see docs/content-intake.md)',
    ]);
  });

  it('parses a package in the parse worker, its bytes transferred', async () => {
    const worker = new ParseWorker();
    try {
      const r = await worker.parse(await newPackage(NETWORKING), 'content/aws-saa.apkg');
      expect(r.deck.questions.map(card)).toEqual(EXPECTED);
    } finally {
      await worker.close();
    }
  });
});
