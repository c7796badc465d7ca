// Shared pieces of the scheduler tests: the real core (createStudybot + createQuizStore) on the
// test database, a recorder chat, and a wrapper that records every startRound the scheduler makes.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { vi } from 'vitest';
import { createQuizStore } from '../../src/db/index.js';
import type { Database } from '../../src/db/index.js';
import { createStudybot, staticCatalog } from '../../src/quiz/index.js';
import type { StartRoundRequest, StartedRound, Studybot } from '../../src/quiz/api.js';
import type { ChannelRef, UserRef } from '../../src/quiz/ids.js';
import { createSchedulePort, createScheduler, type Scheduler, type SchedulerOptions } from '../../src/schedule/index.js';
import { RecordingChat } from '../support/chat-recorder.js';
import { apiGatewayDeck } from '../support/decks.js';

export const FAKE_TIMERS: Parameters<typeof vi.useFakeTimers>[0] = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
};

export const silentLog = pino({ level: 'silent' });

export const decks = staticCatalog([apiGatewayDeck()]);

export const channel = (n: number | string, workspace = 'T1'): ChannelRef => ({ platform: 'slack', workspace, channel: `C${n}` });

export const admin = (c: ChannelRef): UserRef => ({ platform: c.platform, workspace: c.workspace, id: 'UADMIN', name: 'Ada', isAdmin: true });

export async function resetScheduleTables(database: Database): Promise<void> {
  await database.db.execute(
    sql.raw('truncate "schedule_channels", "schedule_daily_claims", "answers", "rounds", "users", "channels" restart identity'),
  );
}

export interface StartCall {
  req: StartRoundRequest;
  at: Date;
  instance: string;
}

/** One bot process: its own core instance on the shared database, posting into the shared recorder. */
export function makeCore(database: Database, chat: RecordingChat, calls: StartCall[], instance = 'p1') {
  const store = createQuizStore(database, { channelCacheMs: 0 });
  const core = createStudybot({ store, decks, log: silentLog });
  core.attachChat(chat);
  const bot: Pick<Studybot, 'startRound' | 'closeDueRounds' | 'recoverPost'> = {
    startRound: (req): Promise<StartedRound> => {
      calls.push({ req, at: new Date(), instance });
      return core.startRound(req);
    },
    closeDueRounds: () => core.closeDueRounds(),
    recoverPost: (roundId) => core.recoverPost!(roundId),
  };
  return { core, store, bot };
}

export function settings(database: Database) {
  const port = createSchedulePort({ database, decks, channelTimezones: createQuizStore(database, { channelCacheMs: 0 }) });
  return {
    port,
    /** `/apigw schedule <args>` as an admin of the channel. */
    set: (c: ChannelRef, args: string) => port.command({ channel: c, user: admin(c), deckId: 'api-gateway', args }),
  };
}

export function scheduler(
  database: Database,
  bot: SchedulerOptions['bot'],
  instanceId: string,
  extra: Partial<SchedulerOptions> = {},
): Scheduler {
  return createScheduler({ database, bot, log: silentLog, instanceId, ...extra });
}

/**
 * Advances fake time to each of the next `minutes` minute boundaries (where the cron tick fires)
 * and lets every scheduler finish its tick and posts there, so the clock reads the boundary
 * while database I/O is in flight.
 */
export async function walkMinutes(minutes: number, schedulers: Scheduler[]): Promise<void> {
  for (let i = 0; i < minutes; i++) {
    await vi.advanceTimersByTimeAsync(60_000 - (Date.now() % 60_000));
    await Promise.all(schedulers.map((s) => s.idle()));
  }
}

/** Advances fake time in small steps (retry timers), settling work in between. */
export async function walkSeconds(seconds: number, schedulers: Scheduler[], step = 1): Promise<void> {
  for (let i = 0; i < seconds; i += step) {
    await vi.advanceTimersByTimeAsync(step * 1000);
    await Promise.all(schedulers.map((s) => s.idle()));
  }
}
