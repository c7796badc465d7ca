// Measures what a burst of clicks on one channel question costs through the real stack:
// signed HTTP → Bolt → adapter → core → fake Slack API. The clicking client runs in a child
// process (as Slack would be), so ack latencies are not inflated by the client's own work.
// Prints figures; asserts nothing.
//   npx tsx test/slack/click-burst.ts [clicks=200] [concurrency=50]
//   TEST_DATABASE_URL=postgres://… npx tsx test/slack/click-burst.ts   (real Postgres instead of PGlite)

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { startSlack } from '../../adapters/slack/index.js';
import { createDeliveryLog } from '../../src/db/delivery-log.js';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore, openDatabase } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackTestClient, type SlackBlock } from '../support/slack-client.js';

interface Job {
  url: string;
  secret: string;
  responseBase: string;
  message: { ts: string; blocks: SlackBlock[] };
  clicks: number;
  concurrency: number;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function runClient(job: Job): Promise<{ ackMs: number[]; totalMs: number }> {
  const client = new SlackTestClient(job.url, job.secret);
  const ackMs: number[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < job.clicks) {
      const i = next++;
      const t0 = performance.now();
      const res = await client.click({
        user: { id: `U${i + 1}`, name: `user${i + 1}` }, teamId: 'T1', channelId: 'C1',
        responseUrl: `${job.responseBase}click-${i}`, message: job.message, button: ['A', 'B', 'C', 'D'][i % 4]!,
      });
      ackMs.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`click ${i}: HTTP ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  return { ackMs, totalMs: performance.now() - started };
}

if (process.argv.includes('--client')) {
  process.once('message', (job: Job) => {
    runClient(job).then((r) => process.send!(r, () => process.exit(0)));
  });
} else {
  const clicks = Number(process.argv[2] ?? 200);
  const concurrency = Number(process.argv[3] ?? 50);
  const log = pino({ level: 'silent' });
  const url = process.env.TEST_DATABASE_URL;
  const database = await openDatabase({ ...(url ? { url } : { dataDir: 'memory://' }), schema: `burst_${process.pid}`, log });
  const store = createQuizStore(database);
  const decks = await DeckLibrary.load('content', { log });
  const bot = createStudybot({ store, decks, explain, log, admins: ['U0'] }); // U0 posts `quiz 1`, an admin's preview
  const fake = await FakeSlackApi.start();
  const slack = await startSlack({
    config: {
      botToken: fake.token, signingSecret: 's', apiUrl: fake.apiUrl, port: 0, botId: 'B', botUserId: 'UB',
      ...(process.env.MAX_WORK ? { maxConcurrentWork: Number(process.env.MAX_WORK) } : {}),
    },
    bot,
    log,
    // DELIVERY_LOG=1: the Postgres delivery log (one claim per click, group-committed) as in production.
    ...(process.env.DELIVERY_LOG === '1' ? { deliveryLog: createDeliveryLog(database) } : {}),
  });
  bot.attachChat(slack.chat);
  const { port } = slack.server!.address() as { port: number };
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;

  await new SlackTestClient(eventsUrl, 's').command({
    command: '/apigw', text: 'quiz 1', user: { id: 'U0' }, channelId: 'C1', teamId: 'T1', responseUrl: fake.responseUrl('start'),
  });
  await slack.idle();
  const post = fake.calls('chat.postMessage')[0]!;
  const message = { ts: String(post.response!.ts), blocks: post.body.blocks as SlackBlock[] };
  fake.clearCalls();

  const child = fork(fileURLToPath(import.meta.url), ['--client'], { execArgv: ['--import', 'tsx'] });
  const started = performance.now();
  const result = await new Promise<{ ackMs: number[]; totalMs: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { ackMs: number[]; totalMs: number }));
    child.once('error', reject);
    child.send({ url: eventsUrl, secret: 's', responseBase: fake.responseUrl(''), message, clicks, concurrency } satisfies Job);
  });
  await slack.idle();
  void started;
  const replies = fake.calls('response_url');
  const repliedMs = replies.length ? replies.at(-1)!.time - replies[0]!.time : 0;
  await bot.flush();

  const count = (m: string) => fake.calls(m).length;
  const shown = JSON.stringify(fake.message('C1', message.ts)!.blocks).match(/(\d+) answers? so far/)?.[1];
  console.log(`database: ${database.kind}; clicks: ${clicks}; client concurrency: ${concurrency}; adapter work limit: ${process.env.MAX_WORK ?? 4}; delivery log: ${process.env.DELIVERY_LOG === '1' ? 'Postgres' : 'memory'}`);
  console.log(`ack latency ms: p50 ${pct(result.ackMs, 50).toFixed(1)}  p95 ${pct(result.ackMs, 95).toFixed(1)}  max ${Math.max(...result.ackMs).toFixed(1)}`);
  console.log(`burst acked in ${result.totalMs.toFixed(0)} ms; first to last private reply: ${repliedMs.toFixed(0)} ms`);
  console.log(`response_url posts: ${count('response_url')} (one per click)`);
  console.log(`Web API calls during the burst: chat.update ${count('chat.update')}, chat.postEphemeral ${count('chat.postEphemeral')}, chat.postMessage ${count('chat.postMessage')}, users.info ${count('users.info')}`);
  console.log(`live count on the message after flush: ${shown} answers`);

  await slack.stop();
  await fake.close();
  await database.close();
}
