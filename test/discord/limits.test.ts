// Discord's application-command limits on what discord:register generates, the single command
// (`/study <subcommand> deck:<deck>`) for many decks, and its routing through the adapter.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSingleCommand, buildSlashCommands } from '../../adapters/discord/commands.js';
import { registerCommands } from '../../adapters/discord/register-cli.js';
import { discordCommandProblems, hasLoneSurrogate } from '../../src/content/platform-limits.js';
import type { CommandSpec } from '../../src/quiz/api.js';
import { startFakeDiscord } from '../fakes/discord-api.js';
import { contentFolder } from '../content/platform-decks.js';
import { APIGW_SPEC, APP_ID, GUILD, ScriptedBot, TOKEN, callbackOf, startHarness, type Harness } from './support.js';

const run = promisify(execFile);
const specN = (i: number): CommandSpec => ({ ...APIGW_SPEC, name: `deck-${i}`, deckId: `deck-${i}`, description: `Deck number ${i}` });
const specs = (n: number) => Array.from({ length: n }, (_, i) => specN(i + 1));

describe('generated commands against Discord’s limits', () => {
  it('cuts descriptions at a grapheme: no half surrogate pair near the 100 limit', () => {
    const [cmd] = buildSlashCommands([{ ...APIGW_SPEC, description: `${'x'.repeat(98)}😀😀 more` }]);
    expect(cmd!.description.length).toBeLessThanOrEqual(100);
    expect(hasLoneSurrogate(cmd!.description)).toBe(false);
    expect(discordCommandProblems([cmd!])).toEqual([]);
  });

  it('the real deck commands and 100 decks pass; 101 decks are refused before anything is sent', async () => {
    expect(discordCommandProblems(buildSlashCommands(specs(100)))).toEqual([]);
    expect(discordCommandProblems(buildSlashCommands(specs(101)))).toEqual(['101 chat-input commands; Discord allows 100 per scope']);
    const fake = await startFakeDiscord({ token: TOKEN, applicationId: APP_ID });
    try {
      await expect(registerCommands({ token: TOKEN, applicationId: APP_ID, guildId: GUILD, apiUrl: fake.apiUrl, specs: specs(101) })).rejects.toThrow(
        /Discord would refuse these commands:\n {2}101 chat-input commands/,
      );
      expect(fake.calls.filter((c) => c.method === 'PUT')).toEqual([]);
      const single = await registerCommands({ token: TOKEN, applicationId: APP_ID, guildId: GUILD, apiUrl: fake.apiUrl, specs: specs(101), singleCommand: 'study' });
      expect(single.registered).toEqual(['study']);
      expect(fake.commands.get(GUILD)!.map((c) => c.name)).toEqual(['study']);
    } finally {
      await fake.close();
    }
  });

  it('the single command: every subcommand takes the deck first (choices up to 25 decks, autocomplete beyond)', () => {
    const many = buildSingleCommand('study', specs(300));
    expect(discordCommandProblems([many])).toEqual([]);
    const subs = many.options as any[];
    expect(subs.map((s) => s.name)).toEqual(APIGW_SPEC.subcommands.map((s) => s.name));
    for (const sub of subs) expect(sub.options[0]).toMatchObject({ name: 'deck', type: 3, required: true, autocomplete: true });
    const few = buildSingleCommand('study', specs(3));
    expect((few.options as any[])[0].options[0].choices).toEqual([
      { name: 'Deck number 1', value: 'deck-1' },
      { name: 'Deck number 2', value: 'deck-2' },
      { name: 'Deck number 3', value: 'deck-3' },
    ]);
    expect((few.options as any[]).find((s) => s.name === 'schedule').options.map((o: any) => o.name)).toEqual(['deck', 'time', 'timezone', 'weekdays']);
  });
});

describe('the single command through the adapter', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('routes /study <sub> deck:<deck> to that deck, answers the deck autocomplete, refuses an unknown deck', async () => {
    const bot = new ScriptedBot();
    bot.specs = [APIGW_SPEC, specN(7)];
    bot.onAutocomplete = () => [{ name: 'Stage variables', value: 'stage-variables' }];
    h = await startHarness(bot);
    const { fake, adapter } = h;
    const send = async (payload: any) => {
      const call = await callbackOf(fake, fake.dispatchInteraction(payload));
      await adapter.idle();
      return call;
    };
    await send(fake.payloads.chatInput({ command: 'study', subcommand: 'quiz', options: { deck: 'deck-7' } }));
    await send(fake.payloads.chatInput({ command: 'study', subcommand: 'explain', options: { deck: 'apigw', concept: 'stage' } }));
    expect(bot.commandsSeen.map((c) => [c.command, c.text])).toEqual([
      ['deck-7', 'quiz'],
      ['apigw', 'explain stage'],
    ]);

    const unknown = await send(fake.payloads.chatInput({ command: 'study', subcommand: 'quiz', options: { deck: 'nope' } }));
    expect(unknown.body.data.content).toContain('"nope" is not one of my decks');
    expect(bot.commandsSeen).toHaveLength(2);

    const deckChoices = await send(fake.payloads.autocomplete({ command: 'study', subcommand: 'quiz', focused: 'deck', value: 'deck-' }));
    expect(deckChoices.body.data.choices).toEqual([{ name: 'deck-7 · Deck number 7', value: 'deck-7' }]);
    const concept = await send(fake.payloads.autocomplete({ command: 'study', subcommand: 'explain', focused: 'concept', value: 'st', options: { deck: 'apigw' } }));
    expect(concept.body.data.choices).toEqual([{ name: 'Stage variables', value: 'stage-variables' }]);
    expect(bot.autocompletesSeen).toEqual([expect.objectContaining({ command: 'apigw', subcommand: 'explain', option: 'concept', partial: 'st' })]);
  });
});

describe('npm run discord:register and the limits', () => {
  const cli = (args: string[], contentDir: string) =>
    run(process.execPath, ['--import', 'tsx', 'adapters/discord/register-cli.ts', ...args], {
      env: { PATH: process.env.PATH, STUDYBOT_ENV_FILE: '/nonexistent.env', CONTENT_DIR: contentDir },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('101 decks: exit 1 naming the limit, nothing printed; --single-command study: one command', async () => {
    const dir = contentFolder(101);
    const refused = await cli(['--dry-run'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/deck-101\.md:1: error: Discord: 101 decks make 101 slash commands; a bot may register 100 per scope/);
    const single = await cli(['--dry-run', '--single-command', 'study'], dir);
    expect(single.code).toBe(0);
    expect(JSON.parse(single.stdout).map((c: any) => c.name)).toEqual(['study']);
  }, 60_000);
});
