// Inline code from the notes (`sam build`) on every front door, through the real renderers: Slack
// mrkdwn keeps it as code, Discord sends it as a code span while everything else stays escaped, the
// console shows the backticks, and plain-text places (checkbox and select labels) show the code alone.
// Hostile code (mentions, closing tags, backticks that never close) can neither ping nor break out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderView as renderConsole } from '../../adapters/console/render.js';
import { escapeDiscord, renderView as renderDiscord, toRestBody } from '../../adapters/discord/render.js';
import { renderView as renderSlack, slackText } from '../../adapters/slack/render.js';
import { splitCodeBlocks } from '../../src/content/code-blocks.js';
import { codeSpan, splitCodeSpans } from '../../src/content/code-spans.js';
import { questionView, revealView } from '../../src/quiz/render.js';
import type { QuestionSnapshot, RoundRecord } from '../../src/quiz/store.js';
import type { MessageView } from '../../src/quiz/views.js';
import { validateMessageBody } from '../fakes/discord-api.js';
import { openQuizRound } from '../support/rounds.js';

const ZWSP = /\u200b/g;

function round(question: Partial<QuestionSnapshot>): RoundRecord {
  return openQuizRound(
    {
      id: 'sam:x',
      deckId: 'sam',
      deckTitle: 'SAM',
      number: 'Q1',
      prompt: 'Which command asks for the settings once? Use `sam` with `--guided`.',
      options: [
        { id: 'A', text: '`sam build`' },
        { id: 'B', text: '`sam deploy --guided`' },
        { id: 'C', text: 'ping `@everyone` or `<!channel>` or `</a>`' },
        { id: 'D', text: '`` echo `date` `` and a ` that never closes' },
      ],
      correct: ['B', 'D'],
      explanation: '`sam deploy --guided` writes `samconfig.toml`.',
      ...question,
    },
    { id: '42', channelKey: 'slack:T1:C1' },
  );
}

const opts = { answered: 0, tz: 'UTC', now: new Date(0) };

/**
 * Discord's inline reading as far as code is concerned (simple-markdown's rules, in their order):
 * `\x` escapes a punctuation character; a run of backticks opens a code span closed by the same run.
 */
function readDiscord(s: string): { code: string[]; prose: string } {
  const code: string[] = [];
  let prose = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] === '\\' && /[^0-9A-Za-z\s]/.test(s[i + 1] ?? 'a')) {
      prose += s[i + 1];
      i += 2;
      continue;
    }
    const m = /^(`+)([\s\S]*?[^`])\1(?!`)/.exec(s.slice(i));
    if (m) {
      const inner = m[2]!;
      // Like CommonMark, one space of padding on each side is not part of the code.
      code.push(inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() ? inner.slice(1, -1) : inner);
      i += m[0].length;
      continue;
    }
    prose += s[i];
    i++;
  }
  return { code, prose };
}

describe('Slack: inline code is mrkdwn code, escaped like the rest', () => {
  it('prompt, options and explanation keep their code; hostile code is escaped inside the span', () => {
    const msg = renderSlack(revealView(round({}), { total: 0, perOption: {}, firstCorrect: [] }, opts));
    const mrkdwn = msg.blocks.flatMap((b: Record<string, any>) => [b.text, ...(b.elements ?? [])]).filter((t) => t?.type === 'mrkdwn').map((t) => t.text as string);
    const all = mrkdwn.join('\n');
    expect(all).toContain('Use `sam` with `--guided`.');
    expect(all).toContain('*A)* `sam build`');
    expect(all).toContain('ping `@everyone` or `&lt;!channel&gt;` or `&lt;/a&gt;`');
    expect(all).toContain('&gt; `sam deploy --guided` writes `samconfig.toml`.');
    for (const t of [...mrkdwn, msg.text]) expect(t).not.toMatch(/<[!@#/]/);
  });

  it('code that holds a backtick has no mrkdwn form: its characters are shown, without the fence, backticks as U+02CB', () => {
    expect(slackText('`` echo `date` `` and a ` that never closes')).toBe('echo \u02CBdate\u02CB and a ` that never closes');
    // A raw backtick in such code would pair with the next span's: `z` is the only code here.
    expect(slackText('`` x`y `` then `z`')).toBe('x\u02CBy then `z`');
    // Raw, ``` would open a mrkdwn code block (unclosed in an option, swallowing the prose of a prompt).
    expect(slackText('`` ``` ``')).toBe('\u02CB\u02CB\u02CB');
  });

  it('a prompt naming ``` in inline code before a real block: only the block is code', () => {
    const prompt = 'Which sequence opens a fenced block, `` ``` `` or `~~~`? Given:\n```md\n# Title\n```';
    const out = slackText(prompt);
    expect(out).toBe('Which sequence opens a fenced block, \u02CB\u02CB\u02CB or `~~~`? Given:\n```\n# Title\n```');
    // Slack reads ``` anywhere as a fence: the only ones are the block's two lines.
    expect(out.match(/```/g)).toHaveLength(2);
    const msg = renderSlack(questionView(round({ prompt, options: [{ id: 'A', text: '`` ``` ``' }, { id: 'B', text: '`~~~`' }] }), opts));
    const all = msg.blocks.flatMap((b: Record<string, any>) => [b.text, ...(b.elements ?? [])]).filter((t) => t?.type === 'mrkdwn').map((t) => t.text as string).join('\n');
    expect(all).toContain('*A)* \u02CB\u02CB\u02CB');
    expect(all.match(/```/g)).toHaveLength(2);
    expect(slackText('`<@U1>` & <b>')).toBe('`&lt;@U1&gt;` &amp; &lt;b&gt;');
  });

  it('checkbox labels (plain text) show the code without backticks', () => {
    const msg = renderSlack(questionView(round({}), opts));
    const labels = msg.blocks.flatMap((b: Record<string, any>) => b.elements ?? []).flatMap((e: Record<string, any>) => e.options ?? []).map((o: Record<string, any>) => o.text.text);
    expect(labels).toEqual(['A) sam build', 'B) sam deploy --guided', 'C) ping @everyone or &lt;!channel&gt; or &lt;/a&gt;', 'D) echo `date` and a ` that never closes']);
  });
});

describe('Discord: a well-formed code span is sent as code, everything else stays escaped', () => {
  it.each([
    ['run `sam build` now', 'run `sam build` now'],
    ['**bold** `code` _it_', '\\*\\*bold\\*\\* `code` \\_it\\_'],
    ['`*not bold* _x_ ||spoiler|| # no`', '`*not bold* _x_ ||spoiler|| # no`'],
    ['`` echo `date` ``', '`` echo `date` ``'],
    ['`` `x-amz-date` ``', '`` `x-amz-date` ``'],
    // Three backticks would open a code block: code holding two in a row is escaped text instead.
    ['```a``b```', 'a\\`\\`b'],
    ['a ` that never closes', 'a \\` that never closes'],
    ['`` opened with two, closed with one `', '\\`\\` opened with two, closed with one \\`'],
    ['see `https://docs.aws.amazon.com/x_y`', 'see `https://docs.aws.amazon.com/x_y`'],
  ])('%j -> %j', (text, expected) => {
    expect(escapeDiscord(text)).toBe(expected);
  });

  it('mentions inside code are broken like everywhere else, and nothing pings', () => {
    expect(escapeDiscord('`@everyone` `@here`')).toBe('`@\u200beveryone` `@\u200bhere`');
    expect(escapeDiscord('`<@123>` `<@&456>` `<#789>` `</a>` `<!channel>`')).toBe('`<\u200b@123>` `<\u200b@&456>` `<\u200b#789>` `<\u200b/a>` `<!channel>`');
    const body = toRestBody(renderDiscord(questionView(round({}), opts)), 'create');
    // Component labels are plain text, never read for mentions; every markdown text is neutralised.
    expect(JSON.stringify(body.embeds)).not.toMatch(/@(everyone|here)|<@[!&]?\d|<#\d/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(validateMessageBody(body as Record<string, unknown>)).toEqual([]);
  });

  it('the question: code in the embed, plain code in the select labels', () => {
    const msg = renderDiscord(questionView(round({}), opts));
    const description = msg.embeds[0]!.description!;
    expect(description).toContain('Use `sam` with `--guided`.');
    expect(description).toContain('**A)** `sam build`');
    expect(description).toContain('**D)** `` echo `date` `` and a \\` that never closes');
    const select = msg.components.flatMap((r) => r.components).find((c) => c.type === 3) as { options: { label: string }[] };
    expect(select.options.map((o) => o.label)).toEqual(['A) sam build', 'B) sam deploy --guided', 'C) ping @everyone or <!channel> or </a>', 'D) echo `date` and a ` that never closes']);
  });

  it('whatever the text, Discord reads back exactly its code spans as code and the rest as the same words', () => {
    const piece = fc.oneof(
      fc.constantFrom('`', '``', '```', '\\', '*', '_', '~', '|', '>', '# ', '- ', '1. ', '@everyone', '<@123>', '</a>', '<!channel>', '\n', ' '),
      fc.string({ maxLength: 6 }),
      fc.string({ maxLength: 8 }).map(codeSpan),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((xs) => xs.join('')), (text) => {
        fc.pre(!/https?:\/\//.test(text));
        // Fenced code blocks are read on their own (test/adapters/code-blocks.test.ts).
        fc.pre(!splitCodeBlocks(text).some((s) => s.block));
        const out = escapeDiscord(text);
        expect(out).not.toMatch(/@(everyone|here)|<@[!&]?\d|<#\d/);
        expect(out).not.toContain('```');
        const read = readDiscord(out.replace(ZWSP, ''));
        const expected = { code: [] as string[], prose: '' };
        for (const part of splitCodeSpans(text)) {
          if (part.code !== undefined && !/``/.test(part.code)) expected.code.push(part.code);
          else expected.prose += part.code ?? part.text;
        }
        expect(read).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('console: the backticks are shown as written', () => {
  it('prompt and options read as in the note', () => {
    const out = renderConsole(questionView(round({}), opts));
    expect(out).toContain('Use `sam` with `--guided`.');
    expect(out).toContain('A) `sam build`');
  });

  it('a plain view renders the same everywhere without code', () => {
    const view: MessageView = { text: 'no code', blocks: [{ type: 'text', text: 'no code here' }] };
    expect(renderConsole(view)).toBe('no code here');
    expect(renderDiscord(view).embeds[0]!.description).toBe('no code here');
  });
});
