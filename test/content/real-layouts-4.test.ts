// Layouts met in a fourth round of real public study material (terraform Q&A with emoji answer headings, Chinese
// interview lists, Korean-annotated exams, …). Every source here is our own small imitation of the pattern.
import { describe, expect, it } from 'vitest';
import { type Question } from '../../src/content/index.js';
import { findingLines as codes, parseNoteLines } from './helpers.js';

const view = (q: Question) => ({ n: q.number, prompt: q.prompt, options: q.options.map((o) => `${o.id}=${o.text}`), correct: q.correct });

describe('"## Question #: 01" with the answer under emoji headings inside <details>', () => {
  const note = [
    '## Question #: 01', //                                                  1
    '',
    '**A plan file records the exact changes to apply.**',
    '',
    '- A. True  ',
    '- B. False',
    '',
    '<details>',
    '<summary><strong>✅ Check Answer</strong></summary>',
    '',
    '---',
    '',
    '## ✅ Correct Answer: A. True',
    '',
    '### 📌 Explanation:',
    'A saved plan is applied as it was made.',
    '',
    '### terraform show',
    '',
    '</details>',
    '',
    '## Question #: 02', //                                                  21
    '',
    '**Which two commands change real infrastructure?**',
    '',
    '- A. validate  ',
    '- B. apply  ',
    '- C. fmt',
    '- D. destroy',
    '',
    '<details>',
    '<summary><strong>✅ Check Answer</strong></summary>',
    '',
    '### ✅ Correct Answers:  ',
    '**B. apply**  ',
    '**D. destroy**',
    '',
    '---',
    '',
    '### 📘 Explanation:',
    '',
    '- `apply` creates and updates.',
    '- `destroy` removes.',
    '',
    '---',
    '',
    '### 🔗 References:',
    '- [Commands](https://example.com/cli)',
    '',
    '</details>',
    '',
  ];

  it('serves each question with its answer; headings inside the <details> are answer text, never questions', () => {
    const r = parseNoteLines('notes/tf-qa.md', note);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', prompt: 'A plan file records the exact changes to apply.', options: ['A=True', 'B=False'], correct: ['A'] },
      { n: '2', prompt: 'Which two commands change real infrastructure?', options: ['A=validate', 'B=apply', 'C=fmt', 'D=destroy'], correct: ['B', 'D'] },
    ]);
    const [first, second] = r.deck.questions;
    expect(first!.explanation).toBe('A saved plan is applied as it was made.\n\nterraform show');
    expect(second!.explanation).toMatch(/^- `apply` creates and updates\.\n- `destroy` removes\./);
    expect(second!.explanation).toContain('References:');
    expect(codes(r.findings)).toEqual(['1 warning no-title']);
  });
});
