// One player's private mock exam driven through each real adapter: Slack (signed requests to the
// real Bolt app against the fake Web API and response_url), Discord (the real discord.js client
// against the fake gateway and REST API) and the console (its input and output streams). Each
// driver answers with what the player saw in reply (as the platform received it) and the control
// labels offered, and can restart: stop the adapter and its core, start new ones on the database.

import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import pino from 'pino';
import { runConsole } from '../../adapters/console/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import type { ChannelRef } from '../../src/quiz/ids.js';
import { startFakeDiscord } from '../fakes/discord-api.js';
import { FakeSlackApi, type RecordedCall } from '../fakes/slack-api.js';
import { componentsOf, startDiscordHarness } from '../support/discord-harness.js';
import type { SlackBlock } from '../support/slack-client.js';
import { startSlackHarness } from '../support/slack-harness.js';

const log = pino({ level: 'silent' });

/** What the player saw in answer to one step. */
export interface Seen {
  /** The reply as the platform received it (escaped, with its formatting marks). */
  text: string;
  /** Labels of the controls offered with it (buttons, checkbox or select options). */
  labels: string[];
}

/** A slash command of the deck: the subcommand and its options (Discord sends them as options). */
export interface Cmd {
  sub: string;
  opts?: Record<string, string>;
}

export interface ExamDriver {
  readonly channel: ChannelRef;
  /** The player's user key in the core (`platform:workspace:id`). */
  readonly userKey: string;
  command(cmd: Cmd): Promise<Seen>;
  /** Clicks (or types) the button labelled `label` on the latest private screen. */
  press(label: string): Promise<Seen>;
  /** Picks `values` in the latest private screen's multiselect and submits. */
  choose(values: string[]): Promise<Seen>;
  /** Stops the adapter and its core, then starts new ones on the same database. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export type MakeBot = () => Promise<Studybot>;

export const DECK_COMMAND = 'dva';
/** Options that the command text names with a keyword (as Discord's command spec does): `exam minutes 5`. */
const KEYWORDS: Record<string, string> = { minutes: 'minutes' };
const cmdText = (c: Cmd) => [c.sub, ...Object.entries(c.opts ?? {}).map(([k, v]) => (KEYWORDS[k] ? `${KEYWORDS[k]} ${v}` : v))].join(' ');

/** The strings of a Slack/Discord payload a reader sees (text, titles, descriptions, field names and values). */
export function textOfTree(v: unknown): string {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, val] of Object.entries(x as Record<string, unknown>)) {
        if (typeof val === 'string' && ['text', 'content', 'title', 'description', 'name', 'value'].includes(k)) out.push(val);
        else walk(val);
      }
    }
  };
  walk(v);
  return out.join('\n');
}

/**
 * The bot with its flush() counted: the console flushes the core after every command and every
 * matched control, so the count tells when a typed line has been handled.
 */
export function countingFlushes<B extends Studybot>(bot: B): { bot: B; handled: () => number } {
  let handled = 0;
  const counted = new Proxy(bot, {
    get(target, prop) {
      if (prop === 'flush') return async () => (await target.flush(), handled++);
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { bot: counted, handled: () => handled };
}

function slackLabels(blocks: SlackBlock[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements ?? []) {
      if (e.type === 'button') out.push(e.text!.text);
      if (e.type === 'checkboxes') out.push(...(e.options ?? []).map((o) => o.text.text));
    }
  }
  return out;
}

export async function slackDriver(makeBot: MakeBot, clock: () => number): Promise<ExamDriver> {
  const fake = await FakeSlackApi.start();
  fake.addUser({ id: 'UPAT', name: 'Pat' });
  const user = { id: 'UPAT', name: 'Pat' };
  const channel: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'CEXAM' };
  const base = { user, teamId: 'T1', channelId: channel.channel };
  let screen: SlackBlock[] | null = null;
  const start = async () =>
    startSlackHarness({
      fake,
      bot: await makeBot(),
      signingSecret: 'exam-contract',
      config: { retryConfig: { retries: 0 } },
      log,
      clock: { now: () => new Date(clock()) },
    });
  let h = await start();

  /** What reached the response_url of one request (at least one reply). */
  const seen = (got: RecordedCall[]): Seen => {
    expect(got.length, 'a reply through the response_url').toBeGreaterThan(0);
    let labels: string[] = [];
    for (const r of got) {
      const blocks = (r.body.blocks ?? []) as SlackBlock[];
      // An exam screen is an ephemeral message; a click replaces it (replace_original).
      if (blocks.some((b) => b.type === 'actions')) screen = blocks;
      labels = [...labels, ...slackLabels(blocks)];
    }
    // What the reader sees: the blocks (the top-level `text` is only the notification), else the text.
    const visible = (r: (typeof got)[number]) => ((r.body.blocks as unknown[] | undefined)?.length ? textOfTree(r.body.blocks) : String(r.body.text ?? ''));
    return { text: got.map(visible).join('\n'), labels };
  };
  const click = async (button: string, checked?: string[]) => {
    const message = { blocks: screen!, ephemeral: true };
    return seen((await h.click({ ...base, message, button, ...(checked ? { checked } : {}) })).replies);
  };

  return {
    channel,
    userKey: `slack:T1:UPAT`,
    command: async (cmd) => seen(await h.command({ ...base, command: `/${DECK_COMMAND}`, text: cmdText(cmd) })),
    press: (label) => click(label),
    choose: (values) => click('Submit', values),
    async restart() {
      await h.close();
      h = await start();
    },
    async stop() {
      await h.close();
      expect(JSON.stringify(fake.calls().map((c) => c.body))).not.toMatch(/<!channel>|<!here>|<!everyone>/);
      await fake.close();
    },
  };
}

export async function discordDriver(makeBot: MakeBot): Promise<ExamDriver> {
  const TOKEN = 'exam-contract-token';
  const APP = '100000000000000014';
  const GUILD = '300000000000000014';
  const CHANNEL = '400000000000000014';
  const fake = await startFakeDiscord({ token: TOKEN, applicationId: APP });
  const user = { id: '200000000000000014', username: 'pat', global_name: 'Pat' };
  const base = { user, guildId: GUILD, channelId: CHANNEL };
  const start = async () => startDiscordHarness({ fake, bot: await makeBot(), token: TOKEN, applicationId: APP, config: { deferAfterMs: 60_000 }, log });
  let discord = await start();
  let screenId: string | null = null;
  const components = (messageId: string): any[] => componentsOf(fake.messages.get(messageId));

  const answered = async (id: string): Promise<Seen> => {
    const { callback, followUps } = await discord.answered(id);
    expect(callback.status, JSON.stringify(callback.body)).toBeLessThan(300);
    const rec = fake.interactions.get(id)!;
    // A command's private reply (type 4) is a new ephemeral message; a click updates it (type 7).
    const shown = rec.originalMessageId ? components(rec.originalMessageId) : [];
    if (shown.length) screenId = rec.originalMessageId!;
    const labels = shown.flatMap((c) => (c.type === 2 ? [c.label] : c.type === 3 ? c.options.map((o: any) => o.label) : []));
    return { text: [callback, ...followUps].map((c) => textOfTree(c.body)).join('\n'), labels };
  };

  return {
    channel: { platform: 'discord', workspace: GUILD, channel: CHANNEL },
    userKey: `discord:${GUILD}:${user.id}`,
    command: (cmd) =>
      answered(fake.dispatchInteraction(fake.payloads.chatInput({ ...base, command: DECK_COMMAND, subcommand: cmd.sub, options: cmd.opts ?? {}, permissions: '0' }))),
    press(label) {
      const button = components(screenId!).find((c) => c.type === 2 && c.label === label);
      expect(button, `a "${label}" button on the exam screen`).toBeTruthy();
      return answered(fake.dispatchInteraction(fake.payloads.button({ ...base, customId: button.custom_id, messageId: screenId! })));
    },
    choose(values) {
      const menu = components(screenId!).find((c) => c.type === 3);
      expect(menu, 'a select menu on the exam screen').toBeTruthy();
      return answered(fake.dispatchInteraction(fake.payloads.stringSelect({ ...base, customId: menu.custom_id, values, messageId: screenId! })));
    },
    async restart() {
      await discord.close();
      discord = await start();
    },
    async stop() {
      await discord.close();
      expect(JSON.stringify(fake.calls.map((c) => c.body))).not.toMatch(/@everyone|@here|<@\d/);
      await fake.close();
    },
  };
}

export async function consoleDriver(makeBot: MakeBot): Promise<ExamDriver> {
  const user = { platform: 'console' as const, workspace: 'local', id: 'pat', name: 'Pat', isAdmin: false };
  const channel: ChannelRef = { platform: 'console', workspace: 'local', channel: 'exam-contract' };
  const start = async () => {
    const { bot: counted, handled } = countingFlushes(await makeBot());
    const input = new PassThrough();
    const output = new PassThrough();
    const state = { printed: '', handled, input, done: Promise.resolve() };
    output.on('data', (chunk: Buffer) => (state.printed += chunk.toString()));
    state.done = runConsole({ bot: counted, input, output, interactive: false, user, channel });
    return state;
  };
  let term = await start();

  const line = async (text: string): Promise<Seen> => {
    const target = term.handled() + 1;
    const from = term.printed.length;
    term.input.write(`${text}\n`);
    // A typed line that matches no control prints a hint and reaches no core.
    await expect.poll(() => term.handled() >= target || /is not a command|does not match/.test(term.printed.slice(from)), { interval: 1 }).toBe(true);
    const shown = term.printed.slice(from);
    return { text: shown, labels: [...shown.matchAll(/\[([^\]\n]+)\]/g)].map((m) => m[1]!) };
  };

  return {
    channel,
    userKey: 'console:local:pat',
    command: (cmd) => line(`/${DECK_COMMAND} ${cmdText(cmd)}`),
    // The console offers buttons by label: typing it (any case) presses it.
    press: (label) => line(label.toLowerCase()),
    choose: (values) => line(values.join(' ')),
    async restart() {
      term.input.end();
      await term.done;
      term = await start();
    },
    async stop() {
      term.input.end();
      await term.done;
    },
  };
}
