// content:check names each file's dialect and counts, and lists what it skipped (issue 12 item 5).
import { describe, expect, it } from 'vitest';
import { runContentCheck } from '../../src/content/cli.js';
import { fixturePath } from './helpers.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runContentCheck(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

const imports = (name: string) => `test/fixtures/imports/${name}`;

describe('content:check on imports', () => {
  it('prints a line per file with its dialect, then that file\'s findings; files that are no deck say so', async () => {
    const { code, out } = await run([imports('cloud-basics.csv'), imports('anki-cloze.txt'), imports('meeting-notes.txt')]);
    expect(code).toBe(1);
    expect(out).toEqual([
      `${imports('anki-cloze.txt')}: anki notes: 3 questions (0 scored, 3 flashcards), 0 concepts; 0 errors, 1 warning`,
      `${imports('anki-cloze.txt')}:7: warning: cloze note without {{c1::…}}; skipped`,
      `${imports('cloud-basics.csv')}: csv questions: 5 questions (4 scored, 1 flashcard), 1 concept; 2 errors, 1 warning`,
      `${imports('cloud-basics.csv')}:10: warning: row skipped: no question text`,
      `${imports('cloud-basics.csv')}:11: error: row skipped: answer E is out of range (options A–B)`,
      `${imports('cloud-basics.csv')}:14: error: row skipped: 10 fields but the header has 9 (a "," inside a field that is not in quotes?)`,
      `${imports('meeting-notes.txt')}: not read: 0 questions (0 scored, 0 flashcards), 0 concepts; 1 error, 0 warnings; not served`,
      expect.stringMatching(new RegExp(`^${imports('meeting-notes.txt')}:1: error: not a deck: .*see docs/content-intake\\.md$`)),
      '2 decks, 8 questions (4 scored, 4 flashcards), 1 concept; 3 errors, 2 warnings',
    ]);
  });

  it('--json adds a per-file report with the dialect and counts', async () => {
    const { code, out, err } = await run(['--json', imports('excel-semicolons.csv'), imports('anki-basic.txt')]);
    expect(code).toBe(0);
    const parsed = JSON.parse(out.join('\n'));
    expect(parsed.files).toEqual([
      { path: imports('anki-basic.txt'), deckId: 'anki-basic', dialect: 'anki notes', questions: 4, scored: 0, flashcards: 4, concepts: 0, errors: 0, warnings: 2, served: true },
      { path: imports('excel-semicolons.csv'), deckId: 'excel-semicolons', dialect: 'csv questions', questions: 3, scored: 3, flashcards: 0, concepts: 0, errors: 0, warnings: 0, served: true },
    ]);
    expect(parsed.decks.map((d: { id: string }) => d.id)).toEqual(['anki-basic', 'excel-semicolons']);
    expect(err.at(-1)).toBe('2 decks, 7 questions (3 scored, 4 flashcards), 0 concepts; 0 errors, 2 warnings');
  });

  it('Aiken and GIFT files are named by their dialect, their findings at path:line', async () => {
    const { code, out } = await run(['test/fixtures/aiken/broken.txt', 'test/fixtures/gift/moodle-bank.gift']);
    expect(code).toBe(1);
    expect(out[0]).toBe('test/fixtures/aiken/broken.txt: aiken questions: 1 question (1 scored, 0 flashcards), 0 concepts; 4 errors, 2 warnings');
    expect(out).toContain('test/fixtures/aiken/broken.txt:8: error: question skipped: answer E is out of range (options A–B)');
    expect(out).toContain('test/fixtures/gift/moodle-bank.gift: gift questions: 7 questions (5 scored, 2 flashcards), 0 concepts');
  });

  it('an alias bomb is one error on its own line; the other deck is checked as usual', async () => {
    const { code, out } = await run(['test/fixtures/hostile/alias-bomb.md', fixturePath('basic-letters.md')]);
    expect(code).toBe(1);
    expect(out).toContain('test/fixtures/hostile/alias-bomb.md:4: error: front matter expands its aliases (*name) too often; at most 50 are allowed (a YAML alias bomb?)');
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^${fixturePath('basic-letters.md')}: [a-z -]+: 2 questions \\(2 scored, 0 flashcards\\)`)));
  });
});
