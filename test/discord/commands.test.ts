import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSlashCommands, commandText, discordName } from '../../adapters/discord/commands.js';
import { inviteUrl, registerCommands, specsFromContent } from '../../adapters/discord/register-cli.js';
import type { CommandSpec } from '../../src/quiz/api.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.js';
import { APIGW_SPEC, APP_ID, GUILD, TOKEN } from './support.js';

describe('slash command building', () => {
  it('builds one command per deck with subcommands and typed options', () => {
    const [cmd] = buildSlashCommands([APIGW_SPEC]);
    expect(cmd!.name).toBe('apigw');
    expect(cmd!.contexts).toEqual([0]);
    const subs = cmd!.options as any[];
    expect(subs.map((s) => [s.type, s.name])).toEqual([
      [1, 'explain'], [1, 'quiz'], [1, 'practice'], [1, 'leaderboard'], [1, 'stats'], [1, 'schedule'], [1, 'help'],
    ]);
    const byName = Object.fromEntries(subs.map((s) => [s.name, s]));
    expect(byName.explain.options).toEqual([expect.objectContaining({ type: 3, name: 'concept', autocomplete: true, required: false })]);
    expect(byName.leaderboard.options[0].choices).toEqual([
      { name: 'week', value: 'week' }, { name: 'month', value: 'month' }, { name: 'all', value: 'all' },
    ]);
    expect(byName.stats.options[0]).toMatchObject({ type: 6, name: 'user' });
    expect(byName.schedule.options.map((o: any) => o.name)).toEqual(['time', 'timezone', 'weekdays']);
  });

  it('puts required options first and cleans names to Discord rules', () => {
    const spec: CommandSpec = {
      name: 'My Deck!',
      description: 'x'.repeat(150),
      deckId: 'd',
      subcommands: [
        { name: 'Go', description: '', options: [{ name: 'b', description: 'b', required: false }, { name: 'a', description: 'a', required: true }] },
      ],
    };
    const [cmd] = buildSlashCommands([spec]);
    expect(cmd!.name).toBe('my-deck');
    expect(cmd!.description.length).toBeLessThanOrEqual(100);
    expect((cmd!.options as any[])[0].options.map((o: any) => o.name)).toEqual(['a', 'b']);
    expect(discordName('x'.repeat(40))).toHaveLength(32);
    expect(() => buildSlashCommands([spec, { ...spec, name: 'my deck' }])).toThrow(/two decks/);
  });

  it('rebuilds the core text in declared option order', () => {
    expect(commandText(APIGW_SPEC, 'schedule', [{ name: 'weekdays', value: 'mon-fri' }, { name: 'time', value: '09:00' }])).toBe('schedule 09:00 mon-fri');
    expect(commandText(APIGW_SPEC, 'stats', [{ name: 'user', value: '42', userId: '42' }])).toBe('stats <@42>');
    expect(commandText(undefined, null, [])).toBe('');
  });
});

describe('invite URL', () => {
  it('asks for the bot and applications.commands scopes and only the permissions the bot uses', () => {
    const url = new URL(inviteUrl(APP_ID));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(APP_ID);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel 1024 + Send Messages 2048 + Embed Links 16384 + Read Message History 65536 + Send Messages in Threads 2^38
    expect(url.searchParams.get('permissions')).toBe(String(1024 + 2048 + 16384 + 65536 + 2 ** 38));
  });
});

describe('registration', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TOKEN, applicationId: APP_ID });
  });
  afterAll(async () => fake?.close());

  it('builds the specs from the content folder without a database', async () => {
    const { specs } = await specsFromContent('content');
    expect(specs.map((s) => s.name)).toContain('apigw');
    expect(buildSlashCommands(specs).find((c) => c.name === 'apigw')).toBeDefined();
  });

  it('/apigw exam: questions, minutes (sent as `minutes <m>`), and show:last (a choice) for `exam last`', async () => {
    const { specs } = await specsFromContent('content');
    const apigw = specs.find((s) => s.name === 'apigw')!;
    const exam = (buildSlashCommands([apigw])[0]!.options as any[]).find((s) => s.name === 'exam');
    expect(exam.options.map((o: any) => [o.name, o.required, o.choices])).toEqual([
      ['questions', false, undefined],
      ['minutes', false, undefined],
      ['show', false, [{ name: 'last', value: 'last' }]],
    ]);
    expect(commandText(apigw, 'exam', [{ name: 'show', value: 'last' }])).toBe('exam last');
    expect(commandText(apigw, 'exam', [{ name: 'minutes', value: '30' }, { name: 'questions', value: '20' }])).toBe('exam 20 minutes 30');
    // minutes alone is a time limit, not a number of questions.
    expect(commandText(apigw, 'exam', [{ name: 'minutes', value: '30' }])).toBe('exam minutes 30');
  });

  it('registers to a guild when one is given, else globally (bulk overwrite)', async () => {
    const guild = await registerCommands({ token: TOKEN, applicationId: APP_ID, guildId: GUILD, apiUrl: fake.apiUrl, specs: [APIGW_SPEC] });
    expect(guild).toMatchObject({ scope: 'guild', registered: ['apigw'] });
    const [put] = fake.callsTo('PUT', `/applications/${APP_ID}/guilds/${GUILD}/commands`);
    expect(put!.authorized).toBe(true);
    expect(put!.body).toEqual(guild.commands);

    const global = await registerCommands({ token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, specs: [APIGW_SPEC] });
    expect(global.scope).toBe('global');
    expect(fake.callsTo('PUT', `/applications/${APP_ID}/commands`)).toHaveLength(1);
  });

  it('npm run discord:register: the CLI registers the content decks in the dev guild', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'adapters/discord/register-cli.ts'], {
      env: {
        ...process.env,
        STUDYBOT_ENV_FILE: '/nonexistent.env',
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_GUILD_ID: GUILD,
        DISCORD_API_URL: fake.apiUrl,
        CONTENT_DIR: 'content',
      },
    });
    expect(stdout).toMatch(/Registered \/apigw.* in guild 300000000000000001/);
    expect(fake.commands.get(GUILD)!.map((c) => c.name)).toContain('apigw');
    expect(stdout).not.toContain(TOKEN);
    expect(stdout).toContain(inviteUrl(APP_ID, GUILD));
  });
});
