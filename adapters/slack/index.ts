// Slack adapter: a Bolt 5 app that translates slash commands and Block Kit clicks into core
// invocations and renders the core's replies. It holds no quiz rules.
//
// Flow: every command/click is acked at once (Slack wants an answer within 3 s), then the core is
// called and each Reply is delivered through the request's response_url (ephemeral, in_channel or
// replace_original). Replying through the response_url rather than the Web API keeps 200 clicks a
// minute clear of chat.postEphemeral's Tier-4 limit. Channel messages outside an interaction go
// through the ChatPort (chat.postMessage / chat.update), which @slack/web-api rate-limits itself.

import type http from 'node:http';
import { App, type BlockAction, type RespondFn, type SlashCommand, webApi } from '@slack/bolt';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { StudybotError, isStudybotError } from '../../src/errors.js';
import type { ChatPort, Clock, Reply, Studybot } from '../../src/quiz/api.js';
import type { ChannelRef, UserRef } from '../../src/quiz/ids.js';
import { AdminResolver } from './admins.js';
import { boltLogger } from './bolt-logger.js';
import { ackLatency } from '../../src/ops/metrics.js';
import { createSlackChat } from './chat.js';
import { DeliveryLog } from './once.js';
import { encodeMessageRef } from './refs.js';
import { renderView, selectedValues, type SlackStateValues } from './render.js';
import { responseUrlFetch } from './respond-fetch.js';

export { renderView, escapeSlack, selectedValues, SLACK_LIMITS } from './render.js';
export { encodeMessageRef, decodeMessageRef } from './refs.js';
export { createSlackChat } from './chat.js';
export { buildManifest } from './manifest.js';

export interface SlackConfig {
  /** SLACK_BOT_TOKEN (xoxb-…). */
  botToken: string;
  /** SLACK_SIGNING_SECRET: required in HTTP mode. */
  signingSecret?: string;
  /** SLACK_APP_TOKEN (xapp-…): when set, the app connects over Socket Mode instead of listening on HTTP. */
  appToken?: string;
  /** SLACK_API_URL: Web API base URL (default https://slack.com/api/), for a stand-in server. */
  apiUrl?: string;
  /** PORT for HTTP mode (default 3000; 0 = any free port). */
  port?: number;
  /** STUDYBOT_ADMINS: user ids (`U123` or `slack:T1:U123`) with admin rights besides workspace admins/owners. */
  admins?: string[];
  /** Bot ids; when both are given Bolt skips its auth.test call at start-up. */
  botId?: string;
  botUserId?: string;
  /** @slack/web-api retry policy (default: its own, ten retries in about thirty minutes). */
  retryConfig?: webApi.RetryOptions;
  /** How long a users.info admin answer is trusted (default 10 minutes). */
  adminCacheTtlMs?: number;
  /**
   * Most commands/clicks handled by the core at once (default 8). Acks never wait for this queue;
   * bounding the work behind them keeps the event loop free to ack a burst within Slack's 3 s.
   */
  maxConcurrentWork?: number;
}

export interface SlackAdapter {
  /** The Slack ChatPort, already attached to the bot (`bot.attachChat`). */
  chat: ChatPort;
  /** The HTTP server in HTTP mode (absent in Socket Mode). */
  server?: http.Server;
  /** Resolves when every command/click received so far has been fully handled (tests, graceful shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

const GENERIC_FAILURE = 'Sorry, something went wrong on my side. Please try again in a moment.';

/** Errors whose message is written for the user; anything else gets a generic line. */
function userMessage(err: unknown): string {
  if (isStudybotError(err) && (err.code.startsWith('quiz:') || err.code.startsWith('platform:'))) return err.message;
  return GENERIC_FAILURE;
}

function validate(config: SlackConfig): void {
  if (!config.botToken) throw new StudybotError('config:invalid', 'SLACK_BOT_TOKEN is required for the Slack adapter');
  if (!config.appToken && !config.signingSecret) {
    throw new StudybotError('config:invalid', 'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
}

export async function startSlack(opts: {
  config: SlackConfig;
  bot: Studybot;
  log: Logger;
  clock?: Clock;
}): Promise<SlackAdapter> {
  const { config, bot } = opts;
  validate(config);
  const log = opts.log.child({ adapter: 'slack' });
  const apiUrl = config.apiUrl ?? DEFAULT_SLACK_API_URL;
  const now = () => (opts.clock ?? { now: () => new Date() }).now().getTime();

  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: apiUrl,
    rejectRateLimitedCalls: false,
    fetch: responseUrlFetch({ apiUrl, log }),
    ...(config.retryConfig ? { retryConfig: config.retryConfig } : {}),
  };
  const socketMode = !!config.appToken;
  const app = new App({
    token: config.botToken,
    ...(socketMode
      ? { appToken: config.appToken, socketMode: true, installerOptions: { clientOptions: { slackApiUrl: apiUrl } } }
      : { signingSecret: config.signingSecret }),
    ...(config.botId ? { botId: config.botId } : {}),
    ...(config.botUserId ? { botUserId: config.botUserId } : {}),
    clientOptions,
    logger: boltLogger(log),
    // auth.test at start-up checks the token (and finds the bot's ids) unless both ids are configured.
    tokenVerificationEnabled: !(config.botId && config.botUserId),
    deferInitialization: true,
  });
  app.client.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfter: number, req: { url: string }) => {
    log.warn({ retryAfter, method: req.url.slice(apiUrl.length) }, 'Slack rate limited a Web API call; waiting');
  });

  const admins = new AdminResolver({
    client: app.client,
    ...(config.admins ? { admins: config.admins } : {}),
    ...(config.adminCacheTtlMs !== undefined ? { ttlMs: config.adminCacheTtlMs } : {}),
    now,
    log,
  });
  const deliveries = new DeliveryLog(30 * 60_000, 50_000, now);
  const inflight = new Set<Promise<void>>();
  const workQueue = pLimit(config.maxConcurrentWork ?? 8);
  /** Queue post-ack work (bounded), remembered until done so idle()/stop() can wait for it. */
  const track = (work: () => Promise<void>) => {
    const running = workQueue(work);
    inflight.add(running);
    return running.finally(() => inflight.delete(running));
  };

  /** Deliver the core's replies in order through the response_url. */
  async function deliver(replies: Reply[], respond: RespondFn, fromClick: boolean): Promise<void> {
    for (const reply of replies) {
      const msg = renderView(reply.view);
      if (reply.replaceSource && fromClick) await respond({ replace_original: true, ...msg });
      else {
        await respond({
          response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral',
          replace_original: false,
          ...msg,
        });
      }
    }
  }

  async function reportFailure(err: unknown, respond: RespondFn, context: Record<string, unknown>): Promise<void> {
    if (isStudybotError(err) && err.code.startsWith('quiz:')) log.info({ err, ...context }, 'request refused');
    else log.error({ err, ...context }, 'request failed');
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, text: renderView({ text: userMessage(err), blocks: [] }).text });
    } catch (respondErr) {
      log.warn({ err: respondErr, ...context }, 'could not tell the user about the failure');
    }
  }

  async function onCommand(body: SlashCommand, respond: RespondFn, retryNum: number | undefined): Promise<void> {
    const team = body.team_id;
    if (!deliveries.first(`command:${team}:${body.trigger_id}`)) {
      log.info({ retryNum, command: body.command }, 'duplicate command delivery ignored');
      return;
    }
    const channel: ChannelRef = { platform: 'slack', workspace: team, channel: body.channel_id };
    const context = { command: body.command, channel: `${team}:${body.channel_id}`, user: body.user_id };
    try {
      const user: UserRef = {
        platform: 'slack',
        workspace: team,
        id: body.user_id,
        name: body.user_name,
        isAdmin: await admins.isAdmin(team, body.user_id),
      };
      const replies = await bot.command({
        channel,
        user,
        command: body.command.replace(/^\//, ''),
        text: commandText(body.text ?? ''),
      });
      await deliver(replies, respond, false);
    } catch (err) {
      await reportFailure(err, respond, context);
    }
  }

  async function onBlockAction(body: BlockAction, respond: RespondFn, retryNum: number | undefined): Promise<void> {
    const action = body.actions[0];
    // Checkbox toggles arrive one by one; only the Submit button carries a choice.
    if (!action || action.type !== 'button') return;
    const team = body.team?.id ?? body.user.team_id;
    const channelId = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    if (!team || !channelId) {
      log.warn({ actionId: action.action_id }, 'click without team or channel ignored');
      return;
    }
    if (!deliveries.first(`action:${team}:${body.user.id}:${action.action_ts}:${body.trigger_id}`)) {
      log.info({ retryNum, actionId: action.action_id }, 'duplicate click delivery ignored');
      return;
    }
    const container = body.container ?? {};
    const messageRef =
      container.type === 'message' && !container.is_ephemeral && container.message_ts
        ? encodeMessageRef({ team, channel: channelId, ts: String(container.message_ts) })
        : null;
    const values = selectedValues(body.state?.values as SlackStateValues | undefined, action.block_id);
    const context = { actionId: action.action_id, channel: `${team}:${channelId}`, user: body.user.id };
    try {
      const replies = await bot.action({
        channel: { platform: 'slack', workspace: team, channel: channelId },
        user: {
          platform: 'slack',
          workspace: team,
          id: body.user.id,
          name: body.user.name ?? body.user.username,
          isAdmin: admins.known(team, body.user.id),
        },
        actionId: action.action_id,
        ...(values ? { values } : {}),
        messageRef,
      });
      await deliver(replies, respond, true);
    } catch (err) {
      await reportFailure(err, respond, context);
    }
  }

  /** Acks at once and records how long the ack took from the moment Bolt handed us the request. */
  const timedAck = async (ack: () => Promise<void>, kind: 'command' | 'action') => {
    const started = performance.now();
    await ack();
    ackLatency.observe({ platform: 'slack', kind }, (performance.now() - started) / 1000);
  };

  const specs = bot.commands();
  if (specs.length === 0) log.warn('no deck commands to register: is the content folder empty?');
  for (const spec of specs) {
    app.command(`/${spec.name}`, async ({ ack, body, respond, context }) => {
      await timedAck(ack, 'command');
      await track(() => onCommand(body, respond, context.retryNum));
    });
  }
  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body, respond, context }) => {
    await timedAck(ack, 'action');
    await track(() => onBlockAction(body, respond, context.retryNum));
  });
  app.error(async (err) => {
    log.error({ err }, 'Bolt error');
  });

  const chat = createSlackChat(app.client, log);
  bot.attachChat(chat);

  try {
    await app.init();
  } catch (err) {
    throw new StudybotError('config:invalid', 'Slack rejected SLACK_BOT_TOKEN (auth.test failed): check the token and SLACK_API_URL', { cause: err });
  }
  const started = (await app.start(config.port ?? 3000)) as unknown;
  const server = socketMode ? undefined : (started as http.Server);
  log.info(
    { mode: socketMode ? 'socket' : 'http', commands: specs.map((s) => `/${s.name}`), ...(server ? { port: portOf(server) } : {}) },
    'Slack adapter started',
  );

  let stopped = false;
  const idle = async () => {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
  };
  return {
    chat,
    ...(server ? { server } : {}),
    idle,
    async stop() {
      if (stopped) return;
      stopped = true;
      await idle();
      await app.stop();
    },
  };
}

/**
 * Slack escapes `&`, `<`, `>` in command text and (with should_escape) sends mentions as
 * `<@U123|alice>`. The core gets what the user typed, mentions as `<@U123>`.
 */
export function commandText(raw: string): string {
  return raw
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '\u0000$1\u0000')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u0000([UW][A-Z0-9]+)\u0000/g, '<@$1>')
    .trim();
}

function portOf(server: http.Server): number | undefined {
  const addr = server.address();
  return typeof addr === 'object' && addr ? addr.port : undefined;
}
