// The click path after the ack (adapters/slack/click-path.ts) through the real Bolt app against
// the fake Slack API: many clicks in the core at once (so the store can batch them), replies in
// click order per user, a busy note when a click's result is late, and on the real core and store
// (PGlite, and Postgres with TEST_DATABASE_URL) a burst of clicks: one answer per user, every
// acknowledged answer recorded and answered, the result before "already answered". The receiver
// acks a click itself, before Bolt's handling, which comes a turn later.

import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter, type SlackConfig } from '../../adapters/slack/index.js';
import { BUSY_PREFIX, BUSY_TEXT } from '../../adapters/slack/click-path.js';
import { HardenedReceiver } from '../../adapters/slack/receiver.js';
import { ackLatency } from '../../src/ops/metrics.js';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore, sql } from '../../src/db/index.js';
import type { ActionInvocation, Reply, Studybot } from '../../src/quiz/api.js';
import { createStudybot } from '../../src/quiz/index.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { SlackTestClient, type SlackBlock } from '../support/slack-client.js';

const log = pino({ level: 'silent' });
const SECRET = 'click-path-secret';

const privateReply = (text: string): Reply => ({ visibility: 'private', view: { text, blocks: [{ type: 'text', text }] } });

/** A core whose action the test scripts (no quiz rules). */
function scriptedBot(onAction: (inv: ActionInvocation) => Promise<Reply[]>): Studybot {
  return {
    command: async () => [],
    action: onAction,
    autocomplete: async () => [],
    commands: () => [{ name: 'apigw', description: 'API Gateway', deckId: 'api-gateway', subcommands: [] }],
    attachChat() {},
    startRound(): never {
      throw new Error('not used');
    },
    closeDueRounds: async () => 0,
    flush: async () => {},
  };
}

const until = async (check: () => boolean, what: string, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

const questionBlocks = () => [
  { type: 'section', text: { type: 'mrkdwn', text: 'Q?' } },
  {
    type: 'actions',
    elements: ['A', 'B'].map((l) => ({ type: 'button', action_id: `ans:r1:${l}`, value: `ans:r1:${l}`, text: { text: l } })),
  },
];

describe('click path (scripted core)', () => {
  let fake: FakeSlackApi;
  let slack: SlackAdapter | undefined;
  let client: SlackTestClient;

  beforeAll(async () => {
    fake = await FakeSlackApi.start();
  });
  afterAll(() => fake.close());
  afterEach(async () => {
    await slack?.stop();
    slack = undefined;
    fake.clearCalls();
  });

  async function start(bot: Studybot, extra: Partial<SlackConfig> = {}) {
    slack = await startSlack({
      config: { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0, botId: 'B1', botUserId: 'UB', ...extra },
      bot,
      log,
    });
    client = new SlackTestClient(`http://127.0.0.1:${(slack.server!.address() as { port: number }).port}/slack/events`, SECRET);
  }

  const click = (user: string, responseId: string, actionTs?: string) =>
    client.click({
      user: { id: user, name: user.toLowerCase() }, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl(responseId),
      message: { ts: '1712345678.000100', blocks: questionBlocks() }, button: 'A', ...(actionTs ? { actionTs } : {}),
    });

  it('lets far more than 4 clicks into the core at once (what the store batches is what is in flight)', async () => {
    const inCore = new Set<string>();
    let release!: () => void;
    const all = new Promise<void>((r) => (release = r));
    await start(
      scriptedBot(async (inv) => {
        inCore.add(inv.user.id);
        if (inCore.size === 40) release();
        await all; // nobody leaves the core before all 40 are in it
        return [privateReply('Correct!')];
      }),
    );
    const acks = await Promise.all(Array.from({ length: 40 }, (_, i) => click(`U${i}`, `r-many-${i}`)));
    expect(acks.every((a) => a.status === 200)).toBe(true);
    await slack!.idle();
    expect(inCore.size).toBe(40);
    for (let i = 0; i < 40; i++) expect(fake.responses(`r-many-${i}`).map((c) => c.body.text)).toEqual(['Correct!']);
  });

  it("handles one user's clicks one after the other: the second waits for the first's result", async () => {
    let releaseFirst!: () => void;
    const firstGate = new Promise<void>((r) => (releaseFirst = r));
    let n = 0;
    await start(
      scriptedBot(async () => {
        if (++n === 1) {
          await firstGate;
          return [privateReply('Correct!')];
        }
        return [privateReply('You already answered.')];
      }),
    );
    await click('UALICE', 'r-order', '1712345679.000001');
    await click('UALICE', 'r-order', '1712345679.000002');
    await click('UBOB', 'r-other');
    // Another user is not held up; the second click of the same user has not reached the core.
    await until(() => fake.responses('r-other').length === 1, "the other user's reply");
    expect(n).toBe(2);
    expect(fake.responses('r-order')).toEqual([]);
    releaseFirst();
    await slack!.idle();
    expect(n).toBe(3);
    expect(fake.responses('r-order').map((c) => c.body.text)).toEqual(['Correct!', 'You already answered.']);
  });

  it('tells a user whose result is late that the click is received, then sends the result; nothing for a toggle', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await start(
      scriptedBot(async () => {
        await gate;
        return [privateReply('Correct!')];
      }),
      { clickBusyAfterMs: 30 },
    );
    await click('USLOW', 'r-slow');
    await until(() => fake.responses('r-slow').length === 1, 'the busy note');
    release();
    await slack!.idle();
    const sent = fake.responses('r-slow').map((c) => c.body);
    expect(sent.map((b) => b.text)).toEqual([BUSY_TEXT, 'Correct!']);
    expect(sent[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(BUSY_TEXT.startsWith(BUSY_PREFIX)).toBe(true);
  });

  it('a click holds its slot until its reply is sent, so a click behind a slow delivery waits before the core and is told', async () => {
    const reached: string[] = [];
    await start(
      scriptedBot(async (inv) => {
        reached.push(inv.user.id);
        return [privateReply(`Correct, ${inv.user.id}!`)];
      }),
      { maxConcurrentClicks: 1, clickBusyAfterMs: 50 },
    );
    const release = fake.holdResponses('r-held');
    await click('UFIRST', 'r-held');
    await until(() => fake.responses('r-held').length === 1, 'the first reply on its way');
    await click('USECOND', 'r-second');
    // The first click's reply is still being delivered: the second has not reached the core, and
    // its user hears that the click was received.
    await until(() => fake.responses('r-second').length === 1, 'the busy note');
    expect(reached).toEqual(['UFIRST']);
    expect(fake.responses('r-second')[0]!.body.text).toBe(BUSY_TEXT);
    release();
    await slack!.idle();
    expect(reached).toEqual(['UFIRST', 'USECOND']);
    expect(fake.responses('r-second').map((c) => c.body.text)).toEqual([BUSY_TEXT, 'Correct, USECOND!']);
    expect(fake.responses('r-held').map((c) => c.body.text)).toEqual(['Correct, UFIRST!']);
  });

  it('behind a backlog the newest click goes first, one user\'s clicks stay in order, and each waiting click gets one busy note then its result', async () => {
    const reached: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await start(
      scriptedBot(async (inv) => {
        reached.push(inv.user.id);
        if (inv.user.id === 'UBLOCK') await held;
        const n = reached.filter((u) => u === inv.user.id).length;
        return [privateReply(n === 1 ? `Correct, ${inv.user.id}!` : `Already answered, ${inv.user.id}`)];
      }),
      { maxConcurrentClicks: 1, clickBusyAfterMs: 50 },
    );
    await click('UBLOCK', 'r-block');
    await until(() => reached.length === 1, 'the first click in the core');
    await click('UA', 'r-a1', '1712345678.000001');
    await click('UB', 'r-b');
    await click('UA', 'r-a2', '1712345678.000002');
    await click('UC', 'r-c');
    // All four wait longer than the busy delay (which also turns the order newest first).
    await until(() => ['r-a1', 'r-b', 'r-a2', 'r-c'].every((r) => fake.responses(r).length === 1), 'the busy notes');
    release();
    await slack!.idle();
    // UC is the newest; UA's second click is the next newest, so UA's first runs before it.
    expect(reached).toEqual(['UBLOCK', 'UC', 'UA', 'UA', 'UB']);
    expect(fake.responses('r-a1').map((c) => c.body.text)).toEqual([BUSY_TEXT, 'Correct, UA!']);
    expect(fake.responses('r-a2').map((c) => c.body.text)).toEqual([BUSY_TEXT, 'Already answered, UA']);
    expect(fake.responses('r-b').map((c) => c.body.text)).toEqual([BUSY_TEXT, 'Correct, UB!']);
    expect(fake.responses('r-c').map((c) => c.body.text)).toEqual([BUSY_TEXT, 'Correct, UC!']);
  });

  it('a checkbox toggle never gets a busy note, however long the wait', async () => {
    await start(scriptedBot(async () => [privateReply('unused')]), { clickBusyAfterMs: 0 });
    const { renderView } = await import('../../adapters/slack/render.js');
    const msg = renderView({
      text: 'Select TWO',
      blocks: [{ type: 'text', text: 'Select TWO' }],
      actions: [{ type: 'multiselect', id: 'pick:r2', submitId: 'submit:r2', placeholder: 'Pick two', min: 2, max: 2,
        options: ['A', 'B', 'C'].map((v) => ({ value: v, label: v })) }],
    });
    const res = await client.interactive(
      SlackTestClient.checkboxTogglePayload({
        user: { id: 'UT' }, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl('r-toggle'),
        message: { ts: '1712345678.000200', blocks: msg.blocks as never }, checked: ['A'],
      }),
    );
    expect(res.status).toBe(200);
    await slack!.idle();
    expect(fake.responses('r-toggle')).toEqual([]);
  });
});

describe.each(dbTargets)('a burst of clicks on the real core and store ($name)', (target) => {
  let t: TestDatabase;
  let fake: FakeSlackApi;
  let slack: SlackAdapter;
  let client: SlackTestClient;
  let bot: Studybot;

  beforeAll(async () => {
    t = await openTestDatabase(target, 'click_path');
    fake = await FakeSlackApi.start();
    fake.addUser({ id: 'UHOST', name: 'host', is_admin: true }); // `quiz 1` is an admin's preview
    const decks = await DeckLibrary.load('content', { log });
    bot = createStudybot({ store: createQuizStore(t.database), decks, explain, log, quizMinutes: 60 });
    slack = await startSlack({
      config: { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0, botId: 'B1', botUserId: 'UB' },
      bot,
      log,
    });
    client = new SlackTestClient(`http://127.0.0.1:${(slack.server!.address() as { port: number }).port}/slack/events`, SECRET);
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
    await t?.close();
  });

  it('200 users (every 10th double-clicks): one answer each, every acked click answered, the result before "already answered", one card each', async () => {
    await client.command({ command: '/apigw', text: 'quiz 1', user: { id: 'UHOST' }, channelId: 'C1', teamId: 'T1', responseUrl: fake.responseUrl('start') });
    await slack.idle();
    const post = fake.calls('chat.postMessage')[0]!;
    const message = { ts: String(post.response!.ts), blocks: post.body.blocks as SlackBlock[] };

    const users = Array.from({ length: 200 }, (_, i) => `U${i}`);
    const clickOf = (user: string, i: number, second = false) =>
      client.click({
        user: { id: user, name: user }, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl(`burst-${user}`),
        message, button: ['A', 'B', 'C', 'D'][i % 4]!, actionTs: `1712345679.${second ? '9' : '0'}${String(i).padStart(5, '0')}`,
      });
    const acks = await Promise.all(users.flatMap((u, i) => (i % 10 === 3 ? [clickOf(u, i), clickOf(u, i, true)] : [clickOf(u, i)])));
    expect(acks.every((a) => a.status === 200)).toBe(true);
    await slack.idle();

    const rows = (await t.database.db.execute(sql`select user_key from answers`)) as unknown as { rows: { user_key: string }[] };
    expect(rows.rows.map((r) => r.user_key).sort()).toEqual(users.map((u) => `slack:T1:${u}`).sort());
    for (const [i, u] of users.entries()) {
      const texts = fake.responses(`burst-${u}`).map((c) => String(c.body.text)).filter((x) => !x.startsWith(BUSY_PREFIX));
      expect(texts).toHaveLength(i % 10 === 3 ? 2 : 1);
      expect(texts[0]).toMatch(/Correct|Not quite/);
      if (i % 10 === 3) expect(texts[1]).toMatch(/already answered/i);
    }
    // Every recorded answer's memory card, written after its reply, exactly once; every user's name saved.
    await bot.flush();
    const cards = (await t.database.db.execute(sql`select user_key, last_round_id, reps from (
      select user_key, last_round_id, (card->>'reps')::int as reps from memory_cards) c`)) as unknown as { rows: { user_key: string; last_round_id: string; reps: number }[] };
    const roundId = JSON.stringify(message.blocks).match(/"a:(\d+):/)![1];
    expect(cards.rows.map((r) => r.user_key).sort()).toEqual(users.map((u) => `slack:T1:${u}`).sort());
    expect(cards.rows.every((r) => r.last_round_id === roundId && r.reps === 1)).toBe(true);
    const names = (await t.database.db.execute(sql`select count(*)::int as n from users where display_name like 'U%'`)) as unknown as { rows: { n: number }[] };
    expect(names.rows[0]!.n).toBe(200);
  });
});

describe('the receiver acks a click before Bolt sees it', () => {
  type Event = { body: Record<string, unknown>; ack: (body?: unknown) => Promise<void>; retryNum?: number; customProperties?: Record<string, unknown> };
  let receiver: HardenedReceiver;
  let client: SlackTestClient;
  const events: Event[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));

  beforeAll(async () => {
    receiver = new HardenedReceiver({ signingSecret: SECRET, log });
    // A stand-in for Bolt's App that never acks a click and holds every click until released.
    receiver.init({
      processEvent: async (event: Event) => {
        events.push(event);
        if (event.body.type === 'block_actions') await gate;
        else await event.ack();
      },
    } as never);
    const server = await receiver.start(0);
    client = new SlackTestClient(`http://127.0.0.1:${(server.address() as { port: number }).port}/slack/events`, SECRET);
  });
  afterAll(() => receiver?.stop());

  it('answers 200 at once and hands Bolt the parsed click a turn later; idle() waits for its handling; a command is acked by Bolt', async () => {
    const payload = SlackTestClient.blockActionsPayload({
      user: { id: 'U1' }, teamId: 'T1', channelId: 'C1', responseUrl: 'http://127.0.0.1:1/r', message: { ts: '1.2', blocks: questionBlocks() }, button: 'B',
    });
    const acksTimed = async () =>
      (await ackLatency.get()).values.find((v) => v.metricName === 'studybot_interaction_ack_seconds_count' && v.labels.platform === 'slack' && v.labels.kind === 'action')?.value ?? 0;
    const timedBefore = await acksTimed();
    // Bolt (here: the stand-in) has neither acked nor finished the click, yet Slack got its 200.
    expect(await client.interactive(payload, { retryNum: 1 })).toEqual({ status: 200, body: '' });
    await until(() => events.length === 1, 'the click handed to Bolt');
    expect(await acksTimed()).toBe(timedBefore + 1); // the ack metric times the front door's answer
    const click = events[0]!;
    expect(click.body).toMatchObject({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'ans:r1:B' }] });
    expect(click.retryNum).toBe(1);
    expect(typeof click.customProperties?.ackedAt).toBe('number');
    let idle = false;
    const idled = receiver.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(idle).toBe(false);
    release();
    await idled;

    // Anything else goes through Bolt's receiver, which acks when Bolt says so.
    const res = await client.command({ command: '/apigw', text: 'help', user: { id: 'U1' }, channelId: 'C1', teamId: 'T1', responseUrl: 'http://127.0.0.1:1/r' });
    expect(res.status).toBe(200);
    expect(events[1]!.body).toMatchObject({ command: '/apigw', text: 'help' });
    // Bolt's own answers come back through the front door with their bodies (here: Slack's URL check).
    const challenge = await client.interactive({ type: 'url_verification', challenge: 'c-123' });
    expect(challenge.status).toBe(200);
    expect(JSON.parse(challenge.body)).toEqual({ challenge: 'c-123' });
    // A forged click never reaches Bolt.
    expect((await client.interactive(payload, { forge: 'bad-signature' })).status).toBe(401);
    expect(events).toHaveLength(2);
  });
});
