// The real discord.js client against the fake Discord, with a scripted core: what the adapter
// invokes for each interaction and the exact REST calls it makes in return.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FormView, Reply } from '../../src/quiz/api.js';
import type { MessageView } from '../../src/quiz/views.js';
import { startDiscord } from '../../adapters/discord/index.js';
import { snowflake, validateModal } from '../fakes/discord-api.js';
import { APIGW_SPEC, CHANNEL, GUILD, ScriptedBot, callbackOf, gate, silentLog, startHarness, type Harness } from './support.js';

const bot = new ScriptedBot();
let h: Harness;

beforeAll(async () => {
  h = await startHarness(bot, { admins: ['200000000000000099'] });
});
afterAll(async () => h?.close());
beforeEach(() => {
  bot.commandsSeen.length = 0;
  bot.actionsSeen.length = 0;
  bot.autocompletesSeen.length = 0;
  bot.onCommand = () => [];
  bot.onAction = () => [];
  bot.onAutocomplete = () => [];
});

const view = (text: string): MessageView => ({ text, blocks: [{ type: 'heading', text }, { type: 'text', text: `${text} body` }] });
const priv = (text: string): Reply => ({ visibility: 'private', view: view(text) });
const chan = (text: string): Reply => ({ visibility: 'channel', view: view(text) });

describe('login', () => {
  it('identifies with the Guilds intent only, through the gateway URL the REST server gave', () => {
    expect(h.fake.identifies).toEqual([{ intents: 1, tokenMatched: true, shard: [0, 1] }]);
    expect(h.fake.callsTo('GET', '/gateway/bot')).toHaveLength(1);
    expect(h.fake.callsTo('GET', '/gateway/bot')[0]!.authorized).toBe(true);
  });
});

describe('gateway', () => {
  it('resumes after a dropped connection and keeps answering', async () => {
    h.fake.dropGateway();
    await h.fake.waitForIdentify(15_000);
    expect(h.fake.resumes).toHaveLength(1);
    expect(h.fake.identifies).toHaveLength(1);
    bot.onCommand = () => [priv('still here')];
    const id = h.fake.dispatchInteraction(h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'help' }));
    expect((await callbackOf(h.fake, id)).body.data.embeds[0].title).toBe('still here');
  });
});

describe('slash commands', () => {
  const cases: [string, Record<string, string | { user: { id: string; username: string } }>, string][] = [
    ['explain', { concept: 'stage-variables' }, 'explain stage-variables'],
    ['explain', {}, 'explain'],
    ['quiz', {}, 'quiz'],
    ['practice', {}, 'practice'],
    ['leaderboard', { period: 'month' }, 'leaderboard month'],
    ['stats', { user: { user: { id: '200000000000000005', username: 'bob' } } }, 'stats <@200000000000000005>'],
    // Discord sends options in the order typed; the core gets them in the declared order.
    ['schedule', { weekdays: 'mon-fri', timezone: 'Europe/Berlin', time: '09:30' }, 'schedule 09:30 Europe/Berlin mon-fri'],
    ['schedule', { time: 'off' }, 'schedule off'],
    ['help', {}, 'help'],
  ];
  for (const [subcommand, options, text] of cases) {
    it(`/apigw ${subcommand} ${JSON.stringify(options)} → core text "${text}", private reply`, async () => {
      bot.onCommand = () => [priv(`${subcommand} answer`)];
      const id = h.fake.dispatchInteraction(h.fake.payloads.chatInput({ command: 'apigw', subcommand, options }));
      const cb = await callbackOf(h.fake, id);
      expect(bot.commandsSeen).toEqual([
        {
          channel: { platform: 'discord', workspace: GUILD, channel: CHANNEL },
          user: { platform: 'discord', workspace: GUILD, id: '200000000000000001', name: 'alice', isAdmin: false },
          command: 'apigw',
          text,
        },
      ]);
      expect(cb.body).toMatchObject({
        type: 4,
        data: {
          flags: 64,
          allowed_mentions: { parse: [] },
          embeds: [{ title: `${subcommand} answer`, description: `${subcommand} answer body` }],
          components: [],
        },
      });
      expect(cb.status).toBe(204);
    });
  }

  it('sends a channel reply without the ephemeral flag, and further replies as follow-ups', async () => {
    bot.onCommand = () => [chan('posted'), priv('only you')];
    const id = h.fake.dispatchInteraction(h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'quiz' }));
    const cb = await callbackOf(h.fake, id);
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags ?? 0).toBe(0);
    const token = h.fake.interactions.get(id)!.token;
    const follow = await h.fake.waitForCall((c) => c.method === 'POST' && c.path === `/webhooks/${h.fake.applicationId}/${token}`);
    expect(follow.body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] }, embeds: [{ title: 'only you' }] });
    expect(follow.query.wait).toBe('true');
  });

  it('passes admin rights: Manage Server permission, or a listed user id', async () => {
    bot.onCommand = () => [priv('ok')];
    const asMod = h.fake.dispatchInteraction(
      h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'schedule', permissions: String(1 << 5), user: { id: '200000000000000002' } }),
    );
    await callbackOf(h.fake, asMod);
    const listed = h.fake.dispatchInteraction(
      h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'schedule', permissions: String(1 << 11), user: { id: '200000000000000099' } }),
    );
    await callbackOf(h.fake, listed);
    const plain = h.fake.dispatchInteraction(
      h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'schedule', permissions: String(1 << 11), user: { id: '200000000000000003' } }),
    );
    await callbackOf(h.fake, plain);
    expect(bot.commandsSeen.map((c) => c.user.isAdmin)).toEqual([true, true, false]);
  });

  it('uses the member nickname, then the global name, as the display name', async () => {
    bot.onCommand = () => [priv('ok')];
    const a = h.fake.dispatchInteraction(
      h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'stats', nick: 'Ally', user: { id: '200000000000000004', global_name: 'Alice G' } }),
    );
    await callbackOf(h.fake, a);
    const b = h.fake.dispatchInteraction(
      h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'stats', user: { id: '200000000000000004', global_name: 'Alice G' } }),
    );
    await callbackOf(h.fake, b);
    expect(bot.commandsSeen.map((c) => c.user.name)).toEqual(['Ally', 'Alice G']);
  });

  it('defers when the core is slow, then fills the placeholder with the private reply', async () => {
    const hold = gate<Reply[]>();
    bot.onCommand = () => hold.promise;
    const h2 = await startHarness(bot, { deferAfterMs: 0 });
    try {
      const id = h2.fake.dispatchInteraction(h2.fake.payloads.chatInput({ command: 'apigw', subcommand: 'practice' }));
      const cb = await callbackOf(h2.fake, id);
      expect(cb.body).toEqual({ type: 5, data: { flags: 64 } });
      hold.open([priv('your question')]);
      const token = h2.fake.interactions.get(id)!.token;
      const edit = await h2.fake.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${h2.fake.applicationId}/${token}/messages/@original`);
      expect(edit.body).toMatchObject({ content: '', embeds: [{ title: 'your question' }], allowed_mentions: { parse: [] } });
    } finally {
      await h2.close();
    }
  });

  it('after a deferral, a channel-only answer is a public follow-up and the placeholder is deleted', async () => {
    const hold = gate<Reply[]>();
    bot.onCommand = () => hold.promise;
    const h2 = await startHarness(bot, { deferAfterMs: 0 });
    try {
      const id = h2.fake.dispatchInteraction(h2.fake.payloads.chatInput({ command: 'apigw', subcommand: 'leaderboard' }));
      await callbackOf(h2.fake, id);
      hold.open([chan('board')]);
      const token = h2.fake.interactions.get(id)!.token;
      const del = await h2.fake.waitForCall((c) => c.method === 'DELETE' && c.path === `/webhooks/${h2.fake.applicationId}/${token}/messages/@original`);
      expect(del.status).toBe(204);
      const follow = h2.fake.callsTo('POST', `/webhooks/${h2.fake.applicationId}/${token}`);
      expect(follow).toHaveLength(1);
      expect(follow[0]!.body.flags ?? 0).toBe(0);
      expect(follow[0]!.body.embeds[0].title).toBe('board');
    } finally {
      await h2.close();
    }
  });

  it('tells the user privately when the core fails, with the core\'s words for bad input', async () => {
    const { StudybotError } = await import('../../src/errors.js');
    bot.onCommand = () => {
      throw new StudybotError('quiz:invalid-input', 'Unknown period "yesterday": use week, month or all.');
    };
    const id = h.fake.dispatchInteraction(h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'leaderboard', options: { period: 'yesterday' } }));
    const cb = await callbackOf(h.fake, id);
    expect(cb.body).toMatchObject({ type: 4, data: { flags: 64, content: 'Unknown period "yesterday": use week, month or all.' } });

    bot.onCommand = () => {
      throw new Error('db down: password=hunter2');
    };
    const id2 = h.fake.dispatchInteraction(h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'quiz' }));
    const cb2 = await callbackOf(h.fake, id2);
    expect(cb2.body.data.content).toMatch(/Something went wrong/);
    expect(cb2.body.data.content).not.toMatch(/hunter2/);
  });

  it('answers a command used outside a server without calling the core', async () => {
    const payload = h.fake.payloads.chatInput({ command: 'apigw', subcommand: 'help' });
    delete payload.guild_id;
    delete payload.guild;
    payload.channel = { id: payload.channel_id, type: 1, recipients: [payload.member.user] };
    payload.user = payload.member.user;
    delete payload.member;
    const id = h.fake.dispatchInteraction(payload);
    const cb = await callbackOf(h.fake, id);
    expect(cb.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/server/) } });
    expect(bot.commandsSeen).toEqual([]);
  });
});

describe('autocomplete', () => {
  it('maps the focused option to the core and returns at most 25 choices', async () => {
    bot.onAutocomplete = (inv) =>
      Array.from({ length: 40 }, (_, i) => ({ name: `${inv.partial} ${i} ${'x'.repeat(i === 0 ? 150 : 0)}`, value: `c-${i}` }));
    const id = h.fake.dispatchInteraction(
      h.fake.payloads.autocomplete({ command: 'apigw', subcommand: 'explain', focused: 'concept', value: 'stag' }),
    );
    const cb = await callbackOf(h.fake, id);
    expect(bot.autocompletesSeen).toEqual([
      expect.objectContaining({ command: 'apigw', subcommand: 'explain', option: 'concept', partial: 'stag' }),
    ]);
    expect(cb.body.type).toBe(8);
    expect(cb.body.data.choices).toHaveLength(25);
    expect(cb.body.data.choices[0].name.length).toBeLessThanOrEqual(100);
    expect(cb.body.data.choices[1]).toEqual({ name: 'stag 1 ', value: 'c-1' });
    expect(cb.status).toBe(204);
  });

  it('timezone autocomplete; a failing core gives an empty list, not a hung interaction', async () => {
    bot.onAutocomplete = () => {
      throw new Error('boom');
    };
    const id = h.fake.dispatchInteraction(
      h.fake.payloads.autocomplete({ command: 'apigw', subcommand: 'schedule', focused: 'timezone', value: 'Europe/', options: { time: '09:00' } }),
    );
    const cb = await callbackOf(h.fake, id);
    expect(bot.autocompletesSeen[0]).toMatchObject({ subcommand: 'schedule', option: 'timezone', partial: 'Europe/' });
    expect(cb.body).toEqual({ type: 8, data: { choices: [] } });
  });
});

describe('components', () => {
  const question = () =>
    h.fake.seedMessage(CHANNEL, {
      guild_id: GUILD,
      embeds: [{ title: 'Q' }],
      components: [
        {
          type: 1,
          components: [
            { type: 2, custom_id: 'a:7:A', label: 'A', style: 2 },
            { type: 2, custom_id: 'a:7:B', label: 'B', style: 2 },
          ],
        },
      ],
    });

  it('a button click → core action with the custom id and the message ref; private answer', async () => {
    const msg = question();
    bot.onAction = () => [priv('Right!')];
    const id = h.fake.dispatchInteraction(h.fake.payloads.button({ customId: 'a:7:B', messageId: msg.id }));
    const cb = await callbackOf(h.fake, id);
    expect(bot.actionsSeen).toEqual([
      {
        channel: { platform: 'discord', workspace: GUILD, channel: CHANNEL },
        user: expect.objectContaining({ id: '200000000000000001' }),
        actionId: 'a:7:B',
        messageRef: `discord:${GUILD}:${CHANNEL}:${msg.id}`,
      },
    ]);
    expect(cb.body).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'Right!' }] } });
  });

  it('a string select → core action with the submit id and the chosen values', async () => {
    const msg = question();
    bot.onAction = () => [priv('Partly right')];
    const id = h.fake.dispatchInteraction(h.fake.payloads.stringSelect({ customId: 's:9', values: ['A', 'C'], messageId: msg.id }));
    await callbackOf(h.fake, id);
    expect(bot.actionsSeen[0]).toMatchObject({ actionId: 's:9', values: ['A', 'C'], messageRef: `discord:${GUILD}:${CHANNEL}:${msg.id}` });
  });

  it('a click on an ephemeral message has no message ref; replaceSource updates that message', async () => {
    const msg = h.fake.seedMessage(CHANNEL, {
      guild_id: GUILD,
      flags: 64,
      embeds: [{ title: 'practice' }],
      components: [{ type: 1, components: [{ type: 2, custom_id: 'a:8:A', label: 'A', style: 2 }] }],
    });
    bot.onAction = () => [{ visibility: 'private', replaceSource: true, view: view('Result') }];
    const id = h.fake.dispatchInteraction(h.fake.payloads.button({ customId: 'a:8:A', messageId: msg.id }));
    const cb = await callbackOf(h.fake, id);
    expect(bot.actionsSeen[0]!.messageRef).toBeNull();
    expect(cb.body).toMatchObject({ type: 7, data: { content: '', embeds: [{ title: 'Result' }], components: [] } });
    expect(h.fake.messages.get(msg.id)!.embeds[0].title).toBe('Result');
  });

  it('a slow action is deferred as an update, then edits the source and follows up privately', async () => {
    const hold = gate<Reply[]>();
    bot.onAction = () => hold.promise;
    const h2 = await startHarness(bot, { deferAfterMs: 0 });
    try {
      const msg = h2.fake.seedMessage(CHANNEL, { guild_id: GUILD, content: 'q', components: [{ type: 1, components: [{ type: 2, custom_id: 'n:3', label: 'Next', style: 1 }] }] });
      const id = h2.fake.dispatchInteraction(h2.fake.payloads.button({ customId: 'n:3', messageId: msg.id }));
      const cb = await callbackOf(h2.fake, id);
      expect(cb.body).toEqual({ type: 6 });
      hold.open([{ visibility: 'private', replaceSource: true, view: view('Next question') }, priv('note')]);
      const token = h2.fake.interactions.get(id)!.token;
      await h2.fake.waitForCall((c) => c.method === 'POST' && c.path === `/webhooks/${h2.fake.applicationId}/${token}`);
      const edit = h2.fake.callsTo('PATCH', `/webhooks/${h2.fake.applicationId}/${token}/messages/@original`);
      expect(edit).toHaveLength(1);
      expect(h2.fake.messages.get(msg.id)!.embeds[0].title).toBe('Next question');
    } finally {
      await h2.close();
    }
  });

  it('a double click is two interactions, each answered once with what the core says', async () => {
    const msg = question();
    let n = 0;
    bot.onAction = () => [priv(++n === 1 ? 'Recorded: B' : 'You already answered')];
    const first = h.fake.dispatchInteraction(h.fake.payloads.button({ customId: 'a:7:B', messageId: msg.id }));
    const second = h.fake.dispatchInteraction(h.fake.payloads.button({ customId: 'a:7:B', messageId: msg.id }));
    const [a, b] = await Promise.all([callbackOf(h.fake, first), callbackOf(h.fake, second)]);
    expect(bot.actionsSeen).toHaveLength(2);
    expect([a.body.data.embeds[0].title, b.body.data.embeds[0].title].sort()).toEqual(['Recorded: B', 'You already answered']);
    expect(h.fake.calls.filter((c) => c.path.startsWith(`/interactions/${first}/`))).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.path.startsWith(`/interactions/${second}/`))).toHaveLength(1);
  });
});

describe('forms (modals)', () => {
  const REPORT_FORM: FormView = {
    id: 'r:42',
    title: 'Report a problem',
    submitLabel: 'Send report',
    field: { label: 'What is wrong with Q3?', placeholder: 'e.g. the answer should be C because…', minLength: 3, maxLength: 500, multiline: true },
  };
  const fallback = (form: FormView = REPORT_FORM): Reply => ({ visibility: 'private', view: view('Tell me with /apigw report 3 <what is wrong>'), form });
  const question = () =>
    h.fake.seedMessage(CHANNEL, {
      guild_id: GUILD,
      embeds: [{ title: 'Q' }],
      components: [{ type: 1, components: [{ type: 2, custom_id: 'p:42', label: 'Report a problem', style: 2 }] }],
    });

  it('a click whose reply has a form opens it as a modal: one required text input in a label, custom id = the submit id', async () => {
    const msg = question();
    bot.onAction = () => [fallback()];
    const id = h.fake.dispatchInteraction(h.fake.payloads.button({ customId: 'p:42', messageId: msg.id }));
    const cb = await callbackOf(h.fake, id);
    expect(cb.status).toBe(204);
    expect(cb.body).toEqual({
      type: 9,
      data: {
        custom_id: 'r:42',
        title: 'Report a problem',
        components: [
          {
            type: 18,
            label: 'What is wrong with Q3?',
            component: { type: 4, custom_id: 'text', style: 2, min_length: 3, max_length: 500, placeholder: 'e.g. the answer should be C because…', required: true },
          },
        ],
      },
    });
    await h.adapter.idle();
    expect(h.fake.interactions.get(id)!.originalMessageId).toBeUndefined(); // a modal is no message
  });

  it("clamps a form to Discord's modal limits; a one-line field is a short input; mass mentions are broken", async () => {
    const msg = question();
    const form: FormView = {
      id: 'r:42',
      title: `@everyone ${'t'.repeat(60)}`,
      submitLabel: 'Send',
      field: { label: 'l'.repeat(60), placeholder: 'p'.repeat(150), minLength: 9000, maxLength: 9000, multiline: false },
    };
    bot.onAction = () => [fallback(form)];
    const id = h.fake.dispatchInteraction(h.fake.payloads.button({ customId: 'p:42', messageId: msg.id }));
    const cb = await callbackOf(h.fake, id);
    expect(cb.status).toBe(204);
    const { title, components } = cb.body.data;
    expect(title).toHaveLength(45);
    expect(title).toMatch(/^@\u200beveryone t+…$/);
    expect(components[0].label).toHaveLength(45);
    expect(components[0].component).toMatchObject({ style: 1, min_length: 4000, max_length: 4000 });
    expect(components[0].component.placeholder).toHaveLength(100);
  });

  it('after a deferral a modal is impossible: the fallback view comes privately instead', async () => {
    const hold = gate<Reply[]>();
    bot.onAction = () => hold.promise;
    const h2 = await startHarness(bot, { deferAfterMs: 0 });
    try {
      const msg = h2.fake.seedMessage(CHANNEL, { guild_id: GUILD, content: 'q', components: [{ type: 1, components: [{ type: 2, custom_id: 'p:42', label: 'Report a problem', style: 2 }] }] });
      const id = h2.fake.dispatchInteraction(h2.fake.payloads.button({ customId: 'p:42', messageId: msg.id }));
      expect((await callbackOf(h2.fake, id)).body).toEqual({ type: 6 });
      hold.open([fallback()]);
      const token = h2.fake.interactions.get(id)!.token;
      const follow = await h2.fake.waitForCall((c) => c.method === 'POST' && c.path === `/webhooks/${h2.fake.applicationId}/${token}`);
      expect(follow.body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] }, embeds: [{ title: 'Tell me with /apigw report 3 <what is wrong>' }] });
      await h2.adapter.idle();
      expect(h2.fake.interactions.get(id)!.callbacks.map((c) => c.type)).toEqual([6]);
      expect(h2.fake.messages.get(msg.id)!.content).toBe('q'); // the question itself is untouched
    } finally {
      await h2.close();
    }
  });

  it('a form that cannot be a modal (submit id over 100) or that comes with other replies shows the views instead', async () => {
    const msg = question();
    bot.onAction = () => [fallback({ ...REPORT_FORM, id: `r:${'9'.repeat(100)}` })];
    const id = h.fake.dispatchInteraction(h.fake.payloads.button({ customId: 'p:42', messageId: msg.id }));
    expect((await callbackOf(h.fake, id)).body).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ title: 'Tell me with /apigw report 3 <what is wrong>' }] } });

    bot.onAction = () => [fallback(), priv('also this')];
    const id2 = h.fake.dispatchInteraction(h.fake.payloads.button({ customId: 'p:42', messageId: msg.id }));
    expect((await callbackOf(h.fake, id2)).body.type).toBe(4);
    const token = h.fake.interactions.get(id2)!.token;
    const follow = await h.fake.waitForCall((c) => c.method === 'POST' && c.path === `/webhooks/${h.fake.applicationId}/${token}`);
    expect(follow.body.embeds[0].title).toBe('also this');
  });

  it('a modal submit → core action with the submit id, the typed text and no message ref; the answer is ephemeral and pings nobody', async () => {
    const msg = question();
    bot.onAction = () => [priv('Thanks! Report #7 @everyone')];
    const id = h.fake.dispatchInteraction(
      h.fake.payloads.modalSubmit({ customId: 'r:42', fields: { text: 'the answer should be C' }, messageId: msg.id, permissions: String(1 << 5) }),
    );
    const cb = await callbackOf(h.fake, id);
    expect(bot.actionsSeen).toEqual([
      {
        channel: { platform: 'discord', workspace: GUILD, channel: CHANNEL },
        user: { platform: 'discord', workspace: GUILD, id: '200000000000000001', name: 'alice', isAdmin: true },
        actionId: 'r:42',
        values: ['the answer should be C'],
        messageRef: null,
      },
    ]);
    expect(cb.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] }, embeds: [{ title: 'Thanks! Report #7 @\u200beveryone' }] } });
    expect(h.fake.messages.get(msg.id)!.edits).toBe(0);
  });

  it('reads the text from legacy action rows too, and from a modal built elsewhere (its first text input)', async () => {
    bot.onAction = () => [priv('ok')];
    const a = h.fake.dispatchInteraction(h.fake.payloads.modalSubmit({ customId: 'r:42', fields: { text: 'in a row' }, rows: true }));
    await callbackOf(h.fake, a);
    const b = h.fake.dispatchInteraction(h.fake.payloads.modalSubmit({ customId: 'r:42', fields: { reason: 'other id' } }));
    await callbackOf(h.fake, b);
    expect(bot.actionsSeen.map((x) => x.values)).toEqual([['in a row'], ['other id']]);
  });

  it('a slow modal submit is deferred as an ephemeral "thinking…", then filled; a form in its answer shows as the view', async () => {
    const hold = gate<Reply[]>();
    bot.onAction = () => hold.promise;
    const h2 = await startHarness(bot, { deferAfterMs: 0 });
    try {
      const id = h2.fake.dispatchInteraction(h2.fake.payloads.modalSubmit({ customId: 'r:42', fields: { text: 'too slow' } }));
      expect((await callbackOf(h2.fake, id)).body).toEqual({ type: 5, data: { flags: 64 } });
      hold.open([fallback()]);
      const token = h2.fake.interactions.get(id)!.token;
      const edit = await h2.fake.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${h2.fake.applicationId}/${token}/messages/@original`);
      expect(edit.body).toMatchObject({ embeds: [{ title: 'Tell me with /apigw report 3 <what is wrong>' }], allowed_mentions: { parse: [] } });
    } finally {
      await h2.close();
    }
    // Answered directly, a form is shown as its view too: Discord cannot answer a modal with a modal.
    bot.onAction = () => [fallback()];
    const id = h.fake.dispatchInteraction(h.fake.payloads.modalSubmit({ customId: 'r:42', fields: { text: 'x' } }));
    expect((await callbackOf(h.fake, id)).body).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  it('a modal submit outside a server is answered without calling the core', async () => {
    const payload = h.fake.payloads.modalSubmit({ customId: 'r:42', fields: { text: 'from a DM' } });
    delete payload.guild_id;
    delete payload.guild;
    payload.channel = { id: payload.channel_id, type: 1, recipients: [payload.member.user] };
    payload.user = payload.member.user;
    delete payload.member;
    const id = h.fake.dispatchInteraction(payload);
    expect((await callbackOf(h.fake, id)).body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/server/) } });
    expect(bot.actionsSeen).toEqual([]);
  });
});

describe('the fake checks modals like Discord', () => {
  const ok = {
    custom_id: 'r:1',
    title: 'Report a problem',
    components: [{ type: 18, label: 'Why?', component: { type: 4, custom_id: 'text', style: 2, min_length: 3, max_length: 500, required: true } }],
  };
  it('accepts a label component or a legacy row with one labelled text input', () => {
    expect(validateModal(ok)).toEqual([]);
    expect(validateModal({ ...ok, components: [{ type: 1, components: [{ type: 4, custom_id: 'a', style: 1, label: 'Why?' }] }] })).toEqual([]);
  });
  it('refuses what Discord refuses', () => {
    const input = ok.components[0]!.component;
    const bad = (patch: object, component: object = {}) =>
      validateModal({ ...ok, ...patch, ...(Object.keys(component).length ? { components: [{ ...ok.components[0], component: { ...input, ...component } }] } : {}) });
    expect(bad({ custom_id: 'x'.repeat(101) })).not.toEqual([]);
    expect(bad({ title: 't'.repeat(46) })).not.toEqual([]);
    expect(bad({ title: '' })).not.toEqual([]);
    expect(bad({ components: [] })).not.toEqual([]);
    expect(bad({ components: Array.from({ length: 6 }, (_, i) => ({ ...ok.components[0], component: { ...input, custom_id: `t${i}` } })) })).not.toEqual([]);
    expect(bad({ components: [{ ...ok.components[0], label: 'l'.repeat(46) }] })).not.toEqual([]);
    expect(bad({ components: [{ type: 1, components: [{ type: 4, custom_id: 'a', style: 1 }] }] })).not.toEqual([]); // a row needs the input's label
    expect(bad({}, { max_length: 4001 })).not.toEqual([]);
    expect(bad({}, { min_length: -1 })).not.toEqual([]);
    expect(bad({}, { min_length: 10, max_length: 5 })).not.toEqual([]);
    expect(bad({}, { placeholder: 'p'.repeat(101) })).not.toEqual([]);
    expect(bad({}, { type: 2 })).not.toEqual([]);
  });
  it('takes a modal only as the answer to a command or a component, like Discord', async () => {
    // Interactions the bot never sees: the test answers them itself.
    const answer = async (type: number) => {
      const id = snowflake();
      h.fake.interactions.set(id, { id, token: `t${id}`, type, channelId: CHANNEL, guildId: GUILD, callbacks: [], followUpIds: [], dispatchedAt: Date.now() });
      const res = await fetch(`${h.fake.apiUrl}/v10/interactions/${id}/t${id}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 9, data: ok }),
      });
      return { status: res.status, text: res.status === 204 ? '' : JSON.stringify(await res.json()) };
    };
    expect((await answer(2)).status).toBe(204);
    expect((await answer(3)).status).toBe(204);
    expect(await answer(4)).toEqual({ status: 400, text: expect.stringMatching(/modal cannot answer an interaction of type 4/) });
    expect(await answer(5)).toEqual({ status: 400, text: expect.stringMatching(/modal cannot answer an interaction of type 5/) });
  });
});

describe('chat port', () => {
  it('posts to a channel with mentions disabled and a nonce, and edits by message ref', async () => {
    const ref = await h.adapter.chat.post({ platform: 'discord', workspace: GUILD, channel: CHANNEL }, view('@everyone question'));
    const [post] = h.fake.callsTo('POST', `/channels/${CHANNEL}/messages`);
    expect(post!.authorized).toBe(true);
    expect(post!.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true, embeds: [{ title: '@\u200beveryone question' }] });
    expect(post!.body.nonce).toMatch(/^[0-9a-f]{24}$/);
    const messageId = ref.split(':')[3]!;
    expect(ref).toBe(`discord:${GUILD}:${CHANNEL}:${messageId}`);

    await h.adapter.chat.update(ref, { text: 'closed', blocks: [{ type: 'heading', text: 'Closed' }], actions: [] });
    const [edit] = h.fake.callsTo('PATCH', `/channels/${CHANNEL}/messages/${messageId}`);
    expect(edit!.body).toEqual({
      content: '',
      embeds: [expect.objectContaining({ title: 'Closed' })],
      components: [],
      allowed_mentions: { parse: [] },
    });
    expect(h.adapter.chat.platform).toBe('discord');
    expect(bot.chats).toContain(h.adapter.chat);
  });

  it('finds its own earlier post by a component custom_id in the channel (a lost post response)', async () => {
    const here = { platform: 'discord' as const, workspace: GUILD, channel: CHANNEL };
    const since = new Date(Date.now() - 60_000);
    const question = { ...view('Question'), actions: [{ type: 'buttons' as const, buttons: [{ id: 'a:77:A', label: 'A' }, { id: 'p:77', label: 'Report a problem' }] }] };
    const ref = await h.adapter.chat.post(here, question);
    await h.adapter.chat.post(here, view('Something else'));
    expect(await h.adapter.chat.findPosted!(here, 'p:77', since)).toBe(ref);
    expect(await h.adapter.chat.findPosted!(here, 'p:7', since)).toBeNull(); // exact ids only
    expect(await h.adapter.chat.findPosted!(here, 'p:77', new Date(Date.now() + 60_000))).toBeNull(); // posted before `since`
    const [read] = h.fake.callsTo('GET', `/channels/${CHANNEL}/messages`);
    expect(read!.authorized).toBe(true);
    expect(read!.query.limit).toBe('100');
  });

  describe('postPrivate: a direct message', () => {
    const here = { platform: 'discord' as const, workspace: GUILD, channel: CHANNEL };
    const dmCalls = (channelId: string) => h.fake.callsTo('POST', `/channels/${channelId}/messages`);

    it('opens the DM channel, then posts the view there with the server channel named, mentions off, a nonce', async () => {
      const user = '200000000000000011';
      await h.adapter.chat.postPrivate!(here, user, view('@everyone 3 questions due'));
      const [open] = h.fake.callsTo('POST', '/users/@me/channels').filter((c) => c.body.recipient_id === user);
      expect(open!.authorized).toBe(true);
      const dm = h.fake.dmChannels.get(user)!;
      const [post] = dmCalls(dm);
      expect(post!.status).toBe(200);
      expect(post!.body).toMatchObject({
        content: `-# From the server channel <#${CHANNEL}>`,
        embeds: [{ title: '@\u200beveryone 3 questions due' }],
        allowed_mentions: { parse: [] },
        enforce_nonce: true,
      });
      // A second one reuses the same DM channel (Discord returns the existing one).
      await h.adapter.chat.postPrivate!(here, user, { text: 'plain note', blocks: [] });
      expect(h.fake.dmChannels.get(user)).toBe(dm);
      expect(dmCalls(dm)[1]!.body.content).toBe(`-# From the server channel <#${CHANNEL}>\nplain note`);
    });

    it('a user who takes no DMs (50007) is a platform:unreachable-user StudybotError, tried once', async () => {
      const user = '200000000000000012';
      h.fake.closeDms(user);
      await expect(h.adapter.chat.postPrivate!(here, user, view('due'))).rejects.toMatchObject({
        name: 'StudybotError',
        code: 'platform:unreachable-user',
        message: expect.stringMatching(/takes no direct messages.*50007/),
      });
      const dm = h.fake.dmChannels.get(user)!;
      expect(dmCalls(dm).map((c) => c.status)).toEqual([403]);
      expect([...h.fake.messages.values()].some((m) => m.channel_id === dm)).toBe(false);
    });

    it('waits out a 429 on opening the DM channel; refuses other platforms and bad user ids without calling Discord', async () => {
      const user = '200000000000000013';
      h.fake.failNext({ method: 'POST', path: '/users/@me/channels', status: 429, retryAfter: 0.01 });
      await h.adapter.chat.postPrivate!(here, user, view('due'));
      expect(h.fake.callsTo('POST', '/users/@me/channels').filter((c) => c.body.recipient_id === user).map((c) => c.status)).toEqual([429, 200]);
      const before = h.fake.calls.length;
      await expect(h.adapter.chat.postPrivate!({ platform: 'slack', workspace: 'T1', channel: 'C1' }, user, view('x'))).rejects.toMatchObject({ code: 'quiz:invalid-input' });
      await expect(h.adapter.chat.postPrivate!(here, 'U123', view('x'))).rejects.toMatchObject({ code: 'quiz:invalid-input' });
      expect(h.fake.calls.length).toBe(before);
    });
  });

  it('waits out a 429 and retries: one message, no error', async () => {
    const before = h.fake.messages.size;
    h.fake.failNext({ method: 'POST', path: `/channels/${CHANNEL}/messages`, status: 429, retryAfter: 0.01 });
    const ref = await h.adapter.chat.post({ platform: 'discord', workspace: GUILD, channel: CHANNEL }, view('rate limited'));
    const attempts = h.fake.callsTo('POST', `/channels/${CHANNEL}/messages`).filter((c) => c.body.embeds[0].title === 'rate limited');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(h.fake.messages.size).toBe(before + 1);
    expect(ref).toMatch(/^discord:/);
  });

  it('a lost response (5xx after Discord created it) is retried with the same nonce: posted once', async () => {
    const before = h.fake.messages.size;
    h.fake.failNext({ method: 'POST', path: `/channels/${CHANNEL}/messages`, status: 502, afterProcessing: true });
    const ref = await h.adapter.chat.post({ platform: 'discord', workspace: GUILD, channel: CHANNEL }, view('lost response'));
    const attempts = h.fake.callsTo('POST', `/channels/${CHANNEL}/messages`).filter((c) => c.body.embeds[0].title === 'lost response');
    expect(attempts.map((c) => c.status)).toEqual([502, 200]);
    expect(attempts[0]!.body.nonce).toBe(attempts[1]!.body.nonce);
    expect(h.fake.messages.size).toBe(before + 1);
    expect(h.fake.messages.has(ref.split(':')[3]!)).toBe(true);
  });

  it('a 429 on an edit is waited out too', async () => {
    const ref = await h.adapter.chat.post({ platform: 'discord', workspace: GUILD, channel: CHANNEL }, view('to edit'));
    const messageId = ref.split(':')[3]!;
    h.fake.failNext({ method: 'PATCH', path: `/channels/${CHANNEL}/messages/${messageId}`, status: 429, retryAfter: 0.01 });
    await h.adapter.chat.update(ref, view('edited'));
    expect(h.fake.callsTo('PATCH', `/channels/${CHANNEL}/messages/${messageId}`).map((c) => c.status)).toEqual([429, 200]);
    expect(h.fake.messages.get(messageId)!.edits).toBe(1);
  });

  it('a missing channel permission (403) is a platform:failed error, not a retry loop', async () => {
    h.fake.failNext({ method: 'POST', path: `/channels/${CHANNEL}/messages`, status: 403 });
    const before = h.fake.callsTo('POST', `/channels/${CHANNEL}/messages`).length;
    await expect(h.adapter.chat.post({ platform: 'discord', workspace: GUILD, channel: CHANNEL }, view('x'))).rejects.toMatchObject({
      code: 'platform:failed',
    });
    expect(h.fake.callsTo('POST', `/channels/${CHANNEL}/messages`).length).toBe(before + 1);
  });

  it('refuses refs and channels of other platforms, and reports Discord errors with a code', async () => {
    await expect(h.adapter.chat.update('slack:T1:C1:1.2', view('x'))).rejects.toMatchObject({ code: 'quiz:invalid-input' });
    await expect(h.adapter.chat.post({ platform: 'slack', workspace: 'T1', channel: 'C1' }, view('x'))).rejects.toMatchObject({
      code: 'quiz:invalid-input',
    });
    await expect(h.adapter.chat.update(`discord:${GUILD}:${CHANNEL}:999`, view('x'))).rejects.toMatchObject({ code: 'platform:failed' });
  });
});

describe('commands spec', () => {
  it('the scripted spec is the one the tests above used', () => {
    expect(APIGW_SPEC.subcommands.map((s) => s.name)).toEqual(['explain', 'quiz', 'practice', 'leaderboard', 'stats', 'schedule', 'help']);
  });
});

describe('start-up', () => {
  it('a wrong token fails start-up with a clear error that does not echo the token', async () => {
    const err = await startDiscord({
      config: { token: 'wrong-token-value', applicationId: h.fake.applicationId, apiUrl: h.fake.apiUrl },
      bot: new ScriptedBot(),
      log: silentLog,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'platform:failed', message: expect.stringMatching(/DISCORD_TOKEN/) });
    expect(String((err as Error).message)).not.toContain('wrong-token-value');
    expect(h.fake.callsTo('GET', '/gateway/bot').at(-1)!.status).toBe(401);
  });

  it('refuses an empty token or application id before connecting', async () => {
    await expect(startDiscord({ config: { token: '', applicationId: '1' }, bot: new ScriptedBot(), log: silentLog })).rejects.toMatchObject({
      code: 'config:invalid',
    });
    await expect(startDiscord({ config: { token: 't', applicationId: '' }, bot: new ScriptedBot(), log: silentLog })).rejects.toMatchObject({
      code: 'config:invalid',
    });
  });
});
