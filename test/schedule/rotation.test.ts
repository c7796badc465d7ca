// Deck rotation of the question of the day (`schedule decks a,b`): the real core, the real
// scheduler and settings port on PGlite (and real Postgres when TEST_DATABASE_URL is set).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Deck } from '../../src/content/types.js';
import { createQuizStore, openDatabase } from '../../src/db/index.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import { channelKey } from '../../src/quiz/ids.js';
import { createSchedulePort, parseScheduleArgs, type Scheduler } from '../../src/schedule/index.js';
import { rotationOrder } from '../../src/schedule/rotation.js';
import { getSchedule, listClaims } from '../../src/schedule/store.js';
import { RecordingChat, textOf } from '../support/chat-recorder.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { apiGatewayDeck, question } from '../support/decks.js';
import { FAKE_TIMERS, admin, channel, resetScheduleTables, scheduler, silentLog, type StartCall } from './support.js';

const at = (iso: string) => new Date(iso);

function deck(id: string, command: string, title: string, playable = true): Deck {
  const questions = playable
    ? [question(id, 'Q1'), question(id, 'Q2')]
    : [question(id, 'Q1', { scored: false }), question(id, 'Q2', { kind: 'flashcard', options: [] } as never)];
  return { ...apiGatewayDeck(), id, command, title, path: `content/${id}.md`, questions };
}

describe('parseScheduleArgs: deck lists', () => {
  const known = new Set(['api-gateway', 'lambda', 's3']);
  const isDeck = (t: string) => known.has(t.toLowerCase());

  it.each([
    ['09:00 decks api-gateway,lambda', ['api-gateway', 'lambda']],
    ['deck api-gateway,lambda 09:00', ['api-gateway', 'lambda']],
    ['decks=api-gateway,LAMBDA,s3', ['api-gateway', 'LAMBDA', 's3']],
    ['deck:api-gateway', ['api-gateway']],
    ['decks api-gateway, lambda, s3 close 2h', ['api-gateway', 'lambda', 's3']],
    // Discord sends the deck option's value bare.
    ['09:00 api-gateway,lambda', ['api-gateway', 'lambda']],
    // Unknown names are the port's to answer (with "did you mean").
    ['decks api-gatway,lambda', ['api-gatway', 'lambda']],
  ])('%j → %j', (args, deckIds) => {
    expect(parseScheduleArgs(args, isDeck)).toMatchObject({ kind: 'set', deckIds });
  });

  it.each([
    ['09:00 decks', 'Name the deck'],
    ['decks a,b decks c', 'Give the decks once'],
    ['api-gateway decks lambda', 'Give the decks once'],
    ['09:00 api-gateway,nope', 'is not a set of weekdays'],
  ])('%j → %s', (args, message) => {
    const parsed = parseScheduleArgs(args, isDeck);
    expect(parsed.kind === 'error' && parsed.message).toContain(message);
  });

  it('rotationOrder continues after the last deck and wraps', () => {
    expect(rotationOrder(['a', 'b', 'c'], null)).toEqual(['a', 'b', 'c']);
    expect(rotationOrder(['a', 'b', 'c'], 'a')).toEqual(['b', 'c', 'a']);
    expect(rotationOrder(['a', 'b', 'c'], 'c')).toEqual(['a', 'b', 'c']);
    expect(rotationOrder(['a', 'b', 'c'], 'gone')).toEqual(['a', 'b', 'c']);
  });
});

describe.each(dbTargets)('deck rotation on $name', (target) => {
  let t: TestDatabase;
  let chat: RecordingChat;
  let calls: StartCall[];
  let running: Scheduler[];
  /** The deck library: tests remove or empty decks in place, as a reload would. */
  let library: Deck[];

  beforeAll(async () => {
    t = await openTestDatabase(target, 'schedule_rotation');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetScheduleTables(t.database);
    chat = new RecordingChat('slack');
    calls = [];
    running = [];
    library = [apiGatewayDeck(), deck('lambda', 'lambda', 'Lambda'), deck('s3', 's3', 'S3')];
    vi.useFakeTimers(FAKE_TIMERS);
  });
  afterEach(async () => {
    for (const s of running) await s.stop();
    vi.useRealTimers();
  });

  const catalog = () => staticCatalog(library);
  const port = () =>
    createSchedulePort({ database: t.database, decks: catalog(), channelTimezones: createQuizStore(t.database, { channelCacheMs: 0 }) });
  const run = (args: string, c = channel(1)) =>
    port()
      .command({ channel: c, user: admin(c), deckId: 'api-gateway', args })
      .then(textOf);

  function instance(id: string): Scheduler {
    const core = createStudybot({ store: createQuizStore(t.database, { channelCacheMs: 0 }), decks: catalog(), log: silentLog });
    core.attachChat(chat);
    const s = scheduler(t.database, {
      startRound: (req) => {
        calls.push({ req, at: new Date(), instance: id });
        return core.startRound(req);
      },
      closeDueRounds: () => core.closeDueRounds(),
    }, id);
    running.push(s);
    return s;
  }

  async function tickAt(iso: string, schedulers: Scheduler[]) {
    vi.setSystemTime(at(iso));
    await Promise.all(schedulers.map((s) => s.tick()));
    await Promise.all(schedulers.map((s) => s.idle()));
  }

  /** The deck of each day posted, by day (from the claims, which record the deck posted). */
  const postedDecks = async () =>
    (await listClaims(t.database.db))
      .filter((c) => c.state === 'posted')
      .sort((a, b) => a.localDate.localeCompare(b.localDate))
      .map((c) => c.deckId);

  it('stores the rotation, shows it with the next deck, and names an unknown deck with "did you mean"', async () => {
    vi.setSystemTime(at('2026-11-26T06:00:00Z'));
    const set = await run('09:00 UTC daily decks api-gateway,LAMBDA,s3');
    expect(set).toContain('Question of the day scheduled');
    expect(set).toContain('Decks (one a day, in turn): API Gateway (api-gateway) → Lambda (lambda) → S3 (s3)');
    expect(set).toContain('Next deck: API Gateway (api-gateway)');
    expect((await getSchedule(t.database.db, 'slack:T1:C1'))?.deckIds).toEqual(['api-gateway', 'lambda', 's3']);

    const bad = await run('10:00 decks api-gateway,lambad');
    expect(bad).toContain('There is no deck "lambad". Did you mean lambda?');
    expect(bad).toContain('Decks: api-gateway, lambda, s3.');
    const shown = await run('');
    expect(shown).toContain('Time: 09:00 UTC');
    expect(shown).toContain('→ S3 (s3)');

    // A deck by its command, case-insensitive, alone: back to one deck.
    const single = await run('deck APIGW');
    expect(single).toContain('Deck: API Gateway (api-gateway)');
    expect(single).not.toContain('Next deck');
    expect((await getSchedule(t.database.db, 'slack:T1:C1'))?.deckIds).toBeNull();
  });

  it('posts one deck per day in order, wraps round, and `schedule` names the next one', async () => {
    vi.setSystemTime(at('2026-11-26T06:00:00Z'));
    await run('09:00 UTC daily decks api-gateway,lambda,s3');
    const s = instance('p1');
    await tickAt('2026-11-26T09:00:00Z', [s]);
    expect(await run('')).toContain('Next deck: Lambda (lambda)');
    await tickAt('2026-11-27T09:00:00Z', [s]);
    await tickAt('2026-11-28T09:00:00Z', [s]);
    await tickAt('2026-11-29T09:00:00Z', [s]);
    expect(calls.map((c) => c.req.deckId)).toEqual(['api-gateway', 'lambda', 's3', 'api-gateway']);
    expect(await postedDecks()).toEqual(['api-gateway', 'lambda', 's3', 'api-gateway']);
    expect(chat.posts).toHaveLength(4);
    const claims = (await listClaims(t.database.db)).sort((a, b) => a.localDate.localeCompare(b.localDate));
    expect(claims.map((c) => [c.localDate, c.state, c.deckId])).toEqual([
      ['2026-11-26', 'posted', 'api-gateway'],
      ['2026-11-27', 'posted', 'lambda'],
      ['2026-11-28', 'posted', 's3'],
      ['2026-11-29', 'posted', 'api-gateway'],
    ]);
  });

  it('skips a deck that no longer loads or has no playable question, and says so in the schedule reply', async () => {
    vi.setSystemTime(at('2026-11-26T06:00:00Z'));
    await run('09:00 UTC daily decks api-gateway,lambda,s3');
    const s = instance('p1');
    await tickAt('2026-11-26T09:00:00Z', [s]);
    library.splice(1, 1); // lambda is gone
    const shown = await run('');
    expect(shown).toContain('Next deck: S3 (s3)');
    expect(shown).toContain('Skipped in the rotation until it can be asked from again: lambda (not loaded).');
    await tickAt('2026-11-27T09:00:00Z', [s]);
    expect(await postedDecks()).toEqual(['api-gateway', 's3']);
    expect(chat.posts).toHaveLength(2);

    library.splice(0, 1, deck('api-gateway', 'apigw', 'API Gateway', false)); // no playable question left
    expect(await run('')).toContain('api-gateway (no playable questions), lambda (not loaded)');
    await tickAt('2026-11-28T09:00:00Z', [s]);
    expect(await postedDecks()).toEqual(['api-gateway', 's3', 's3']);
    expect(chat.posts).toHaveLength(3);
  });

  it('when no deck of the rotation can be asked from, the day is skipped, not retried', async () => {
    vi.setSystemTime(at('2026-11-26T06:00:00Z'));
    await run('09:00 UTC daily decks lambda,s3');
    library = [apiGatewayDeck()];
    const s = instance('p1');
    expect(await run('')).toContain('Next deck: none: no deck of the rotation can be used');
    await tickAt('2026-11-26T09:00:00Z', [s]);
    await tickAt('2026-11-26T09:01:00Z', [s]);
    expect(chat.posts).toHaveLength(0);
    expect((await listClaims(t.database.db)).map((c) => c.state)).toEqual(['skipped']);
  });

  it('three instances ticking together still post each day once, rotating', async () => {
    vi.setSystemTime(at('2026-11-26T06:00:00Z'));
    await run('09:00 UTC daily decks api-gateway,lambda', channel(1));
    await run('09:00 UTC daily decks s3,lambda', channel(2));
    const all = [instance('p1'), instance('p2'), instance('p3')];
    await tickAt('2026-11-26T09:00:00Z', all);
    await tickAt('2026-11-26T09:01:00Z', all);
    await tickAt('2026-11-27T09:00:00Z', all);
    const byChannel = (n: number) => calls.filter((c) => channelKey(c.req.channel) === `slack:T1:C${n}`).map((c) => [c.req.dailyDate, c.req.deckId]);
    expect(byChannel(1)).toEqual([
      ['2026-11-26', 'api-gateway'],
      ['2026-11-27', 'lambda'],
    ]);
    expect(byChannel(2)).toEqual([
      ['2026-11-26', 's3'],
      ['2026-11-27', 'lambda'],
    ]);
    expect(chat.posts).toHaveLength(4);
  });
});

describe('deck rotation across a restart on a real data folder', () => {
  it('the next process continues the rotation from what the database says was posted', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'studybot-rotation-'));
    const decks = staticCatalog([apiGatewayDeck(), deck('lambda', 'lambda', 'Lambda'), deck('s3', 's3', 'S3')]);
    const chat = new RecordingChat('slack');
    let now = at('2026-11-26T06:00:00Z');
    const clock = { now: () => now };
    /** One process lifetime: open the folder, optionally configure, tick once at `iso`, close. */
    async function lifetime(iso: string, args?: string) {
      const database = await openDatabase({ dataDir: path.join(dir, 'data') });
      try {
        if (args) {
          const port = createSchedulePort({ database, decks, clock });
          await port.command({ channel: channel(1), user: admin(channel(1)), deckId: 'api-gateway', args });
        }
        now = at(iso);
        const core = createStudybot({ store: createQuizStore(database), decks, clock, log: silentLog });
        core.attachChat(chat);
        const s = scheduler(database, core, `p-${iso}`, { clock });
        await s.tick();
        await s.idle();
        await s.stop();
        const shown = await createSchedulePort({ database, decks, clock }).command({ channel: channel(1), user: admin(channel(1)), deckId: 'api-gateway', args: '' });
        return textOf(shown);
      } finally {
        await database.close();
      }
    }
    try {
      expect(await lifetime('2026-11-26T09:00:00Z', '09:00 UTC daily decks s3,api-gateway,lambda')).toContain('Next deck: API Gateway (api-gateway)');
      expect(await lifetime('2026-11-27T09:00:00Z')).toContain('Next deck: Lambda (lambda)');
      expect(await lifetime('2026-11-28T09:00:00Z')).toContain('Next deck: S3 (s3)');
      expect(chat.posts.map((p) => textOf(p.view).match(/S3|Lambda|API Gateway/)?.[0])).toEqual(['S3', 'API Gateway', 'Lambda']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
