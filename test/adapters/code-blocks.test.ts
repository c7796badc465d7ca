// Code blocks from the notes through the real renderers: Slack mrkdwn ``` blocks, Discord ```lang
// blocks, the console's fenced text. A block cut by a platform limit is closed and opened again, a
// truncated one is closed, code holding ``` cannot break out, and mentions inside code stay inert.
import { describe, expect, it } from 'vitest';
import { renderView as renderConsole } from '../../adapters/console/render.js';
import { DISCORD_LIMITS, escapeDiscord, renderView as renderDiscord, toRestBody } from '../../adapters/discord/render.js';
import { SLACK_LIMITS, renderView as renderSlack, slackText, splitText, truncate } from '../../adapters/slack/render.js';
import { fenceFor } from '../../src/content/code-blocks.js';
import { splitCodeSpans } from '../../src/content/code-spans.js';
import { clip, oneLine } from '../../src/quiz/view-text.js';
import type { MessageView } from '../../src/quiz/views.js';
import { validateMessageBody } from '../fakes/discord-api.js';

const YAML = 'Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod';
const HOSTILE = 'echo <!channel> <@U1> @everyone @here <#C1> </a>\n```\nnot the end\n````\n*bold* _it_ ~s~ |x| > q';
/** A block as content text writes it: a fence longer than any backtick run in the code. */
const fenced = (code: string, lang = '') => `${fenceFor(code)}${lang}\n${code}\n${fenceFor(code)}`;
const concept = (text: string): MessageView => ({
  text: 'Stage variables',
  blocks: [
    { type: 'heading', text: 'Stage variables' },
    { type: 'text', text, style: 'quote' },
  ],
});
/** A long YAML document: every line indented, numbered so a lost or doubled line shows. */
const longYaml = Array.from({ length: 400 }, (_, i) => `${' '.repeat(2 + (i % 3) * 2)}key${i}: value-${i}`).join('\n');

/** Slack: the code lines of every ``` block in the mrkdwn sections, in order (fence lines never inside). */
function slackCode(sections: string[]): { lines: string[]; balanced: boolean } {
  const lines: string[] = [];
  let balanced = true;
  for (const s of sections) {
    let inside = false;
    for (const line of s.split('\n')) {
      if (line === '```') inside = !inside;
      else if (inside) lines.push(line);
    }
    if (inside) balanced = false;
  }
  return { lines, balanced };
}

const sectionTexts = (view: MessageView) =>
  renderSlack(view).blocks.flatMap((b) => ('text' in b && b.text && typeof b.text === 'object' && 'text' in b.text ? [b.text.text as string] : []));

describe('Slack', () => {
  it('a block is a mrkdwn ``` block: indentation kept, prose quoted around it, code not', () => {
    const [, section] = sectionTexts(concept(`Read with:\n\`\`\`yaml\n${YAML}\n\`\`\`\nThen deploy.`));
    expect(section).toBe(`&gt; Read with:\n\`\`\`\n${YAML}\n\`\`\`\n&gt; Then deploy.`);
  });

  it('hostile code stays inside its block and inert: <>& escaped, no ``` run left, nothing formatted outside', () => {
    const out = slackText(`Try:\n${fenced(HOSTILE)}\nafter`);
    expect(out.split('\n').filter((l) => l === '```')).toHaveLength(2);
    expect(out).toContain('echo &lt;!channel&gt; &lt;@U1&gt; @everyone');
    expect(out).not.toMatch(/<!channel>|<@U1>/);
    expect(out.endsWith('```\nafter')).toBe(true);
    expect(out.replace(/\u200b/g, '')).toContain('\n```\nnot the end\n````\n');
    // A stray fence in prose opens nothing.
    expect(slackText('```\nnever closed <!here>')).toBe('`\u200b`\u200b`\nnever closed &lt;!here&gt;');
  });

  it('a long block is split across sections: each closed and reopened, every line once, indentation kept', () => {
    const sections = sectionTexts(concept(`Template:\n\`\`\`yaml\n${longYaml}\n\`\`\`\nDone.`));
    expect(sections.length).toBeGreaterThan(3);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    const code = slackCode(sections);
    expect(code.balanced).toBe(true);
    expect(code.lines).toEqual(longYaml.split('\n'));
    expect(sections.at(-1)!.endsWith('```\n&gt; Done.')).toBe(true);
  });

  it('splitting plain text still splits as before, and a truncated block is closed', () => {
    expect(splitText('a b c\nd e f', 6)).toEqual(['a b c', 'd e f']);
    const cut = truncate(slackText(`x\n\`\`\`\n${longYaml}\n\`\`\``), 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut.endsWith('…\n```')).toBe(true);
    expect(slackCode([cut]).balanced).toBe(true);
  });
});

/** Discord: the lines of every code block in a markdown text; fence lines are the ones starting with ```. */
function discordCode(markdown: string): { lines: string[]; langs: string[]; balanced: boolean } {
  const lines: string[] = [];
  const langs: string[] = [];
  let inside = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      if (!inside) langs.push(line.slice(3));
      inside = !inside;
    } else if (inside) lines.push(line);
  }
  return { lines, langs, balanced: !inside };
}

describe('Discord', () => {
  it('a block is a ```lang block, left out of the quote; the prose around it is escaped', () => {
    const description = renderDiscord(concept(`Read *with*:\n\`\`\`yaml\n${YAML}\n\`\`\``)).embeds[0]!.description!;
    expect(description).toBe(`> Read \\*with\\*:\n\`\`\`yaml\n${YAML}\n\`\`\``);
  });

  it('hostile code cannot break out or ping; an unusable language is left out', () => {
    const out = escapeDiscord(`${fenced(HOSTILE, 'bad{lang}')}\n\`\`\`js\n@everyone\n\`\`\``);
    const code = discordCode(out);
    expect(code.balanced).toBe(true);
    expect(code.langs).toEqual(['', 'js']);
    expect(out).not.toMatch(/@(everyone|here)|<[@#/]/);
    expect(code.lines.join('\n').replace(/\u200b/g, '')).toBe(`${HOSTILE}\n@everyone`);
    const body = toRestBody(renderDiscord(concept(fenced(HOSTILE))), 'create');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(validateMessageBody(body as Record<string, unknown>)).toEqual([]);
  });

  it('a block cut by the embed limit is closed; the lines kept are the first ones, indentation intact', () => {
    const huge = `${longYaml}\n${longYaml}`;
    const description = renderDiscord(concept(`Template:\n\`\`\`yaml\n${huge}\n\`\`\``)).embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(description.endsWith('\n```')).toBe(true);
    const code = discordCode(description);
    expect(code.balanced).toBe(true);
    expect(code.lines.length).toBeGreaterThan(50);
    const kept = code.lines.slice(0, -1);
    expect(kept).toEqual(huge.split('\n').slice(0, kept.length));
  });

  it('a plain-content message cut at 2,000 closes its block', () => {
    const content = renderDiscord({ text: `Code:\n\`\`\`\n${longYaml}\n\`\`\``, blocks: [] }).content;
    expect(content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(discordCode(content).balanced).toBe(true);
  });
});

describe('console and the core', () => {
  it('the console shows the fenced block unquoted, indentation kept', () => {
    expect(renderConsole(concept(`Read:\n\`\`\`yaml\n${YAML}\n\`\`\`\nok`))).toBe(`Stage variables\n\n> Read:\n\`\`\`yaml\n${YAML}\n\`\`\`\n> ok`);
  });

  it('clip closes a block it cuts; oneLine shows a block as inline code', () => {
    const clipped = clip(`Code:\n\`\`\`\`yaml\n${longYaml}\n\`\`\`\``, 300);
    expect(clipped.endsWith('…\n````')).toBe(true);
    expect(oneLine('See:\n```json\n{\n  "a": 1\n}\n```')).toBe('See: `{ "a": 1 }`');
  });
});

describe('clip and oneLine never leave a code span open', () => {
  it('a cut inside a span closes it with its fence after the "…", within max', () => {
    const text = 'Run `sam deploy --guided --stack-name app` then `sam logs`';
    const clipped = clip(text, 20);
    expect(clipped).toBe('Run `sam deploy --…`');
    expect(clipped.length).toBeLessThanOrEqual(20);
    expect(splitCodeSpans(clipped).map((p) => p.code)).toEqual([undefined, 'sam deploy --…']);
    // Its backtick no longer pairs with a later one (a mistakes list joins such lines).
    expect(splitCodeSpans(`${oneLine(text, 20)} and \`x\``).filter((p) => p.code !== undefined).map((p) => p.code)).toEqual(['sam deploy --…', 'x']);
    expect(clip('a `` x`y and more code here ``', 12)).toBe('a `` x`y …``');
    expect(splitCodeSpans('a `` x`y …``')[1]).toMatchObject({ code: ' x`y …', fence: 2 });
  });

  it('a cut in the fence, or before any code, cuts before the span', () => {
    expect(clip('Some words then ``code``', 18)).toBe('Some words then…');
    expect(clip('Some words `code`', 13)).toBe('Some words…');
    // Outside spans, and inside blocks, as before.
    expect(clip('plain words and more', 10)).toBe('plain wor…');
    expect(clip('Code:\n```\nx `y\nz `w`\n```', 16)).toBe('Code:\n```\nx `y\n…\n```');
  });
});
