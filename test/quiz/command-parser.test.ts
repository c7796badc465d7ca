import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseActionId, answerId, multiId, submitId, nextPracticeId, MAX_ACTION_ID } from '../../src/quiz/action-ids.js';
import { parseCommand, parseUserMention } from '../../src/quiz/command-parser.js';

describe('command parser', () => {
  it.each([
    ['', { type: 'help' }],
    ['help', { type: 'help' }],
    ['explain stage variables', { type: 'explain', query: 'stage variables' }],
    ['EXPLAIN', { type: 'explain', query: '' }],
    ['quiz', { type: 'quiz' }],
    ['quiz 3', { type: 'quiz', number: '3' }],
    ['quiz Q3', { type: 'quiz', number: '3' }],
    ['quiz api-gateway 07', { type: 'quiz', deck: 'api-gateway', number: '7' }],
    ['quiz api-gateway', { type: 'quiz', deck: 'api-gateway' }],
    ['practice', { type: 'practice' }],
    ['practice lambda', { type: 'practice', deck: 'lambda' }],
    ['leaderboard', { type: 'leaderboard', period: 'week' }],
    ['leaderboard Month', { type: 'leaderboard', period: 'month' }],
    ['leaderboard all time', { type: 'leaderboard', period: 'all' }],
    ['stats', { type: 'stats' }],
    ['stats <@U123ABC>', { type: 'stats', target: 'U123ABC' }],
    ['stats <@U123ABC|alice>', { type: 'stats', target: 'U123ABC' }],
    ['stats <@!81234567890>', { type: 'stats', target: '81234567890' }],
    ['stats @Alice Smith', { type: 'stats', name: 'Alice Smith' }],
    // A word that could be a deck is read both ways; the core decides with the decks it has.
    ['stats alice', { type: 'stats', target: 'alice', deckFirst: { deck: 'alice' } }],
    ['stats lambda <@U1>', { type: 'stats', deckFirst: { deck: 'lambda', target: 'U1' } }],
    ['leaderboard lambda', { type: 'leaderboard', period: 'week', deck: 'lambda' }],
    ['leaderboard all time api-gateway', { type: 'leaderboard', period: 'all', deck: 'api-gateway' }],
    ['schedule 09:00 Europe/Berlin mon-fri', { type: 'schedule', args: '09:00 Europe/Berlin mon-fri' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('refuses bad arguments with a usage line', () => {
    expect(parseCommand('leaderboard yesterday or today')).toMatchObject({ type: 'invalid', usage: 'leaderboard [deck] [week|month|all]' });
    expect(parseCommand('quiz a b c')).toMatchObject({ type: 'invalid' });
    expect(parseCommand('quiz 3 4')).toMatchObject({ type: 'invalid' });
    expect(parseCommand('stats <!channel> x')).toMatchObject({ type: 'invalid' });
    expect(parseCommand('stats <!here>')).toMatchObject({ type: 'invalid' });
  });

  it('suggests the nearest subcommand for typos', () => {
    expect(parseCommand('expalin foo')).toMatchObject({ type: 'unknown', word: 'expalin', suggestion: 'explain' });
    expect(parseCommand('leaderbord')).toMatchObject({ type: 'unknown', suggestion: 'leaderboard' });
    expect(parseCommand('qiuz')).toMatchObject({ type: 'unknown', suggestion: 'quiz' });
    expect(parseCommand('zzzzzzzzzz')).toEqual({ type: 'unknown', word: 'zzzzzzzzzz' });
  });

  it('is not fooled by object property names', () => {
    expect(parseCommand('constructor')).toMatchObject({ type: 'unknown' });
    expect(parseCommand('__proto__ x')).toMatchObject({ type: 'unknown' });
    expect(parseCommand('leaderboard toString')).toEqual({ type: 'leaderboard', period: 'week', deck: 'toString' });
    expect(parseCommand('leaderboard x toString')).toMatchObject({ type: 'invalid' });
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const parsed = parseCommand(text);
        expect(parsed.type).toBeTruthy();
      }),
      { numRuns: 2000 },
    );
  });

  it('reads mentions and bare ids, nothing else', () => {
    expect(parseUserMention('<@U1>')).toBe('U1');
    expect(parseUserMention('<!channel>')).toBeNull();
    expect(parseUserMention('@everyone')).toBeNull();
  });
});

describe('action ids', () => {
  it('round-trips and stays within 100 characters', () => {
    const round = '9007199254740991';
    for (const id of [answerId(round, 'ABCDEFGH'), multiId(round), submitId(round), nextPracticeId(round)]) {
      expect(id.length).toBeLessThanOrEqual(MAX_ACTION_ID);
      expect(parseActionId(id)).not.toBeNull();
    }
    expect(parseActionId('a:12:B')).toEqual({ type: 'answer', roundId: '12', option: 'B' });
    expect(parseActionId('s:12')).toEqual({ type: 'multi-submit', roundId: '12' });
  });

  it('rejects anything it did not produce', () => {
    for (const bad of ['', 'a:0:B', 'a:12:', 'a:12:B:C', 'a:-1:B', 'x:12', 'a:12:B ', 'a:1e3:B', 's:12:1', 'a:12:' + 'B'.repeat(9)]) {
      expect(parseActionId(bad)).toBeNull();
    }
    fc.assert(fc.property(fc.string(), (s) => void parseActionId(s)));
  });
});
