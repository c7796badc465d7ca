import { describe, expect, it } from 'vitest';
import { runManifestCli } from '../../adapters/slack/manifest-cli.js';
import { SLACK_BOT_SCOPES, URL_PLACEHOLDER, buildManifest, routeDeckCommand, usageHint } from '../../adapters/slack/manifest.js';
import { hasLoneSurrogate, slackManifestProblems } from '../../src/content/platform-limits.js';
import { contentFolder, deckNote } from '../content/platform-decks.js';
import type { CommandSpec } from '../../src/quiz/api.js';

const spec = (name: string): CommandSpec => ({
  name,
  description: `${name} deck`,
  deckId: name,
  subcommands: [
    { name: 'explain', description: 'Explain', options: [{ name: 'concept', description: 'c', required: false }] },
    { name: 'quiz', description: 'Quiz', options: [] },
    { name: 'schedule', description: 'Schedule', options: [{ name: 'time', description: 't', required: true }] },
  ],
});

describe('Slack app manifest', () => {
  it('has one slash command per deck, interactivity and exactly the scopes the code uses', () => {
    const m = buildManifest({ commands: [spec('apigw'), spec('lambda')], requestUrl: 'https://bot.example.com/slack/events' }) as any;
    expect(m.features.slash_commands.map((c: any) => [c.command, c.url, c.usage_hint, c.should_escape])).toEqual([
      ['/apigw', 'https://bot.example.com/slack/events', 'explain [concept] | quiz | schedule <time>', true],
      ['/lambda', 'https://bot.example.com/slack/events', 'explain [concept] | quiz | schedule <time>', true],
    ]);
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://bot.example.com/slack/events' });
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'users:read', 'channels:history', 'groups:history', 'files:write']);
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('uses a placeholder URL by default and no URLs in Socket Mode', () => {
    expect((buildManifest({ commands: [spec('apigw')] }) as any).settings.interactivity.request_url).toBe(URL_PLACEHOLDER);
    const socket = buildManifest({ commands: [spec('apigw')], socketMode: true }) as any;
    expect(socket.settings).toMatchObject({ socket_mode_enabled: true, interactivity: { is_enabled: true } });
    expect(socket.settings.interactivity.request_url).toBeUndefined();
    expect(socket.features.slash_commands[0].url).toBeUndefined();
  });

  it('keeps the usage hint within Slack’s 1,000 characters', () => {
    const many = { subcommands: Array.from({ length: 200 }, (_, i) => ({ name: `sub${i}`, description: '', options: [] })) };
    expect(usageHint(many).length).toBeLessThanOrEqual(1000);
  });

  it('the scope list matches the Web API methods the adapter calls', async () => {
    const { readFile, readdir } = await import('node:fs/promises');
    const dir = new URL('../../adapters/slack/', import.meta.url);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts'));
    const sources = await Promise.all(files.map((f) => readFile(new URL(f, dir), 'utf8')));
    // Every `<something>.<family>.<method>(` call on a WebClient, in every file of the adapter.
    const called = new Set(
      [...sources.join('\n').matchAll(/\.(chat|users|views|conversations|reactions|files|im|auth)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`),
    );
    // The scope each method needs (Slack's method pages). null: no scope. `optional`: the code works
    // without it and the manifest does not ask for it.
    const scopeOf: Record<string, string | null | { optional: string }> = {
      'chat.postMessage': 'chat:write',
      'chat.update': 'chat:write',
      'chat.postEphemeral': 'chat:write',
      'users.info': 'users:read',
      // Modals: views.open needs no scope, only the trigger_id of an interaction.
      'views.open': null,
      // post-once.ts: looks for a post whose response was lost (public and private channels).
      'conversations.history': 'channels:history',
      // upload-image.ts: chart pictures (files.getUploadURLExternal + files.completeUploadExternal).
      'files.uploadV2': 'files:write',
    };
    expect([...called].filter((m) => !(m in scopeOf))).toEqual([]);
    expect(called).toContain('views.open');
    expect(called).toContain('files.uploadV2');
    const needed = new Set([...called].map((m) => scopeOf[m]).filter((s): s is string => typeof s === 'string'));
    // chat.* → chat:write (+ chat:write.public for channels not joined), users.info → users:read, slash commands → commands,
    // conversations.history → channels:history (+ groups:history for private channels).
    expect([...SLACK_BOT_SCOPES].sort()).toEqual([...needed, 'chat:write.public', 'commands', 'groups:history'].sort());
  });
});

describe('npm run slack:manifest', () => {
  it('prints a manifest with the real deck commands from the content folder', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'adapters/slack/manifest-cli.ts', '--url', 'https://bot.example.com/slack/events'],
      { cwd: new URL('../..', import.meta.url).pathname },
    );
    const m = JSON.parse(stdout);
    expect(slackManifestProblems(m)).toEqual([]);
    expect(m.features.slash_commands.map((c: any) => [c.command, c.url])).toEqual([['/apigw', 'https://bot.example.com/slack/events']]);
    expect(m.features.slash_commands[0].usage_hint).toMatch(/^explain \[concept\] \| quiz/);
    expect(m.settings.interactivity.request_url).toBe('https://bot.example.com/slack/events');
  });
});

describe('the manifest against Slack’s limits', () => {
  const cli = async (args: string[], env: Record<string, string | undefined> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runManifestCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('cuts a long description at a grapheme, never half an emoji', () => {
    const m = buildManifest({ commands: [{ ...spec('apigw'), description: `${'x'.repeat(1998)}😀😀` }] }) as any;
    const description: string = m.features.slash_commands[0].description;
    expect(description.length).toBeLessThanOrEqual(2000);
    expect(hasLoneSurrogate(description)).toBe(false);
    expect(slackManifestProblems(m)).toEqual([]);
  });

  it('51 decks: exit 1 and no manifest; with --single-command study: one /study command', async () => {
    const dir = contentFolder(51);
    const refused = await cli(['--content', dir]);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/deck-051\.md:1: error: Slack: 51 decks make 51 slash commands; an app may have 50/);
    expect(refused.err).toContain('manifest: 51 slash commands; Slack allows 50');

    const single = await cli(['--content', dir, '--single-command', 'study']);
    expect(single.code).toBe(0);
    const m = JSON.parse(single.out);
    expect(slackManifestProblems(m)).toEqual([]);
    expect(m.features.slash_commands).toHaveLength(1);
    expect(m.features.slash_commands[0]).toMatchObject({ command: '/study', should_escape: true });
    expect(m.features.slash_commands[0].usage_hint).toMatch(/^<deck> explain \[concept\]/);
  }, 60_000);

  it('refuses a 32-character deck command, a Slack built-in, and an app name over 35', async () => {
    const long = await cli(['--content', contentFolder(0, { 'long.md': deckNote('Long', 'b'.repeat(32)) })]);
    expect(long.code).toBe(1);
    expect(long.err).toContain(`Slack: /${'b'.repeat(32)} is 33 characters; Slack allows 32 including the slash`);
    expect(long.err).toContain(`manifest: /${'b'.repeat(32)}: 33 characters > 32 (slash included)`);

    const builtin = await cli(['--content', contentFolder(0, { 'topic.md': deckNote('Topic', 'topic') })]);
    expect(builtin.code).toBe(1);
    expect(builtin.err).toContain("Slack: /topic is one of Slack's built-in commands");

    const name = await cli(['--content', contentFolder(1), '--name', 'n'.repeat(36)]);
    expect(name.code).toBe(1);
    expect(name.err).toContain('manifest: app name: 36 characters, Slack allows 1–35');
    expect((await cli(['--content', contentFolder(1), '--name', 'n'.repeat(35)])).code).toBe(0);
  });

  it('reads CONTENT_DIR like the bot (not STUDYBOT_CONTENT)', async () => {
    const r = await cli([], { CONTENT_DIR: contentFolder(2), STUDYBOT_CONTENT: 'content' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).features.slash_commands.map((c: any) => c.command)).toEqual(['/deck-001', '/deck-002']);
  });

  it('routes the single command to the deck named first', () => {
    const specs = [spec('apigw'), spec('lambda')];
    expect(routeDeckCommand(specs, '/study', 'lambda quiz 3')).toEqual({ command: 'lambda', text: 'quiz 3' });
    expect(routeDeckCommand(specs, 'study', '  apigw report 2 the answer\nis wrong')).toEqual({ command: 'apigw', text: 'report 2 the answer\nis wrong' });
    expect(routeDeckCommand(specs, '/apigw', 'quiz')).toEqual({ command: 'apigw', text: 'quiz' });
    expect(routeDeckCommand(specs, '/study', 'nope quiz')).toEqual({ command: 'study', text: 'nope quiz' });
  });
});
