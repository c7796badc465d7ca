// A generated 650-question task-list bank (LF and CRLF): every question, its answers and source line;
// a copied question served once; ids that do not move when another question is edited.
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/content/index.js';
import { bankQuestion, generateBank } from '../fixtures/dialects/generate-bank.js';

const QUESTIONS = 650;
const letters = 'ABCDE';

describe('a generated 650-question task-list bank', () => {
  const source = generateBank({ questions: QUESTIONS, seed: 3 });
  const lf = parseDeck(source, 'content/bank.md');

  it('reads every question with its prompt, options, ticked answers and heading line', () => {
    expect(lf.dialect).toBe('task-list bank');
    expect(lf.findings.map((f) => f.code)).toEqual(['no-title']);
    expect(lf.deck.questions).toHaveLength(QUESTIONS);
    const lines = source.split('\n');
    lf.deck.questions.forEach((q, i) => {
      const expected = bankQuestion(i + 1, 3);
      expect(q.number).toBe(String(i + 1));
      // Every 50th question (7, 57, …) has a code block between heading and options: part of the prompt, still a block.
      const code = (i + 1) % 50 === 7 ? '\n\n```json\n{ "Effect": "Allow", "Action": "s3:GetObject" }\n```' : '';
      expect(q.prompt).toBe(expected.prompt + code);
      expect(q.options.map((o) => o.text)).toEqual(expected.options);
      expect(q.correct).toEqual(expected.checked.sort((a, b) => a - b).map((k) => letters[k]));
      expect(q.scored).toBe(true);
      expect(lines[q.source.line - 1]).toBe(`### ${expected.prompt}`);
    });
    expect(lf.deck.questions.filter((q) => q.correct.length === 2)).toHaveLength(Math.floor((QUESTIONS + 5) / 9));
  });

  it('reads the CRLF copy the same', () => {
    const crlf = parseDeck(generateBank({ questions: QUESTIONS, seed: 3, crlf: true }), 'content/bank.md');
    expect(crlf.findings).toEqual(lf.findings);
    expect(crlf.deck.questions).toEqual(lf.deck.questions);
  });

  it('serves a question copied twice into the bank once and reports the copy once', () => {
    const copy = `### ${bankQuestion(5, 3).prompt}\n\n${bankQuestion(5, 3)
      .options.map((o, i) => `- [${bankQuestion(5, 3).checked.includes(i) ? 'x' : ' '}] ${o}`)
      .join('\n')}\n\n`;
    const doubled = source.replace('## Contributing', `${copy}${copy}## Contributing`);
    const r = parseDeck(doubled, 'content/bank.md');
    expect(r.deck.questions).toHaveLength(QUESTIONS);
    const dups = r.findings.filter((f) => f.code === 'duplicate');
    expect(dups).toHaveLength(2);
    expect(dups[0]!.message).toMatch(/^651: same question as 5 \(line \d+\); serving one copy$/);
    expect(new Set(r.deck.questions.map((q) => q.id)).size).toBe(QUESTIONS);
  });

  it('keeps every other id when one question is edited or moved', () => {
    const edited = source.replace(bankQuestion(10, 3).options[0]!, 'A brand new first option');
    const r = parseDeck(edited, 'content/bank.md');
    const before = lf.deck.questions.map((q) => q.id);
    const after = r.deck.questions.map((q) => q.id);
    expect(after.filter((id, i) => id !== before[i])).toHaveLength(1);
    expect(after[9]).not.toBe(before[9]);
  });
});
