// The core's command description (CommandSpec) is what Slack's manifest and Discord's slash
// command registration are built from. Every schedule setting the parser understands must be
// reachable from Discord's named options, and the rebuilt text must parse to the same setting
// a Slack user gets by typing it.

import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSlashCommands, commandText } from '../../adapters/discord/commands.js';
import { buildManifest } from '../../adapters/slack/manifest.js';
import { DeckLibrary, explain } from '../../src/content/index.js';
import type { CommandSpec } from '../../src/quiz/api.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { QuizStore } from '../../src/quiz/store.js';
import { parseScheduleArgs } from '../../src/schedule/settings.js';

describe('the core command spec, as Slack and Discord build it', () => {
  let specs: CommandSpec[];
  let isDeck: (id: string) => boolean;
  let bot: ReturnType<typeof createStudybot>;

  beforeAll(async () => {
    const decks = await DeckLibrary.load('content', { log: pino({ level: 'silent' }) });
    // commands() reads only the deck library; the store is never touched.
    bot = createStudybot({ store: {} as QuizStore, decks, explain, log: pino({ level: 'silent' }) });
    specs = bot.commands();
    isDeck = (id) => !!decks.byId(id);
  });

  it('schedule offers time, timezone, days, deck and close on Discord', () => {
    const [apigw] = buildSlashCommands(specs);
    const schedule = (apigw!.options as any[]).find((o) => o.name === 'schedule');
    expect(schedule.options.map((o: any) => o.name)).toEqual(['time', 'timezone', 'days', 'deck', 'close']);
    expect(schedule.options.find((o: any) => o.name === 'deck').autocomplete).toBe(true);
  });

  it('the schedule deck option autocompletes deck ids', async () => {
    const channel = { platform: 'discord' as const, workspace: 'G1', channel: 'C1' };
    const user = { platform: 'discord' as const, workspace: 'G1', id: 'U1', name: 'u', isAdmin: true };
    const choices = await bot.autocomplete({ channel, user, command: specs[0]!.name, subcommand: 'schedule', option: 'deck', partial: '' });
    expect(choices.map((c) => c.value)).toContain(specs[0]!.deckId);
    expect(choices.every((c) => isDeck(c.value))).toBe(true);
  });

  it("Discord's options rebuild the text a Slack user types, and it parses to the same setting", () => {
    const spec = specs[0]!;
    const fromDiscord = commandText(spec, 'schedule', [
      { name: 'close', value: '90m' },
      { name: 'deck', value: spec.deckId },
      { name: 'days', value: 'mon-fri' },
      { name: 'time', value: '09:30' },
      { name: 'timezone', value: 'Europe/Berlin' },
    ]);
    expect(fromDiscord).toBe(`schedule 09:30 Europe/Berlin mon-fri ${spec.deckId} close 90m`);
    const typedInSlack = `09:30 Europe/Berlin mon-fri ${spec.deckId} close 90m`;
    const parsed = parseScheduleArgs(fromDiscord.replace(/^schedule /, ''), isDeck);
    expect(parsed).toEqual(parseScheduleArgs(typedInSlack, isDeck));
    expect(parsed).toMatchObject({ kind: 'set', deckId: spec.deckId, closeAfterMinutes: 90, zone: 'Europe/Berlin', time: { hour: 9, minute: 30 } });
  });

  it("Slack's manifest lists every deck command with a usage hint naming the schedule options", () => {
    const manifest = buildManifest({ commands: specs }) as any;
    const commands = manifest.features.slash_commands as any[];
    expect(commands.map((c) => c.command)).toEqual(specs.map((s) => `/${s.name}`));
    expect(commands[0].usage_hint).toMatch(/\[deck\] \[close\]/);
  });
});
