// Measures what a flood of large forged posts does to a real command's ack, against the studybot
// adapter (hardened receiver) and against a plain Bolt app (its own HTTPReceiver). Prints figures;
// asserts nothing (timings are not tests). Usage:
//   npx tsx test/slack/hostile-flood.ts [posts=200] [megabytes=4]
// The flood comes from a child process (this file with `flood <port>`), so the attacker's own
// writes do not share the measured event loop. Each forged post carries a well-formed signature header and a fresh timestamp but a wrong HMAC,
// so it can only be refused by reading and hashing it, or by its size.

import { fork } from 'node:child_process';
import http from 'node:http';
import { App } from '@slack/bolt';
import pino from 'pino';
import { startSlack } from '../../adapters/slack/index.js';
import type { CommandSpec, Reply, Studybot } from '../../src/quiz/api.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackTestClient, signSlackRequest } from '../support/slack-client.js';

const POSTS = Number(process.argv[2] ?? 200);
const MEGABYTES = Number(process.argv[3] ?? 4);
const SECRET = 'flood-secret';
const log = pino({ level: 'silent' });

const spec: CommandSpec = { name: 'apigw', description: 'API Gateway', deckId: 'api-gateway', subcommands: [] };
const note = (t: string): Reply => ({ visibility: 'private', view: { text: t, blocks: [{ type: 'text', text: t }] } });
const bot: Studybot = {
  command: async () => [note('ok')],
  action: async () => [note('ok')],
  autocomplete: async () => [],
  commands: () => [spec],
  attachChat: () => {},
  startRound: () => {
    throw new Error('not used');
  },
  closeDueRounds: async () => 0,
  flush: async () => {},
};

function forged(port: number, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const ts = Math.floor(Date.now() / 1000);
    const req = http.request(
      {
        host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length, 'x-slack-request-timestamp': ts, 'x-slack-signature': signSlackRequest(SECRET, ts, 'not this body') },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

/** Runs the flood in a child process; resolves with the statuses it got. */
function floodFrom(port: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url).pathname, ['flood', String(port), String(POSTS), String(MEGABYTES)], { execArgv: ['--import', 'tsx'] });
    child.once('message', (m) => resolve(m as number[]));
    child.once('error', reject);
  });
}

async function quiet(name: string, port: number, fake: FakeSlackApi) {
  const client = new SlackTestClient(`http://127.0.0.1:${port}/slack/events`, SECRET);
  const acks: number[] = [];
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    await client.command({ command: '/apigw', text: 'help', user: { id: 'UREAL' }, channelId: 'C1', teamId: 'T1', responseUrl: fake.responseUrl(`${name}-q${i}`) });
    if (i >= 10) acks.push(performance.now() - started); // the first ten warm up
  }
  acks.sort((a, b) => a - b);
  console.log(`${name}: no flood, real command acks n=${acks.length} p50 ${acks[25]!.toFixed(1)} ms, max ${acks.at(-1)!.toFixed(1)} ms`);
}

async function measure(name: string, port: number, fake: FakeSlackApi) {
  await quiet(name, port, fake);
  const client = new SlackTestClient(`http://127.0.0.1:${port}/slack/events`, SECRET);
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  const flood = floodFrom(port);
  await new Promise((r) => setTimeout(r, 200)); // let the flood start
  const acks: number[] = [];
  let done = false;
  void flood.then(() => (done = true));
  for (let i = 0; i < 50 && (!done || i < 5); i++) {
    const started = performance.now();
    const res = await client.command({ command: '/apigw', text: 'help', user: { id: 'UREAL' }, channelId: 'C1', teamId: 'T1', responseUrl: fake.responseUrl(`${name}-${i}`) });
    if (res.status === 200) acks.push(performance.now() - started);
  }
  const statuses = await flood;
  clearInterval(sampler);
  const counts = statuses.reduce<Record<string, number>>((m, s) => ((m[s === -1 ? 'reset' : String(s)] = (m[s === -1 ? 'reset' : String(s)] ?? 0) + 1), m), {});
  acks.sort((a, b) => a - b);
  const pick = (q: number) => acks[Math.min(acks.length - 1, Math.floor(q * acks.length))]!.toFixed(1);
  console.log(`${name}: ${POSTS} forged ${MEGABYTES} MB posts → ${JSON.stringify(counts)}; real command acks during the flood: n=${acks.length} p50 ${pick(0.5)} ms, max ${pick(1)} ms; peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
}

if (process.argv[2] === 'flood') {
  const [port, posts, megabytes] = process.argv.slice(3).map(Number) as [number, number, number];
  const body = Buffer.alloc(Math.floor(megabytes * 1024 * 1024), 'a');
  const statuses = await Promise.all(Array.from({ length: posts }, () => forged(port, body)));
  process.send!(statuses, () => process.exit(0));
} else {
  await main();
}

async function main() {
  const fake = await FakeSlackApi.start();
  const slack = await startSlack({ config: { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0, botId: 'BBOT', botUserId: 'UBOT' }, bot, log });
  await measure('studybot (hardened receiver)', (slack.server!.address() as { port: number }).port, fake);
  await slack.stop();

  const plain = new App({ token: fake.token, signingSecret: SECRET, botId: 'BBOT', botUserId: 'UBOT', clientOptions: { slackApiUrl: fake.apiUrl }, logger: { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'error' as never, setName() {} } });
  plain.command('/apigw', async ({ ack }) => ack());
  const server = (await plain.start(0)) as http.Server;
  await measure('plain Bolt HTTPReceiver', (server.address() as { port: number }).port, fake);
  await plain.stop();
  await fake.close();
}
