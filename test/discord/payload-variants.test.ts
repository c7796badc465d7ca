// Real payload shapes (test/fixtures/payloads/discord/*.json and the fake's 'minimal' and DM
// variants) through the real discord.js client and the adapter: optional fields left out, DMs,
// cached guild members (GUILD_CREATE), full permission strings, hostile text, malformed dispatches.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordAdapter } from '../../adapters/discord/index.js';
import { FAILED_TEXT } from '../../adapters/discord/dispatch-guard.js';
import { failedEvents } from '../../src/ops/metrics.js';
import type { Reply } from '../../src/quiz/api.js';
import { snowflake, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../fakes/discord-api.js';
import { APP_ID, CHANNEL, GUILD, ScriptedBot, TOKEN, callbackOf } from './support.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/payloads/discord');
const fixture = (name: string): any => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/** A fixture interaction with a fresh id and token (the fake keys interactions by both). */
function interaction(name: string, patch: (d: any) => void = () => {}): any {
  const d = fixture(name);
  d.id = snowflake();
  d.token = `itoken-${snowflake()}`;
  d.application_id = APP_ID;
  patch(d);
  return d;
}

const say = (text: string): Reply[] => [{ visibility: 'private', view: { blocks: [{ type: 'text', text }] } } as Reply];

interface Setup {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  bot: ScriptedBot;
  logs: any[];
}
let open: Setup | undefined;

async function setup(fakeOptions: Omit<FakeDiscordOptions, 'token' | 'applicationId'> = {}): Promise<Setup> {
  const fake = await startFakeDiscord({ token: TOKEN, applicationId: APP_ID, ...fakeOptions });
  const logs: any[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const bot = new ScriptedBot();
  bot.onCommand = () => say('served by the core');
  bot.onAction = () => say('clicked');
  bot.onAutocomplete = () => [{ name: 'Stage variables', value: 'stage-variables' }];
  const adapter = await startDiscord({
    config: { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl },
    bot,
    log: pino({ level: 'debug' }, sink),
  });
  open = { fake, adapter, bot, logs };
  return open;
}

afterEach(async () => {
  if (!open) return;
  await open.adapter.stop();
  await open.fake.close();
  open = undefined;
});

async function dispatch(s: Setup, payload: any) {
  const id = s.fake.dispatchInteraction(payload);
  const call = await callbackOf(s.fake, id);
  await s.adapter.idle();
  return call;
}

describe('Discord payload variants (fixtures)', () => {
  it('answers the documentation example: no entitlements, no channel object, no context or owners', async () => {
    const s = await setup();
    const call = await dispatch(s, interaction('slash-command-documented.json'));
    expect(JSON.stringify(call.body.data)).toContain('served by the core');
    expect(s.bot.commandsSeen).toHaveLength(1);
    const inv = s.bot.commandsSeen[0]!;
    expect(inv.command).toBe('apigw');
    expect(inv.text).toBe('explain stage variables');
    // channel_id is used when the channel object is absent: a server channel, not "works in server channels".
    expect(inv.channel).toEqual({ platform: 'discord', workspace: GUILD, channel: CHANNEL });
    // Permissions "2147483647" include Administrator and Manage Server.
    expect(inv.user).toMatchObject({ id: '200000000000000001', name: 'alice', isAdmin: true });
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('takes every optional field: the nick as the name, options in order, no admin without Manage Server', async () => {
    const s = await setup();
    await dispatch(s, interaction('slash-command-full.json'));
    const inv = s.bot.commandsSeen[0]!;
    expect(inv.text).toBe('leaderboard month');
    expect(inv.user).toMatchObject({ id: '200000000000000002', name: 'bobby', isAdmin: false });
  });

  it('full permission strings: Administrator alone, and every bit set, count as admin', async () => {
    const s = await setup();
    await dispatch(s, interaction('slash-command-administrator.json'));
    await dispatch(s, interaction('slash-command-all-permissions.json'));
    expect(s.bot.commandsSeen.map((c) => [c.text, c.user.isAdmin, c.user.name])).toEqual([
      ['schedule off', true, 'carol'],
      ['reports', true, 'The Owner'],
    ]);
  });

  it('a DM interaction gets "works in server channels" and never reaches the core', async () => {
    const s = await setup();
    const call = await dispatch(s, interaction('slash-command-dm.json'));
    expect(call.body.type).toBe(4);
    expect(call.body.data.content).toContain('Studybot works in server channels');
    expect(call.body.data.flags).toBe(64);
    expect(s.bot.commandsSeen).toEqual([]);
  });

  it('a button click with channel_id but no channel object is handled in that channel', async () => {
    const s = await setup();
    const seeded = s.fake.seedMessage(CHANNEL, { guild_id: GUILD, content: 'question' });
    await dispatch(s, interaction('button-channel-id-only.json', (d) => (d.message.id = seeded.id)));
    expect(s.bot.actionsSeen).toHaveLength(1);
    const inv = s.bot.actionsSeen[0]!;
    expect(inv.actionId).toBe('a:42:B');
    expect(inv.channel.channel).toBe(CHANNEL);
    expect(inv.messageRef).toBe(`discord:${GUILD}:${CHANNEL}:${seeded.id}`);
  });

  it('autocomplete with minimal fields: answered, the typed text cleaned of control characters', async () => {
    const s = await setup();
    const call = await dispatch(s, interaction('autocomplete-documented.json'));
    expect(call.body.type).toBe(8);
    expect(call.body.data.choices).toEqual([{ name: 'Stage variables', value: 'stage-variables' }]);
    expect(s.bot.autocompletesSeen[0]).toMatchObject({ subcommand: 'explain', option: 'concept', partial: 'stage' });
  });

  it('cleans the member name and the modal text at the edge (NUL, bidi overrides, escapes)', async () => {
    const s = await setup();
    await dispatch(s, interaction('modal-submit-hostile.json'));
    const inv = s.bot.actionsSeen[0]!;
    expect(inv.actionId).toBe('r:42');
    expect(inv.values).toEqual(['Answer B is gnorw, see the docs[2J']);
    expect(inv.user.name).toBe('yrollam admin');
    expect(JSON.stringify(inv)).not.toMatch(/[\u0000\u001b\u202e\u202c]/);
  });

  it('cleans option values of slash commands', async () => {
    const s = await setup();
    await dispatch(
      s,
      s.fake.payloads.chatInput({ command: 'apigw', subcommand: 'explain', options: { concept: 'stage\u0000 vari\u202Eables' }, nick: 'x\u0000y' }),
    );
    expect(s.bot.commandsSeen[0]).toMatchObject({ text: 'explain stage variables', user: { name: 'xy' } });
  });

  it('after GUILD_CREATE with members, interactions use the cached guild and the member sent with each interaction', async () => {
    const s = await setup({ guilds: [fixture('guild-create.json')] });
    // Members are not kept (a large server's whole study group would stay in memory); the guild is.
    expect(s.adapter.client.guilds.cache.has(GUILD)).toBe(true);
    expect(s.adapter.client.guilds.cache.get(GUILD)?.members.cache.has('200000000000000001')).toBe(false);
    await dispatch(s, s.fake.payloads.chatInput({ command: 'apigw', subcommand: 'help', nick: 'Alice (study lead)', permissions: '32' }));
    await dispatch(s, interaction('slash-command-documented.json'));
    expect(s.bot.commandsSeen.map((c) => [c.channel.channel, c.user.name, c.user.isAdmin])).toEqual([
      [CHANNEL, 'Alice (study lead)', true],
      [CHANNEL, 'alice', true],
    ]);
    // Nor are the clicking users: only the bot's own user may stay.
    expect([...s.adapter.client.users.cache.keys()].filter((id) => id !== s.adapter.client.user.id)).toEqual([]);
  });

  it('the fake builds the GUILD_CREATE itself from a short guild description', async () => {
    const s = await setup({ guilds: [{ id: GUILD, members: [{ user: { id: '200000000000000005', username: 'dave' }, nick: 'Dave' }] }] });
    const guild = s.adapter.client.guilds.cache.get(GUILD);
    expect(guild?.name).toBeTruthy();
    expect(guild?.members.cache.get('200000000000000005')).toBeUndefined();
    await dispatch(s, s.fake.payloads.chatInput({ command: 'apigw', subcommand: 'help', user: { id: '200000000000000005', username: 'dave' } }));
    expect(s.bot.commandsSeen[0]!.user.name).toBe('dave');
  });
});

describe('Discord payload variants (fake builders)', () => {
  for (const shape of ['full', 'minimal'] as const) {
    it(`${shape}: command, button, select and modal submit reach the core in the server channel`, async () => {
      const s = await setup();
      const msg = s.fake.seedMessage(CHANNEL, { guild_id: GUILD, content: 'q' });
      await dispatch(s, s.fake.payloads.chatInput({ shape, command: 'apigw', subcommand: 'quiz' }));
      await dispatch(s, s.fake.payloads.button({ shape, customId: 'a:1:A', messageId: msg.id }));
      await dispatch(s, s.fake.payloads.stringSelect({ shape, customId: 'm:1', values: ['A', 'C'], messageId: msg.id }));
      await dispatch(s, s.fake.payloads.modalSubmit({ shape, customId: 'r:1', fields: { reason: 'the answer is wrong' } }));
      await dispatch(s, s.fake.payloads.autocomplete({ shape, command: 'apigw', subcommand: 'explain', focused: 'concept', value: 'st' }));
      expect(s.bot.commandsSeen.map((c) => c.channel.channel)).toEqual([CHANNEL]);
      expect(s.bot.actionsSeen.map((a) => [a.actionId, a.channel.channel, a.values])).toEqual([
        ['a:1:A', CHANNEL, undefined],
        ['m:1', CHANNEL, ['A', 'C']],
        ['r:1', CHANNEL, ['the answer is wrong']],
      ]);
      expect(s.bot.autocompletesSeen).toHaveLength(1);
    });

    it(`${shape}: DM interactions are refused politely, clicks included`, async () => {
      const s = await setup();
      const msg = s.fake.seedMessage('600000000000000001', { content: 'q' });
      const a = await dispatch(s, s.fake.payloads.chatInput({ shape, dm: true, channelId: '600000000000000001', command: 'apigw', subcommand: 'help' }));
      const b = await dispatch(s, s.fake.payloads.button({ shape, dm: true, channelId: '600000000000000001', customId: 'a:1:A', messageId: msg.id }));
      for (const call of [a, b]) expect(call.body.data.content).toContain('Studybot works in server channels');
      expect(s.bot.commandsSeen).toEqual([]);
      expect(s.bot.actionsSeen).toEqual([]);
    });
  }
});

describe('one bad event never stops the bot', () => {
  it('a dispatch discord.js cannot build is logged with its id, answered with an error, and the next one is served', async () => {
    const s = await setup();
    const skipped = async () => (await failedEvents.get()).values.find((v) => v.labels.source === 'discord-dispatch')?.value ?? 0;
    const before = await skipped();
    const bad = s.fake.payloads.chatInput({ command: 'apigw', subcommand: 'help' });
    delete bad.data; // discord.js reads data.data.type
    const call = await dispatch(s, bad);
    expect(call.body).toMatchObject({ type: 4, data: { content: FAILED_TEXT, flags: 64 } });
    const logged = s.logs.find((l) => l.msg.includes('could not be handled'));
    expect(logged).toMatchObject({ level: 50, event: 'INTERACTION_CREATE', interaction: bad.id });

    // Autocomplete that cannot be built gets an empty list rather than no answer.
    const badAutocomplete = s.fake.payloads.autocomplete({ command: 'apigw', subcommand: 'explain', focused: 'concept', value: 'x' });
    delete badAutocomplete.data;
    const ac = await dispatch(s, badAutocomplete);
    expect(ac.body).toEqual({ type: 8, data: { choices: [] } });

    // Another event type that is malformed: logged, skipped.
    s.fake.dispatch('GUILD_CREATE', { id: GUILD, channels: 7, members: 'nope', roles: null });
    const next = await dispatch(s, s.fake.payloads.chatInput({ command: 'apigw', subcommand: 'help' }));
    expect(JSON.stringify(next.body.data)).toContain('served by the core');
    expect(s.bot.commandsSeen).toHaveLength(1);
    expect(s.logs.some((l) => l.event === 'GUILD_CREATE' && l.level === 50)).toBe(true);
    expect((await skipped()) - before).toBe(3);
  });

  it('a handler that throws before answering still answers the user, and the next interaction is served', async () => {
    const s = await setup();
    let broken = true;
    const specs = s.bot.specs;
    s.bot.commands = () => {
      if (broken) throw new Error('deck list unavailable');
      return specs;
    };
    const failed = await dispatch(s, s.fake.payloads.chatInput({ command: 'apigw', subcommand: 'help' }));
    expect(failed.body).toMatchObject({ type: 4, data: { content: FAILED_TEXT, flags: 64 } });
    const ac = await dispatch(s, s.fake.payloads.autocomplete({ command: 'apigw', subcommand: 'explain', focused: 'concept', value: 'x' }));
    expect(ac.body).toEqual({ type: 8, data: { choices: [] } });
    expect(s.logs.filter((l) => l.level === 50).map((l) => l.interaction)).toHaveLength(2);
    broken = false;
    const next = await dispatch(s, s.fake.payloads.chatInput({ command: 'apigw', subcommand: 'help' }));
    expect(JSON.stringify(next.body.data)).toContain('served by the core');
  });
});
