// The platforms' limits on generated commands (platform-limits.ts) and content:check reporting them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runContentCheck } from '../../src/content/cli.js';
import {
  SLACK_BUILTIN_COMMANDS,
  checkPictureLimits,
  checkPlatformLimits,
  commandNameProblems,
  cutGraphemes,
  hasLoneSurrogate,
} from '../../src/content/platform-limits.js';
import { contentFolder, deckNote } from './platform-decks.js';

const decks = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `notes/d${i + 1}.md`, command: `d${i + 1}` }));

describe('command names', () => {
  it('a 31-character command fits Slack; 32 characters make a 33-character Slack command', () => {
    expect(commandNameProblems('a'.repeat(31))).toEqual([]);
    expect(commandNameProblems('a'.repeat(32))).toEqual([
      `Slack: /${'a'.repeat(32)} is 33 characters; Slack allows 32 including the slash`,
    ]);
    expect(commandNameProblems('a'.repeat(32), ['discord'])).toEqual([]);
    expect(commandNameProblems('a'.repeat(33), ['discord'])[0]).toMatch(/^Discord: .* not a valid command name/);
  });

  it("refuses Slack's built-in commands", () => {
    for (const builtin of ['remind', 'topic', 'invite', 'msg', 'dm', 'status', 'away', 'feed', 'shrug', 'giphy', 'who', 'collapse', 'expand', 'leave', 'join', 'mute', 'search', 'apps', 'archive']) {
      expect(SLACK_BUILTIN_COMMANDS.has(builtin)).toBe(true);
      expect(commandNameProblems(builtin)).toEqual([`Slack: /${builtin} is one of Slack's built-in commands and cannot be the app's`]);
    }
    expect(commandNameProblems('remind', ['discord'])).toEqual([]);
  });
});

describe('deck counts', () => {
  it('50 decks fit Slack; the 51st is an error on its own file', () => {
    expect(checkPlatformLimits(decks(50))).toEqual([]);
    const findings = checkPlatformLimits(decks(51));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'notes/d51.md', severity: 'error', code: 'platform-count' });
    expect(findings[0]!.message).toMatch(/^Slack: 51 decks make 51 slash commands; an app may have 50 .*--single-command study/);
  });

  it('101 decks exceed Discord as well; only the platforms asked about are checked', () => {
    const findings = checkPlatformLimits(decks(101));
    expect(findings.map((f) => [f.path, f.message.split(':')[0]])).toEqual([
      ['notes/d51.md', 'Slack'],
      ['notes/d101.md', 'Discord'],
    ]);
    expect(checkPlatformLimits(decks(101), { platforms: ['discord'] }).map((f) => f.path)).toEqual(['notes/d101.md']);
    expect(checkPlatformLimits(decks(100), { platforms: ['discord'] })).toEqual([]);
  });

  it('with a single command the count does not matter, its name does', () => {
    expect(checkPlatformLimits(decks(500), { singleCommand: 'study' })).toEqual([]);
    expect(checkPlatformLimits(decks(3), { singleCommand: 'remind' })[0]!.message).toMatch(/^single command: Slack: \/remind is one of Slack's built-in/);
  });
});

describe('cutGraphemes', () => {
  it('never leaves half a surrogate pair where .slice(0, 99) would', () => {
    const text = `${'x'.repeat(98)}😀😀 and more`;
    expect(hasLoneSurrogate(`${text.slice(0, 99)}…`)).toBe(true); // what the old code produced
    const cut = cutGraphemes(text, 100);
    expect(cut).toBe(`${'x'.repeat(98)}…`);
    expect(hasLoneSurrogate(cut)).toBe(false);
  });

  it('keeps a ZWJ family, a flag and an accented letter whole', () => {
    expect(cutGraphemes('ab👨‍👩‍👧‍👦cd', 6)).toBe('ab…');
    expect(cutGraphemes('ab🇩🇪🇫🇷', 7)).toBe('ab🇩🇪…');
    expect(cutGraphemes('ab🇩🇪🇫🇷', 6)).toBe('ab…');
    expect(cutGraphemes('abe\u0301e\u0301', 5)).toBe('abe\u0301…');
    expect(cutGraphemes('short', 100)).toBe('short');
  });

  it('any text: at most max UTF-16 units, well formed, a prefix of the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 1, max: 60 }), (text, max) => {
        const cut = cutGraphemes(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(hasLoneSurrogate(cut)).toBe(false);
        if (cut !== text) expect(text.startsWith(cut.slice(0, -1).trimEnd())).toBe(true);
      }),
    );
  });
});

describe('content:check reports platform limits', () => {
  const run = async (paths: string[]) => {
    const out: string[] = [];
    const code = await runContentCheck(paths, { out: (t) => out.push(t), err: (t) => out.push(t) });
    return { code, out: out.join('\n') };
  };

  it('a 32-character command and a built-in Slack command are errors at the note', async () => {
    const dir = contentFolder(0, {
      'long.md': deckNote('Long', 'a'.repeat(32)),
      'remind.md': deckNote('Remind', 'remind'),
    });
    const { code, out } = await run([dir]);
    expect(code).toBe(1);
    expect(out).toContain(`long.md:1: error: Slack: /${'a'.repeat(32)} is 33 characters; Slack allows 32 including the slash; set another \`command:\``);
    expect(out).toContain("remind.md:1: error: Slack: /remind is one of Slack's built-in commands");
  });

  it('51 decks: exit 1, naming Slack’s 50 and the single-command way out', async () => {
    const { code, out } = await run([contentFolder(51)]);
    expect(code).toBe(1);
    expect(out).toMatch(/deck-051\.md:1: error: Slack: 51 decks make 51 slash commands; an app may have 50/);
    expect(out).toContain('--single-command study');
  }, 60_000);

  it('50 decks pass', async () => {
    const { code } = await run([contentFolder(50)]);
    expect(code).toBe(0);
  }, 60_000);
});

describe('question pictures the platforms cannot show (content:check)', () => {
  const q = (images: string[], optionImage?: string) => ({
    number: '7',
    ...(images.length ? { images: images.map((url) => ({ url })) } : {}),
    options: [{ id: 'A' }, { id: 'B', ...(optionImage ? { image: { url: optionImage } } : {}) }],
    source: { path: 'notes/bank.md', line: 12 },
  });

  it('warns for non-http(s) and over-long URLs, at the question, and not for ordinary ones', () => {
    const long = `https://img.example.com/${'a'.repeat(2100)}.png`;
    const huge = `https://img.example.com/${'a'.repeat(3100)}.png`;
    const findings = checkPictureLimits([{ questions: [q(['https://img.example.com/ok.png', 'ftp://files.example.com/x.png', long], huge)] }]);
    expect(findings.map((f) => `${f.path}:${f.line} ${f.severity} ${f.code}`)).toEqual(Array(3).fill('notes/bank.md:12 warning image-link'));
    expect(findings[0]!.message).toBe('question 7: image ftp://files.example.com/x.png is not an http(s) URL: shown as a link, not as a picture');
    expect(findings[1]!.message).toMatch(/^question 7: image https:\/\/img\.example\.com\/a+… is 2128 characters long \(Discord takes 2048\)/);
    expect(findings[2]!.message).toMatch(/^question 7: option B's image .* is 3128 characters long \(Slack takes 3000, Discord 2048\)/);
    expect(checkPictureLimits([{ questions: [q(['https://img.example.com/ok.png'], 'http://img.example.com/b.png'), q([])] }])).toEqual([]);
  });

  it('content:check prints the warning for a note with a data: image', async () => {
    const dir = contentFolder(0, {
      'bank.md': `---\ntitle: Bank\ncommand: bank\n---\n# Bank\n\n## Questions\n\n### Which one?\n\n![chart](data:image/png;base64,AAAA)\n\n- [x] This\n- [ ] That\n`,
    });
    const out: string[] = [];
    const code = await runContentCheck([dir], { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/bank\.md:\d+: warning: question 1: image data:image\/png;base64,AAAA is not an http\(s\) URL: shown as a link, not as a picture/);
  });
});
