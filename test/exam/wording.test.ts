// The exam screen says how many options to pick once: "(Select k.)" only when the prompt does not.
import { describe, expect, it } from 'vitest';
import { mapExam } from '../../src/exam/domain-map.js';
import { newSession, type ExamSession } from '../../src/exam/mock-exam.js';
import { examQuestionView } from '../../src/exam/render-exam.js';
import { textOf } from '../support/chat-recorder.js';
import { question } from '../support/decks.js';
import { dva } from './support.js';

const NOW = new Date('2026-03-01T09:00:00Z');

function screenOf(prompt: string, correct: string[]): string {
  const deck = { id: 'dev', path: 'content/dev.md', title: 'Dev', description: '', command: 'dev', meta: { exam: 'dva-c02', domain: '1' }, concepts: [], questions: [question('dev', 'Q1', { prompt, correct })] };
  const session: ExamSession = { ...newSession({ userKey: 'u', channelKey: 'c', examId: 'dva-c02', questions: mapExam([deck], dva()).questions, now: NOW, minutes: 10 }), id: 's1', version: 0 };
  const view = examQuestionView(session, dva(), NOW, 'UTC');
  // The prompt's block (the view's fallback text repeats the prompt once more).
  return textOf({ text: '', blocks: view.blocks.filter((b) => b.type === 'text' && b.text.startsWith(prompt)) }).trim();
}

describe('exam question wording', () => {
  it.each([
    'Which two settings apply? (Select TWO.)',
    'Which settings apply? (Select 2.)',
    'Which settings apply? Select two answers.',
    'Which settings apply? (Choose TWO.)',
  ])('does not repeat a count the prompt states: %s', (prompt) => {
    const text = screenOf(prompt, ['A', 'B']);
    expect(text).toBe(prompt);
    expect(text.match(/\b(select|choose)\s+(2|two)\b/gi)).toHaveLength(1);
  });

  it('adds "(Select k.)" when the prompt does not say how many', () => {
    expect(screenOf('Which settings apply?', ['A', 'C', 'D'])).toContain('Which settings apply? (Select 3.)');
  });

  it('adds nothing to a single-answer prompt', () => {
    expect(screenOf('Which setting applies?', ['B'])).not.toMatch(/Select \d/);
  });
});
