// The delivery log in Postgres (src/db/delivery-log.ts) on its own, and under the Slack adapter:
// a redelivered or replayed click, command or form is dropped after a restart (a new adapter, a new
// log instance, the same database), which the in-memory log could not do.

import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../adapters/slack/index.js';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createDeliveryLog } from '../../src/db/delivery-log.js';
import { createQuizStore, sql } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { SlackTestClient, type SlackBlock } from '../support/slack-client.js';

const log = pino({ level: 'silent' });
const SECRET = 'delivery-log-secret';

describe.each(dbTargets)('delivery log ($name)', (target) => {
  let t: TestDatabase;
  let now = Date.parse('2026-11-26T10:00:00Z');
  const clock = { now: () => new Date(now) };

  beforeAll(async () => {
    t = await openTestDatabase(target, 'delivery_log');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t.reset();
    now += 86_400_000;
  });

  const count = async () =>
    Number(((await t.database.db.execute(sql.raw('select count(*)::int as n from delivery_log'))) as { rows: { n: number }[] }).rows[0]!.n);

  it('claims a key once across log instances and concurrent calls, again after it expires; purge drops expired rows', async () => {
    const a = createDeliveryLog(t.database, { ttlMs: 60_000, now: () => now });
    const b = createDeliveryLog(t.database, { ttlMs: 60_000, now: () => now });
    const results = await Promise.all([...Array.from({ length: 5 }, () => a.first('k1')), ...Array.from({ length: 5 }, () => b.first('k1'))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.first('k2')).toBe(true);
    expect(await a.first('k2')).toBe(false);
    now += 59_999;
    expect(await a.first('k1')).toBe(false);
    now += 1;
    expect(await b.first('k1')).toBe(true); // expired: may run again, and is claimed anew
    expect(await a.first('k1')).toBe(false);
    now += 60_000;
    expect(await count()).toBe(2);
    expect(await a.purgeExpired()).toBe(2);
    expect(await count()).toBe(0);
  });

  describe('under the Slack adapter, across a restart', () => {
    let fake: FakeSlackApi;
    let bot: Studybot;
    let slack: SlackAdapter | undefined;
    let client: SlackTestClient;

    beforeAll(async () => {
      const decks = await DeckLibrary.load('content', { log });
      bot = createStudybot({ store: createQuizStore(t.database), decks, explain, clock, log });
      fake = await FakeSlackApi.start();
      fake.addUser({ id: 'UHOST', name: 'host', is_admin: true }); // `quiz 1` is an admin's preview
    });
    afterAll(async () => {
      await slack?.stop();
      await fake?.close();
    });

    /** A fresh adapter process: new memory, new delivery log instance, same database. */
    async function restart() {
      await slack?.stop();
      slack = await startSlack({
        config: { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0, botId: 'BBOT', botUserId: 'UBOT', retryConfig: { retries: 0 } },
        bot,
        log,
        clock,
        deliveryLog: createDeliveryLog(t.database, { now: () => now }),
      });
      client = new SlackTestClient(`http://127.0.0.1:${(slack.server!.address() as { port: number }).port}/slack/events`, SECRET);
    }

    async function send(payload: Record<string, unknown>, retryNum?: number) {
      const res = await client.interactive(payload, retryNum === undefined ? {} : { retryNum });
      await slack!.idle();
      return res;
    }

    it('a click, a command and a form redelivered after a restart run once', async () => {
      await restart();
      const command = SlackTestClient.commandBody({ command: '/apigw', text: 'quiz 1', user: { id: 'UHOST' }, channelId: 'CLOG', teamId: 'T1', responseUrl: fake.responseUrl('cmd'), triggerId: `trigger-${randomUUID()}` }).toString();
      expect((await client.send(command)).status).toBe(200);
      await slack!.idle();
      const post = fake.calls('chat.postMessage').filter((c) => c.body.channel === 'CLOG' && c.response?.ok).at(-1)!;
      const message = { ts: String(post.response!.ts), blocks: post.body.blocks as SlackBlock[] };
      const click = SlackTestClient.blockActionsPayload({ user: { id: 'UALICE', name: 'alice' }, teamId: 'T1', channelId: 'CLOG', responseUrl: fake.responseUrl('click'), message, button: 'B' });
      expect((await send(click)).status).toBe(200);
      expect(fake.responses('click')).toHaveLength(1);
      const report = SlackTestClient.blockActionsPayload({ user: { id: 'UALICE', name: 'alice' }, teamId: 'T1', channelId: 'CLOG', responseUrl: fake.responseUrl('report'), message, button: 'Report a problem' });
      await send(report);
      const view = fake.openedViews().at(-1)!;
      const submission = fake.viewSubmissionPayload(view.id, { user: { id: 'UALICE', name: 'alice' }, values: 'The answer should be C' });
      expect(JSON.stringify(JSON.parse((await send(submission)).body))).toMatch(/Thanks! Report #\d+/);

      await restart();
      // Slack retries all three (the first acks were "lost"): nothing runs again.
      expect((await send(click, 1)).status).toBe(200);
      expect((await client.send(command, { retryNum: 1 })).status).toBe(200);
      await slack!.idle();
      const again = await send(submission, 1);
      expect(JSON.stringify(JSON.parse(again.body))).toMatch(/already sent/);
      expect(fake.responses('click')).toHaveLength(1);
      expect(fake.responses('cmd')).toHaveLength(1);
      expect(fake.calls('chat.postMessage').filter((c) => c.body.channel === 'CLOG')).toHaveLength(1);
      const reports = ((await t.database.db.execute(sql.raw('select count(*)::int as n from question_reports'))) as { rows: { n: number }[] }).rows[0]!.n;
      expect(Number(reports)).toBe(1);
    });
  });
});
