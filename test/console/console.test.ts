import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONSOLE_USER, helpText, runConsole } from '../../adapters/console/index.js';
import { chooseAction, parseLine } from '../../adapters/console/input.js';
import { renderView, sanitize } from '../../adapters/console/render.js';
import { FakeBot } from './fake-bot.js';

/** Pipes `lines` into the console (as a non-TTY would) and returns everything it printed. */
async function converse(lines: string[], opts: { reveal?: boolean; interactive?: boolean; end?: boolean } = {}) {
  const bot = new FakeBot({ now: () => new Date('2026-03-02T10:00:00Z') });
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const done = runConsole({
    bot,
    input,
    output,
    interactive: opts.interactive ?? false,
    revealNow: opts.reveal === false ? undefined : async (ref) => void (await bot.revealNow(ref)),
  });
  input.write(lines.map((l) => `${l}\n`).join(''));
  if (opts.end !== false) input.end();
  await done;
  return { printed, bot };
}

describe('console conversation (piped input)', () => {
  it('explains, posts a question, takes "b", reveals at once, shows the leaderboard', async () => {
    const { printed, bot } = await converse(['/apigw explain stage-variables', '/apigw quiz', 'b', '/apigw leaderboard', '/apigw stats']);
    const order = [
      'Stage variables\n\n> Name-value pairs for a deployment stage.',
      'Which integration lets you test without a back end?',
      'A) HTTP proxy\nB) mock',
      '[A] [B] [C] [D]',
      'Correct! +10 points',
      'Answer: B',
      'B █ 1 (100%) ✓',
      'Leaderboard, all time\n\n1. you: 10 pts',
      'Answered: 1',
    ];
    let at = 0;
    for (const piece of order) {
      const found = printed.indexOf(piece, at);
      expect(found, `"${piece}" after position ${at} in:\n${printed}`).toBeGreaterThanOrEqual(0);
      at = found + piece.length;
    }
    expect(bot.rounds[0]!.answers.get(CONSOLE_USER.id)).toEqual(['B']);
    expect(bot.rounds[0]!.closed).toBe(true);
    // No prompt and no banner when input is not a terminal.
    expect(printed).not.toContain('studybot>');
    expect(printed).not.toContain('Ctrl-D');
  });

  it('answers a "select two" question with "1,2"-style lists mapped to option values', async () => {
    const { printed, bot } = await converse(['/apigw quiz 2', 'a', 'a, b']);
    expect(printed).toContain('choose 2, e.g. a,b');
    expect(printed).toContain('Sorry: Choose exactly 2 options.');
    expect(bot.rounds[0]!.answers.get('you')).toEqual(['A', 'B']);
    expect(printed).toContain('Correct! +10 points');
  });

  it('without early reveal the round stays open and `reveal` says so', async () => {
    const { printed, bot } = await converse(['/apigw quiz', 'c', 'reveal'], { reveal: false });
    expect(bot.rounds[0]!.closed).toBe(false);
    expect(printed).toContain('Not quite.');
    expect(printed).toContain('Rounds are revealed when they close.');
  });

  it('`reveal` closes the open question now', async () => {
    const { printed, bot } = await converse(['/apigw quiz', 'reveal', 'reveal']);
    expect(bot.rounds[0]!.closed).toBe(true);
    expect(printed).toContain('Answer: B');
    expect(printed).toContain('There is no open question to reveal.');
  });

  it('gives a clear message for unknown commands, stray text and core errors', async () => {
    const { printed } = await converse(['/nope quiz', 'hello', '/apigw quiz 9', '/apigw dance', '/apigw quiz', 'z']);
    expect(printed).toContain('Unknown command /nope. Deck commands: /apigw. Type help for more.');
    expect(printed).toContain('"hello" is not a command. Start a question with /apigw quiz, or type help.');
    expect(printed).toContain('Sorry: There is no question 9 in this deck.');
    expect(printed).toContain('Sorry: Unknown subcommand "dance". Try /apigw help.');
    expect(printed).toContain('"z" does not match any option of the open question.');
  });

  it('help lists every deck subcommand and how to answer and quit', async () => {
    const { printed } = await converse(['help']);
    expect(printed).toContain('/apigw explain [concept]');
    expect(printed).toContain('/apigw leaderboard');
    expect(printed).toContain('quit (or Ctrl-D) leaves');
  });

  it('stops at "quit" without reading further lines', async () => {
    const { printed, bot } = await converse(['quit', '/apigw quiz'], { end: false });
    expect(bot.rounds).toHaveLength(0);
    expect(printed).toBe('');
  });

  it('interactive mode shows a banner that says how to get help and quit, and a prompt', async () => {
    const { printed } = await converse(['help'], { interactive: true });
    expect(printed).toContain('Type help for commands, quit or Ctrl-D to leave.');
    expect(printed).toContain('studybot> ');
  });

  it('a question posted on its own (the daily one) is printed above a fresh prompt, and can be answered', async () => {
    const bot = new FakeBot({ now: () => new Date('2026-03-02T10:00:00Z') });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const done = runConsole({ bot, input, output, interactive: true, revealNow: async (ref) => bot.revealNow(ref) });
    await bot.startRound({ channel: { platform: 'console', workspace: 'local', channel: 'terminal' }, kind: 'daily', closesAt: new Date('2026-03-02T18:00:00Z') });
    expect(printed).toContain('\r\u001b[K\u001b[1mWhich integration lets you test without a back end?');
    expect(printed.lastIndexOf('studybot> ')).toBeGreaterThan(printed.indexOf('[A] [B] [C] [D]'));
    input.end('b\n');
    await done;
    expect(bot.rounds[0]!.answers.get('you')).toEqual(['B']);
    expect(bot.rounds[0]!.closed).toBe(true);
  });

  it('flushes pending core work when input ends', async () => {
    const { bot } = await converse(['/apigw leaderboard']);
    expect(bot.flushes).toBeGreaterThanOrEqual(2);
  });
});

describe('console input', () => {
  it('parses commands, console words and answers', () => {
    expect(parseLine('  /APIGW explain  stage vars ')).toEqual({ type: 'command', command: 'apigw', text: 'explain  stage vars' });
    expect(parseLine('')).toEqual({ type: 'empty' });
    expect(parseLine('Quit')).toEqual({ type: 'quit' });
    expect(parseLine('exit')).toEqual({ type: 'quit' });
    expect(parseLine('?')).toEqual({ type: 'help' });
    expect(parseLine('1, 2')).toEqual({ type: 'answer', raw: '1, 2', tokens: ['1', '2'] });
  });

  it('maps typed options onto the newest message with controls', () => {
    const older = { messageRef: 'm1', view: { text: 'q', blocks: [], actions: [{ type: 'buttons' as const, buttons: [{ id: 'old-a', label: 'A' }, { id: 'old-b', label: 'B' }] }] } };
    const newer = { messageRef: null, view: { text: 'r', blocks: [], actions: [{ type: 'buttons' as const, buttons: [{ id: 'share', label: 'Share to channel' }, { id: 'new-a', label: 'A' }] }] } };
    expect(chooseAction([older, newer], 'a', ['a'])).toEqual({ actionId: 'new-a', messageRef: null });
    expect(chooseAction([older, newer], 'b', ['b'])).toEqual({ actionId: 'old-b', messageRef: 'm1' });
    expect(chooseAction([older, newer], 'share to channel', ['share', 'to', 'channel'])).toEqual({ actionId: 'share', messageRef: null });
    expect(chooseAction([older, newer], 'e', ['e'])).toBeNull();
    const multi = { messageRef: 'm2', view: { text: 'q', blocks: [], actions: [{ type: 'multiselect' as const, id: 'p', submitId: 's', placeholder: 'x', min: 2, max: 2, options: [{ value: 'v1', label: '1' }, { value: 'v2', label: '2' }] }] } };
    expect(chooseAction([multi], '1,2', ['1', '2'])).toEqual({ actionId: 's', values: ['v1', 'v2'], messageRef: 'm2' });
    expect(chooseAction([multi], '1,9', ['1', '9'])).toBeNull();
    // Letters and numbers are interchangeable when the labels are a plain sequence.
    expect(chooseAction([multi], 'a b', ['a', 'b'])).toEqual({ actionId: 's', values: ['v1', 'v2'], messageRef: 'm2' });
    expect(chooseAction([older], '2', ['2'])).toEqual({ actionId: 'old-b', messageRef: 'm1' });
    expect(chooseAction([older], '3', ['3'])).toBeNull();
    expect(chooseAction([newer], '1', ['1'])).toBeNull();
  });
});

describe('console rendering', () => {
  it('lays out every block type as plain text', () => {
    const text = renderView({
      text: 'fallback',
      blocks: [
        { type: 'heading', text: 'Q1' },
        { type: 'text', text: 'plain' },
        { type: 'text', style: 'muted', text: 'muted' },
        { type: 'text', style: 'quote', text: 'line one\nline two' },
        { type: 'options', items: [{ label: 'A', text: 'one' }, { label: 'B', text: 'two', marked: true }] },
        { type: 'bars', rows: [{ label: 'A', count: 1, percent: 33.3, bar: '██░', marked: false }, { label: 'B', count: 2, percent: 66.7, bar: '███', marked: true }] },
        { type: 'fields', items: [{ name: 'Answered', value: '3' }, { name: 'Accuracy', value: '67%' }] },
        { type: 'list', items: ['x', 'y'], ordered: true },
        { type: 'list', items: ['z'] },
        { type: 'divider' },
      ],
      actions: [{ type: 'buttons', buttons: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }],
    });
    expect(text).toBe(
      [
        'Q1',
        'plain',
        'muted',
        '> line one\n> line two',
        'A) one\nB) two  ✓',
        'A ██░ 1 (33%)\nB ███ 2 (67%) ✓',
        'Answered: 3\nAccuracy: 67%',
        '1. x\n2. y',
        '- z',
        '─'.repeat(40),
        '[A] [B]',
      ].join('\n\n'),
    );
  });

  it('falls back to the summary text when a view has no blocks, and colours only when asked', () => {
    expect(renderView({ text: 'just text', blocks: [] })).toBe('just text');
    expect(renderView({ text: 't', blocks: [{ type: 'heading', text: 'H' }] }, { color: true })).toBe('\u001b[1mH\u001b[22m');
  });

  it('strips terminal escape sequences and control characters from untrusted text', () => {
    expect(sanitize('evil\u001b[2J\u001b]0;title\u0007 name\u0000\u0007\r\nnext\u202e')).toBe('evil name\nnext');
    expect(renderView({ text: 't', blocks: [{ type: 'list', items: ['\u001b[31mred'] }] })).toBe('- red');
  });

  it('help text is safe plain text built from the command specs', () => {
    const text = helpText([{ name: 'apigw', description: 'd', deckId: 'x', subcommands: [{ name: 'quiz', description: 'Post', options: [{ name: 'deck', description: '', required: true }] }] }], true);
    expect(text).toContain('/apigw quiz <deck>');
    expect(text).toContain('revealed at once');
  });
});
