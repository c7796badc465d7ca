// The bot's Postgres connections are killed (pg_terminate_backend from another connection) in the
// middle of a burst of answers. Invariant: every click either ends recorded (and the user was told
// so) or the user is told it was not confirmed and to click again; no user is told "recorded" whose
// answer is missing, and clicking again after the outage records exactly one answer.
// Real Postgres only: skipped when TEST_DATABASE_URL is unset.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuizStore, sql } from '../../src/db/index.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import type { Reply } from '../../src/quiz/api.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';

const url = process.env.TEST_DATABASE_URL;
const USERS = 120;
const APP = `studybot_rel_kill_${process.pid}`;
const tagged = (u: string) => `${u}${u.includes('?') ? '&' : '?'}application_name=${APP}`;

const RECORDED = /^(Correct!|Not quite)/;
const NOT_CONFIRMED = /cannot confirm your answer\. Please click again|Please click again: if your answer was recorded/;
const ALREADY = /already answered/;

describe.skipIf(!url)('Postgres connections killed mid-burst', () => {
  let t: TestDatabase;
  let killer: pg.Client;

  beforeAll(async () => {
    t = await openTestDatabase({ name: 'postgres', url: tagged(url!) }, 'rel_pg_kill', { poolSize: 8 });
    killer = new pg.Client({ connectionString: url });
    await killer.connect();
  }, 60_000);
  afterAll(async () => {
    await killer?.end().catch(() => {});
    await t?.close();
  });

  /** Terminates this test's bot connections only (tagged by application_name; other suites share the server). */
  async function killBotConnections(): Promise<number> {
    const res = await killer.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()`,
      [APP],
    );
    return res.rowCount ?? 0;
  }

  it('every click ends recorded or is told to click again; none told "recorded" and then missing', async () => {
    const chat = new RecordingChat('slack');
    const now = new Date('2026-03-02T09:00:00Z');
    const bot = createStudybot({ store: createQuizStore(t.database), decks: staticCatalog([apiGatewayDeck()]), clock: { now: () => now } });
    bot.attachChat(chat);
    const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'CKILL' };
    const talk = new Conversation(bot, chat, channel);
    await talk.say(talk.user('UHOST', 'host', true), 'quiz 1'); // an admin's preview: the clicks take the same path, unscored
    const q = chat.lastPost(channel);

    const users = Array.from({ length: USERS }, (_, i) => talk.user(`U${i}`, `user ${i}`));
    const outcome = new Map<string, string>();
    const clickAll = (who: typeof users) =>
      Promise.all(
        who.map(async (u, i) => {
          const replies: Reply[] = await talk.click(u, q.ref, ['A', 'B', 'C', 'D'][i % 4]!);
          outcome.set(u.id, replies.map((r) => textOf(r.view)).join('\n'));
        }),
      );

    // The burst, with the bot's connections killed twice while it is in flight.
    const burst = clickAll(users);
    let killed = 0;
    for (let k = 0; k < 2; k++) {
      await new Promise((r) => setImmediate(r));
      killed += await killBotConnections();
    }
    await burst;
    await bot.flush().catch(() => {});
    expect(killed).toBeGreaterThan(0);

    const rows = await t.database.db.execute(sql.raw(`select user_key from answers`));
    const recorded = new Set(((rows as { rows?: { user_key: string }[] }).rows ?? []).map((r) => r.user_key));
    const told = { recorded: [] as string[], retry: [] as string[], other: [] as string[] };
    for (const u of users) {
      const text = outcome.get(u.id) ?? '';
      if (RECORDED.test(text)) told.recorded.push(u.id);
      else if (NOT_CONFIRMED.test(text)) told.retry.push(u.id);
      else told.other.push(`${u.id}: ${text}`);
    }
    expect(told.other).toEqual([]);
    // Told "recorded" ⇒ the row exists.
    expect(told.recorded.filter((id) => !recorded.has(`slack:T1:${id}`))).toEqual([]);

    // After the outage, everyone told to click again does so: exactly one answer per user.
    const retry = users.filter((u) => told.retry.includes(u.id));
    await clickAll(retry);
    for (const u of retry) expect(outcome.get(u.id)).toMatch(new RegExp(`${RECORDED.source}|${ALREADY.source}`));
    const after = await t.database.db.execute(sql.raw(`select user_key, count(*)::int as n from answers group by user_key`));
    const counts = ((after as { rows?: { user_key: string; n: number }[] }).rows ?? []);
    expect(counts).toHaveLength(USERS);
    expect(counts.every((r) => r.n === 1)).toBe(true);
  }, 60_000);
});
