// Reading more shapes must not move the ids of questions that were already served: memory cards, stats and mock
// exams refer to them. Each id here was computed by the parser at 8ddd7b8.
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/content/parse.js';

const ids = (source: string) => parseDeck(source, 'content/pin.md').deck.questions.map((q) => q.id);

describe('ids of questions served before the 2026-12-07 reading changes', () => {
  it('a prompt line opening with [cite_start] (the marker is not shown, the id stays)', () => {
    const note = `# Gemini notes\n\n## Questions\n\n### Question 1\n[cite_start]Which service stores objects? [cite: 3]\n\n- A. S3\n- B. EBS\n\n**Answer:** A\n`;
    expect(ids(note)).toEqual(['pin:5giKGGx_zX']);
    expect(parseDeck(note, 'content/pin.md').deck.questions[0]?.prompt).toBe('Which service stores objects?');
    expect(ids(`# Gemini notes\n\n## Questions\n\n1. [cite_start]Which service stores objects?\n   - A. S3\n   - B. EBS\n\n   **Answer:** A\n`)).toEqual(['pin:eBa0jfoqtk']);
  });

  it('a HOTSPOT / - pair under the question heading (no label in the prompt or the id)', () => {
    const note = `# ET\n\n## Question #12\nHOTSPOT\n-\nYou need to configure X. Which should you use?\n\n- A. one\n- B. two\n\n**Answer: A**\n`;
    expect(ids(note)).toEqual(['pin:oi-0O_wdiJ']);
    expect(parseDeck(note, 'content/pin.md').deck.questions[0]?.prompt).toBe('You need to configure X. Which should you use?');
  });

  it('fenced code holding such lines is shown as written', () => {
    const note = '# Code\n\n### 1. What does this print?\n\n```\n- **Assertion (A):** x\nHOTSPOT\n-\n```\n\n- A. one\n- B. two\n\n**Answer:** A\n';
    expect(parseDeck(note, 'content/pin.md').deck.questions[0]?.prompt).toContain('- **Assertion (A):** x\nHOTSPOT\n-');
  });
});
