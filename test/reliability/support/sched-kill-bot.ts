// One bot process for scheduler-kill.test.ts, run as a real child (`node --import tsx`): the real
// store and core on the shared Postgres schema, the real Slack ChatPort (@slack/web-api against the
// fake Web API, through the parent's per-child proxy) and the real scheduler, on the simulated
// clock every process reads from SIM_CLOCK_PIECES. Instead of node-cron's minute task it calls
// scheduler.tick() every TICK_MS real milliseconds (the scheduler's tick also closes due rounds),
// and renews its leases like start()'s heartbeat would. The parent ends it with SIGKILL; only the
// last, clean process is asked to stop ({ type: 'stop' } over IPC). Exits when the parent goes away.
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { createSlackChat } from '../../../adapters/slack/chat.js';
import { createQuizStore, openDatabase } from '../../../src/db/index.js';
import { createStudybot, staticCatalog } from '../../../src/quiz/index.js';
import { createScheduler } from '../../../src/schedule/index.js';
import { renewLeases } from '../../../src/schedule/store.js';
import { apiGatewayDeck } from '../../support/decks.js';
import { CLOCK_ENV, decodePieces, simulatedClock } from './sim-clock.js';

export interface BotEnv {
  DATABASE_URL: string;
  DB_SCHEMA: string;
  SLACK_API_URL: string;
  SLACK_TOKEN: string;
  INSTANCE_ID: string;
  /** Scheduler lease, simulated ms. */
  LEASE_MS: string;
  /** Real ms between ticks. */
  TICK_MS: string;
  /** Real ms between lease renewals. */
  HEARTBEAT_MS: string;
  BOT_LOG_LEVEL?: string;
}

/** Messages a bot process sends its parent. */
export type BotMessage = { type: 'ready'; instanceId: string } | { type: 'stopped'; instanceId: string };

function env(name: keyof BotEnv): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const instanceId = env('INSTANCE_ID');
const leaseMs = Number(env('LEASE_MS'));
const tickMs = Number(env('TICK_MS'));
const heartbeatMs = Number(env('HEARTBEAT_MS'));
const clock = simulatedClock(decodePieces(process.env[CLOCK_ENV]));
const log = pino({ level: process.env.BOT_LOG_LEVEL ?? 'warn', base: { instance: instanceId } }, pino.destination({ fd: 2, sync: true }));

const database = await openDatabase({ url: env('DATABASE_URL'), schema: env('DB_SCHEMA'), migrate: false, poolSize: 3, log });
const store = createQuizStore(database, { channelCacheMs: 0 });
const core = createStudybot({ store, decks: staticCatalog([apiGatewayDeck()]), log, clock });
const web = new webApi.WebClient(env('SLACK_TOKEN'), { slackApiUrl: env('SLACK_API_URL'), retryConfig: { retries: 0 } });
core.attachChat(createSlackChat(web, log, { postRetry: { retries: 2, minMs: 10, maxMs: 50 } }));
const scheduler = createScheduler({ database, bot: core, log, clock, instanceId, leaseMs });

let stopping = false;
const send = (m: BotMessage) => {
  if (process.connected) process.send?.(m);
};

const heartbeat = setInterval(() => {
  renewLeases(database.db, instanceId, clock.now(), leaseMs).catch((err) => log.warn({ err }, 'lease renewal failed'));
}, heartbeatMs);

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    clearInterval(heartbeat);
    await scheduler.stop().catch((err) => log.error({ err }, 'scheduler stop failed'));
    await database.close().catch(() => {});
    send({ type: 'stopped', instanceId });
  }
  process.exit(code);
}

process.on('message', (m: { type?: string }) => {
  if (m?.type === 'stop') void shutdown(0);
});
// The parent (the test) went away: do not outlive it.
process.on('disconnect', () => void shutdown(0));

let first = true;
while (!stopping) {
  await scheduler.tick().catch((err) => log.error({ err }, 'scheduler tick failed'));
  if (first) {
    first = false;
    send({ type: 'ready', instanceId });
  }
  await new Promise((resolve) => setTimeout(resolve, tickMs));
}
