import { describe, expect, it } from 'vitest';
import { runContentCheck } from '../../src/content/cli.js';
import { fixturePath } from './helpers.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runContentCheck(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('content:check', () => {
  it('checks content/ by default and exits 0 when there are no errors', async () => {
    const { code, out } = await run([]);
    expect(code).toBe(0);
    expect(out.at(-1)).toMatch(/^\d+ decks?, \d+ questions \(\d+ scored, \d+ flashcards?\), \d+ concepts?; 0 errors, \d+ warnings?$/);
  });

  it('prints compiler-style lines and a summary, exit 1 on errors', async () => {
    const { code, out } = await run([fixturePath('bad-answers.md'), fixturePath('number-then-letter.md')]);
    expect(code).toBe(1);
    // Each file's own line (dialect and counts) comes before its findings.
    const fileLines = out.filter((l) => !/:\d+: /.test(l) && !l.startsWith('2 decks'));
    expect(fileLines).toEqual([
      expect.stringMatching(new RegExp(`^${fixturePath('bad-answers.md')}: [a-z -]+: 9 questions \\(3 scored, 0 flashcards\\), 0 concepts; 2 errors, 6 warnings$`)),
      expect.stringMatching(new RegExp(`^${fixturePath('number-then-letter.md')}: [a-z -]+: 2 questions \\(2 scored, 0 flashcards\\), 0 concepts; 0 errors, 1 warning$`)),
    ]);
    expect(out.indexOf(fileLines[1]!)).toBe(out.findIndex((l) => l.startsWith(fixturePath('number-then-letter.md'))));
    expect(out.filter((l) => !fileLines.includes(l))).toEqual([
      `${fixturePath('bad-answers.md')}:18: warning: Q1: empty answer <mark></mark>; not scored`,
      `${fixturePath('bad-answers.md')}:23: warning: Q2: no answer (expected <details> with <mark>…</mark>); not scored`,
      `${fixturePath('bad-answers.md')}:41: error: Q3: answer 5 is out of range (options 1–2); not scored`,
      `${fixturePath('bad-answers.md')}:57: warning: Q4: letter answer over numbered options; mapped by position (B→2)`,
      `${fixturePath('bad-answers.md')}:64: warning: Q5: the prompt asks for 2 answers but the answer has 1`,
      `${fixturePath('bad-answers.md')}:86: warning: Q6: no answer <mark>…</mark> in <details>; not scored`,
      `${fixturePath('bad-answers.md')}:106: error: Q7: answer "see docs" is not an option label (A, B)`,
      `${fixturePath('bad-answers.md')}:133: warning: Q9: only one option; not scored`,
      `${fixturePath('number-then-letter.md')}:36: warning: Q2: number answer over lettered options; mapped by position (1→A)`,
      '2 decks, 11 questions (5 scored, 0 flashcards), 0 concepts; 2 errors, 7 warnings',
    ]);
  });

  it('--json prints the parsed decks on stdout and the findings on stderr', async () => {
    const { code, out, err } = await run(['--json', fixturePath('numbered-multi.md')]);
    expect(code).toBe(0);
    const parsed = JSON.parse(out.join('\n'));
    expect(parsed.summary).toMatchObject({ decks: 1, questions: 2, scored: 2, errors: 0 });
    expect(parsed.decks[0].questions[0]).toMatchObject({
      number: 'Q1',
      correct: ['1', '2'],
      options: [{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }],
      source: { path: fixturePath('numbered-multi.md'), line: 7 },
    });
    expect(err).toEqual(['1 deck, 2 questions (2 scored, 0 flashcards), 0 concepts; 0 errors, 0 warnings']);
  });

  it('rejects unknown options with exit 2', async () => {
    const { code, err } = await run(['--jsno']);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^unknown option --jsno/);
  });
});
