// What `schedule` promises, checked against what the scheduler then does (review F11, F28, F3, F4):
// the real port, the real scheduler (ticked by hand with a fixed clock) and the real core on PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import { staticCatalog } from '../../src/quiz/index.js';
import { formatTime } from '../../src/quiz/time.js';
import { createSchedulePort, createScheduler } from '../../src/schedule/index.js';
import { RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck } from '../support/decks.js';
import { admin, channel, decks, makeCore, resetScheduleTables, silentLog, type StartCall } from './support.js';

describe.each(dbTargets)('schedule replies on $name', (target) => {
  let t: TestDatabase;
  let clockNow: Date;
  const clock = { now: () => clockNow };

  beforeAll(async () => {
    t = await openTestDatabase(target, 'schedule_replies');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetScheduleTables(t.database);
  });

  const portWith = (catalog = decks) =>
    createSchedulePort({ database: t.database, decks: catalog, clock, channelTimezones: createQuizStore(t.database, { channelCacheMs: 0 }) });
  const run = (args: string, catalog = decks, c = channel(1)) =>
    portWith(catalog)
      .command({ channel: c, user: admin(c), deckId: catalog.decks()[0]!.id, args })
      .then(textOf);

  /** One scheduler pass at the current clock, with the real core posting into a recorder. */
  async function tick(calls: StartCall[] = []) {
    const chat = new RecordingChat('slack');
    const { bot } = makeCore(t.database, chat, calls);
    const s = createScheduler({ database: t.database, bot, log: silentLog, instanceId: 'test', clock });
    await s.tick();
    await s.idle();
    await s.stop();
    return calls;
  }

  it('moving the time later after today’s post says the next one comes tomorrow (F11)', async () => {
    clockNow = new Date('2026-12-08T07:00:00Z'); // Tue 08:00 Berlin
    await run('09:00 Europe/Berlin mon-fri');
    clockNow = new Date('2026-12-08T08:00:30Z'); // Tue 09:00 Berlin: posted
    expect((await tick()).map((c) => c.req.dailyDate)).toEqual(['2026-12-08']);

    clockNow = new Date('2026-12-08T09:00:00Z'); // Tue 10:00 Berlin
    const moved = await run('15:00');
    expect(moved).toMatch(/Next question: Wed 9 Dec, 15:00 \S+ \(in 1 day\); today’s was already posted at 09:00/);
    expect(moved).not.toContain('Tue 8 Dec, 15:00');
    expect(await run('')).toMatch(/Next question: Wed 9 Dec, 15:00/);

    // And indeed nothing comes at 15:00 today; Wednesday's does.
    clockNow = new Date('2026-12-08T14:00:30Z');
    expect(await tick()).toEqual([]);
    clockNow = new Date('2026-12-09T14:00:30Z');
    expect((await tick()).map((c) => c.req.dailyDate)).toEqual(['2026-12-09']);
  });

  it('moving the time earlier past now says today’s question is dropped', async () => {
    clockNow = new Date('2026-12-09T06:00:00Z'); // Wed 07:00 Berlin
    await run('09:00 Europe/Berlin mon-fri');
    clockNow = new Date('2026-12-09T06:30:00Z'); // Wed 07:30
    const moved = await run('07:00');
    expect(moved).toContain('Today’s question, due at 09:00');
    expect(moved).toContain('will not be posted');
    expect(moved).toMatch(/Next question: Thu 10 Dec, 07:00/);
    // A change that keeps today's question says nothing of the kind.
    expect(await run('08:00')).not.toContain('will not be posted');
  });

  it('a schedule whose deck file was renamed promises nothing and says what to do (F28)', async () => {
    clockNow = new Date('2026-12-08T10:00:00Z');
    await run('09:00 Europe/Berlin mon-fri');
    const renamed = staticCatalog([apiGatewayDeck({ id: 'apigw-notes', path: 'content/apigw-notes.md' })]);
    const shown = await run('', renamed);
    expect(shown).toContain('Deck: api-gateway (not loaded)');
    expect(shown).toContain('Next question: none: the deck “api-gateway” is not loaded');
    expect(shown).not.toMatch(/Next question: Wed/);
    expect(shown).toContain('No question of the day will be posted: the deck “api-gateway” is not loaded');
    expect(shown).toContain('`/apigw schedule deck apigw-notes`');
    // Following the advice fixes it.
    const fixed = await run('deck apigw-notes', renamed);
    expect(fixed).toMatch(/Next question: Wed 9 Dec, 09:00/);
    expect(fixed).not.toContain('not loaded');
  });

  it('the "change it" line is this channel’s own setting, ready to edit (F3)', async () => {
    clockNow = new Date('2026-12-08T10:00:00Z');
    const tokyo = await run('18:00 Asia/Tokyo mon,wed,fri close 2h');
    expect(tokyo).toContain('`/apigw schedule 18:00 Asia/Tokyo mon,wed,fri close 2h`');
    expect(tokyo).not.toContain('Europe/Berlin');
    const fixed = await run('07:30 UTC-3 daily close 90m', decks, channel(2));
    expect(fixed).toContain('Time: 07:30 UTC-3 (fixed offset, no daylight saving)');
    expect(fixed).toContain('`/apigw schedule 07:30 UTC-3 daily close 1h30m`');
    // The line typed back as is changes nothing.
    const again = await run('07:30 UTC-3 daily close 1h30m', decks, channel(2));
    expect(again).toContain('Time: 07:30 UTC-3');
    expect(again).toContain('Days: Every day');
    expect(again).toContain('1 hour 30 minutes after posting');
  });

  it('names the zone the way the posted question and the board do (F4)', async () => {
    clockNow = new Date('2026-11-26T10:00:00Z');
    for (const [n, zone, day, due] of [
      [1, 'Europe/Berlin', 'Fri 27 Nov', '2026-11-27T08:00:00Z'],
      [2, 'America/New_York', 'Thu 26 Nov', '2026-11-26T14:00:00Z'],
    ] as const) {
      const text = await run(`09:00 ${zone} mon-fri`, decks, channel(n));
      expect(text).toContain(`Next question: ${day}, ${formatTime(new Date(due), zone, new Date(due))} (in `);
    }
  });
});
