import { describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES, URL_PLACEHOLDER, buildManifest, usageHint } from '../../adapters/slack/manifest.js';
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
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'users:read', 'channels:history', 'groups:history']);
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
    };
    expect([...called].filter((m) => !(m in scopeOf))).toEqual([]);
    expect(called).toContain('views.open');
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
    expect(m.features.slash_commands.map((c: any) => [c.command, c.url])).toEqual([['/apigw', 'https://bot.example.com/slack/events']]);
    expect(m.features.slash_commands[0].usage_hint).toMatch(/^explain \[concept\] \| quiz/);
    expect(m.settings.interactivity.request_url).toBe('https://bot.example.com/slack/events');
  });
});
