// The newcomer path, end to end: the real entry point with no tokens and a fresh data dir runs the
// console on the embedded Postgres, reading commands from a pipe.

import { describe, expect, it } from 'vitest';
import { oneQuestionFolder } from '../support/one-question-content.js';
import { runMain } from './spawn-main.js';

/** Asserts the pieces appear in this order. */
function expectInOrder(text: string, pieces: string[]) {
  let at = 0;
  for (const piece of pieces) {
    const found = text.indexOf(piece, at);
    expect(found, `"${piece}" (after offset ${at}) in:\n${text}`).toBeGreaterThanOrEqual(0);
    at = found + piece.length;
  }
}

describe('npm start with no tokens (console mode)', () => {
  it('explains, quizzes, takes an answer, reveals, ranks and reports stats from piped commands', async () => {
    // A deck of one question, so the plain (scored) quiz is Q1: `quiz 1` would be an unscored preview.
    const { code, stdout, stderr } = await runMain([
      '/apigw explain stage-variables',
      'share to channel',
      '/apigw quiz',
      'b',
      '/apigw leaderboard',
      '/apigw stats',
      '/apigw explain nothing-like-this-zzz',
      'hello',
    ], { CONTENT_DIR: oneQuestionFolder('Q1') });
    expect(code, stderr).toBe(0);
    expectInOrder(stdout, [
      'Stage variables',
      'Stage variables are name-value pairs',
      '[Share to channel]',
      'shared by you',
      'A) HTTP proxy',
      'B) mock',
      '[A] [B] [C] [D]',
      'Correct!',
      'B) mock  ✓',
      'Leaderboard',
      'you: 10 points',
      'Your stats',
      'Answered:',
      '1',
    ]);
    expect(stdout).toContain('"hello" is not a command.');
    expect(stdout).toMatch(/^1\. you: 10 points/m); // the rank is the line's own, no bullet before it
    // No prompt or banner when stdin is a pipe; logs stay off stdout and below warn.
    expect(stdout).not.toContain('studybot>');
    expect(stdout).not.toContain('"level"');
    expect(stderr).not.toContain('"level":"info"');
  }, 90_000);

  it('reports a problem with a question: the next line is the reason, the admin lists it with path:line', async () => {
    const { code, stdout, stderr } = await runMain([
      '/apigw quiz 1',
      'report a problem',
      'no', // too short: refused, nothing stored
      'report a problem',
      'the answer should be C',
      'report a problem',
      '', // cancelled
      '/apigw reports',
    ]);
    expect(code, stderr).toBe(0);
    expectInOrder(stdout, [
      '[Report a problem]',
      'What is wrong with Q1? Type it on the next line',
      'Add a short reason',
      'Report #1 on API Gateway Q1',
      'Cancelled.',
      '#1 API Gateway Q1 at ',
      'content/api-gateway.md:', // as CONTENT_DIR names it (absolute here)
      'the answer should be C',
    ]);
    expect(stdout).not.toContain('#2');
  }, 90_000);

  it('tells a wrong answer privately and still reveals the right one', async () => {
    const first = await runMain(['/apigw quiz 1', 'a']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Not quite');
    expect(first.stdout).toContain('B) mock  ✓');
  }, 90_000);
});
