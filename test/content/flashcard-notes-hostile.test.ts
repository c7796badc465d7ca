// Hostile flashcard notes: huge runs of separators, marks and clozes are read with findings bounded, never a
// crash (how the time grows with the file: npm run bench:hostile; tests assert no timings).
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/content/index.js';
import { MAX_CLOZES } from '../../src/content/flashcard-notes/clozes.js';
import { MAX_CARD_FINDINGS } from '../../src/content/flashcard-notes/questions.js';

const read = (source: string) => ({ r: parseDeck(source, 'hostile.md') });
const codes = (r: ReturnType<typeof parseDeck>) => r.findings.map((f) => f.code);

describe('hostile flashcard notes', () => {
  it('reads 100k `::` in a name on one line as no card', () => {
    const { r } = read(`#flashcards\n${'a::'.repeat(100_000)}b`);
    expect(r.deck.questions).toEqual([]);
    expect(codes(r)).toContain('no-questions');
  });

  it('reads 100k `;;;` runs and a 256 kB run of spaces before a `^` as no card', () => {
    const { r } = read(`#flashcards\n${';;; '.repeat(100_000)}\n\nQ::A${' '.repeat(256 * 1024)}^x y\n\nQ2::A2 ${'^a '.repeat(80_000)}`);
    expect(r.deck.questions.map((q) => q.prompt)).toEqual(['Q', 'Q2']);
  });

  it('splits a line of 100k `::` runs at its first one only', () => {
    const { r } = read(`#flashcards\nQ ${':: '.repeat(100_000)}`);
    expect(r.deck.questions).toHaveLength(1);
    expect(r.deck.questions[0]?.prompt).toBe('Q');
  });

  it('reads 50k `?` lines under one question as one card, and 25k lone `?` as 20 findings and a count', () => {
    const one = read(`#flashcards\nQ\n${'?\n'.repeat(50_000)}`);
    expect(one.r.deck.questions).toHaveLength(1);
    const lone = read(`#flashcards\n${'?\n\n'.repeat(25_000)}`);
    expect(lone.r.findings.filter((f) => f.code === 'no-prompt')).toHaveLength(MAX_CARD_FINDINGS);
    expect(lone.r.findings.find((f) => f.code === 'unread-cards')?.message).toBe(`flashcard: ${25_000 - MAX_CARD_FINDINGS} more cards from here on could not be read`);
  });

  it('reports 50k unclosed `==` once, and reads at most MAX_CLOZES clozes of one paragraph', () => {
    const open = read(`#flashcards\n${'==a '.repeat(50_000)}`);
    expect(codes(open.r).filter((c) => c === 'unclosed-cloze')).toHaveLength(1);
    const many = read(`#flashcards\n${'==a== '.repeat(10_000)}`);
    expect(many.r.deck.questions).toHaveLength(MAX_CLOZES);
    expect(codes(many.r)).toContain('too-many-clozes');
  });

  it('reads 50k lines opening `==` and 20k schedule comments', () => {
    const { r } = read(`#flashcards\n${'==a\n'.repeat(50_000)}\n${'x <!--SR:!2024-01-01,1,250-->\n'.repeat(20_000)}`);
    expect(codes(r).filter((c) => c === 'unclosed-cloze')).toHaveLength(1);
    expect(codes(r)).toContain('unread-cards');
  });

  it('reads an unclosed fence to the end of the note as code, never as cards', () => {
    const r = parseDeck('#flashcards\nQ1::A1\n```\nQ2::A2\n?\n', 'hostile.md');
    expect(r.deck.questions.map((q) => q.prompt)).toEqual(['Q1']);
  });

  it('reads 256 kB lines of a Logseq page (a property line, `#flashcard` tags, `{{c1` openings, `1.` children)', () => {
    const long = 'x'.repeat(256 * 1024);
    const page = [
      `title:: ${long}`,
      `- ${'#flashcard '.repeat(20_000)}`,
      `  id:: ${long}`,
      `- ${'{{c1 '.repeat(50_000)} #flashcard`,
      `\t- ${'1. '.repeat(50_000)}`,
      `- Q？#flashcard`,
      `\t- ${'1'.repeat(256 * 1024)}. A`,
    ].join('\n');
    const { r } = read(page);
    expect(r.deck.questions.map((q) => q.prompt)).toEqual(['Q？']);
    expect(codes(r)).toContain('unclosed-cloze');
  });

  it('skips an unclosed Logseq cloze among 10k blocks, reading the rest', () => {
    const blocks = Array.from({ length: 10_000 }, (_, i) => `- Q${i} #card\n\t- A${i}`);
    const r = parseDeck([`- {{cloze never closed #card`, ...blocks].join('\n'), 'hostile.md');
    expect(r.deck.questions).toHaveLength(10_000);
    expect(codes(r)).toContain('unclosed-cloze');
  });
});
