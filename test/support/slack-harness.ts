// The Slack side of a test through the real Bolt app: the fake Slack API, startSlack listening on
// 127.0.0.1 (port 0) and pointed at the fake, and a SlackTestClient signing with the app's secret.
// command() and click() post like Slack, check the ack (200), wait until the adapter is idle and
// answer with what reached that request's own response_url.
//
//   const h = await startSlackHarness({ bot, signingSecret: 'x', users: [alice] });
//   const [reply] = await h.command({ command: '/apigw', text: 'help', user: alice, channelId: 'C1' });
//   await h.close();

import pino from 'pino';
import { expect } from 'vitest';
import { startSlack, type SlackAdapter, type SlackConfig } from '../../adapters/slack/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { FakeSlackApi, type FakeSlackUser, type RecordedCall } from '../fakes/slack-api.js';
import { SlackTestClient, type ClickArgs, type CommandArgs, type SendOptions, type SlackBlock, type SlackResponse } from './slack-client.js';

type StartSlackOptions = Parameters<typeof startSlack>[0];

/** Web API retries without waiting: a refused call is retried at once. */
export const FAST_RETRIES = { retries: 2, minTimeout: 0, maxTimeout: 1 };

// One sequence for every harness of a test file: apps started in turn on one fake never share a response_url.
let responseSeq = 0;

export interface SlackHarnessOptions {
  bot: Studybot;
  signingSecret: string;
  /** Default: silent. */
  log?: StartSlackOptions['log'];
  clock?: StartSlackOptions['clock'];
  /**
   * Config over the defaults (bot ids set, so Bolt never calls auth.test; FAST_RETRIES). The token,
   * secret, API URL and port are always the harness's own.
   */
  config?: Partial<SlackConfig>;
  /** Added to the fake before the app starts. */
  users?: FakeSlackUser[];
  /** A fake already running (shared by several apps): close() leaves it open. */
  fake?: FakeSlackApi;
}

type WithoutRoute<T> = Omit<T, 'responseUrl' | 'teamId'> & { teamId?: string };

export interface SlackHarness {
  readonly fake: FakeSlackApi;
  readonly slack: SlackAdapter;
  readonly client: SlackTestClient;
  /** A response_url on the fake that no other request of this harness uses, and the id it is read back by. */
  responseUrl(prefix?: string): { id: string; url: string };
  /** A slash command (team T1 unless given), acked with 200; resolves with what reached its response_url. */
  command(args: WithoutRoute<CommandArgs>, opts?: SendOptions): Promise<RecordedCall[]>;
  /** Clicks a button (team T1 unless given), acked with 200; resolves with the payload sent and what reached its response_url. */
  click(args: WithoutRoute<ClickArgs>, opts?: SendOptions): Promise<{ replies: RecordedCall[]; payload: Record<string, unknown> }>;
  /** Posts any interactivity payload and waits until the adapter is idle; the HTTP answer, unchecked. */
  interact(payload: object, opts?: SendOptions): Promise<SlackResponse>;
  close(): Promise<void>;
}

export async function startSlackHarness(opts: SlackHarnessOptions): Promise<SlackHarness> {
  const fake = opts.fake ?? (await FakeSlackApi.start());
  const ownFake = !opts.fake;
  for (const user of opts.users ?? []) fake.addUser(user);
  let slack: SlackAdapter;
  try {
    slack = await startSlack({
      config: {
        botId: 'BBOT',
        botUserId: 'UBOT',
        retryConfig: FAST_RETRIES,
        // Tests compare replies; a slow, shared host must not turn a result into the busy note
        // (the click-path tests set their own).
        clickBusyAfterMs: 60_000,
        ...opts.config,
        botToken: fake.token,
        signingSecret: opts.signingSecret,
        apiUrl: fake.apiUrl,
        port: 0,
      },
      bot: opts.bot,
      log: opts.log ?? pino({ level: 'silent' }),
      ...(opts.clock ? { clock: opts.clock } : {}),
    });
  } catch (err) {
    if (ownFake) await fake.close();
    throw err;
  }
  const { port } = slack.server!.address() as { port: number };
  const client = new SlackTestClient(`http://127.0.0.1:${port}/slack/events`, opts.signingSecret);

  const responseUrl = (prefix = 'r') => {
    const id = `${prefix}-${++responseSeq}`;
    return { id, url: fake.responseUrl(id) };
  };

  return {
    fake,
    slack,
    client,
    responseUrl,
    async command(args, sendOpts) {
      const response = responseUrl('cmd');
      const res = await client.command({ teamId: 'T1', ...args, responseUrl: response.url }, sendOpts);
      expect(res.status).toBe(200);
      await slack.idle();
      return fake.responses(response.id);
    },
    async click(args, sendOpts) {
      const response = responseUrl('click');
      const payload = SlackTestClient.blockActionsPayload({ teamId: 'T1', ...args, responseUrl: response.url });
      const res = await client.interactive(payload, sendOpts);
      expect(res.status).toBe(200);
      await slack.idle();
      return { replies: fake.responses(response.id), payload };
    },
    async interact(payload, sendOpts) {
      const res = await client.interactive(payload, sendOpts);
      await slack.idle();
      return res;
    },
    async close() {
      await slack.stop();
      if (ownFake) await fake.close();
    },
  };
}

/** Every text in a Block Kit message, one a line: to assert on wording without pinning layout. */
export function textOf(blocks: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out.join('\n');
}

/** The labels of a message's buttons, in order. */
export const buttonsOf = (blocks: SlackBlock[]) => blocks.flatMap((b) => b.elements ?? []).filter((e) => e.type === 'button').map((e) => e.text?.text);

/** The last message posted in `channel` with an ok chat.postMessage, as the bot first posted it. */
export function lastPosted(fake: FakeSlackApi, channel: string): { ts: string; blocks: SlackBlock[] } {
  const call = fake.calls('chat.postMessage').filter((c) => c.body.channel === channel && c.response?.ok).at(-1);
  if (!call) throw new Error(`nothing posted in ${channel}`);
  return { ts: String(call.response!.ts), blocks: call.body.blocks as SlackBlock[] };
}
