// Slack adapter: a Bolt 5 app that translates slash commands and Block Kit clicks into core
// invocations and renders the core's replies. It holds no quiz rules.
//
// Flow: every command/click is acked at once (Slack wants an answer within 3 s), then the core is
// called and each Reply is delivered through the request's response_url (ephemeral, in_channel or
// replace_original). Replying through the response_url rather than the Web API keeps 200 clicks a
// minute clear of chat.postEphemeral's Tier-4 limit. Channel messages outside an interaction go
// through the ChatPort (chat.postMessage / chat.update), which @slack/web-api rate-limits itself.
//
// Forms: a click whose reply carries a FormView opens it as a modal (views.open with the click's
// trigger_id); if that fails the reply's own view is sent privately instead. The modal's
// view_submission is routed back to the click's channel (private_metadata) and answered in the
// modal itself (response_action: 'update'), or, when the core is slow, after closing the modal with
// chat.postEphemeral.
//
// Modules: commands.ts, actions.ts, form-submissions.ts (one per kind of request), replies.ts
// (delivery through the response_url), chat.ts (the ChatPort), this file the wiring.

import { App, type BlockAction, type RespondFn, type ViewSubmitAction, webApi } from '@slack/bolt';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { StudybotError } from '../../src/errors.js';
import type { ChatPort, Clock, Reply, Studybot } from '../../src/quiz/api.js';
import { AdminResolver } from './admins.js';
import { boltLogger } from './bolt-logger.js';
import { ackLatency } from '../../src/ops/metrics.js';
import { handleBlockAction } from './actions.js';
import { busyNoteMessage, ClickPath, slackClick } from './click-path.js';
import { createSlackChat, singleShotClient, type SlackChatPort } from './chat.js';
import { exactCommands, handleCommand } from './commands.js';
import { routeSingleCommand } from './single-command.js';
import { handleViewSubmission, type ViewAck } from './form-submissions.js';
import { DeliveryLog, LayeredDeliveryLog, SharedOutcome } from './once.js';
import { HardenedReceiver, type EdgeHandle, type ReceiverLimits } from './receiver.js';
import type { Respond, SlackHandlerDeps } from './replies.js';
import { responseUrlClient } from './respond-fetch.js';
import { createImageDelivery, uploadClient } from './upload-image.js';

export { renderView, escapeSlack, selectedValues, SLACK_LIMITS } from './render.js';
export { encodeMessageRef, decodeMessageRef } from './refs.js';
export { createSlackChat, type SlackChatPort, type ChannelAccess } from './chat.js';
export { buildManifest } from './manifest.js';
export { commandText } from './commands.js';
export { DEFAULT_RECEIVER_LIMITS, type ReceiverLimits } from './receiver.js';

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
  /** Slash commands and form submissions handled by the core at once (default 4; clicks: click-path.ts). */
  maxConcurrentWork?: number;
  /** Clicks in the core at once (default 256) and when a late click gets a busy note (default 2000 ms): click-path.ts. */
  maxConcurrentClicks?: number;
  clickBusyAfterMs?: number;
  /**
   * How long a modal submission waits for the core before the modal is closed and the answer is
   * sent with chat.postEphemeral instead of in the modal (default 2000 ms; Slack allows 3 s).
   */
  formReplyBudgetMs?: number;
  /** STUDYBOT_SINGLE_COMMAND: one slash command for every deck (`/study <deck> quiz`), routed to the deck named first. */
  singleCommand?: string;
  /** Hosts a response_url may point at (default hooks.slack.com and apiUrl's host). */
  responseUrlHosts?: string[];
  /** HTTP mode: body, concurrency, timeout and connection limits of the receiver (defaults: DEFAULT_RECEIVER_LIMITS). */
  receiverLimits?: Partial<ReceiverLimits>;
  /** Where the HTTP front door runs: its own worker thread (default) or the adapter's ('inline'; bench comparisons). */
  httpThread?: 'worker' | 'inline';
  /** Waits before a reply with a chart that Slack refused (file still processing) is sent again (default [1000, 2000] ms). */
  imageRetryDelaysMs?: number[];
  /** How long a reply waits for its chart's upload before it goes without it (default 8000 ms). */
  imageUploadBudgetMs?: number;
}

export interface SlackAdapter {
  /** The Slack ChatPort, already attached to the bot (`bot.attachChat`). */
  chat: SlackChatPort;
  /** The HTTP front door in HTTP mode (absent in Socket Mode): its port and whether it listens. */
  server?: EdgeHandle;
  /** Resolves when every command/click received so far has been fully handled (tests, graceful shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

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
  /**
   * The shared delivery log (createDeliveryLog(database) from src/db/delivery-log.ts): redeliveries
   * and replays are then dropped across restarts and processes. Without it, per process only.
   */
  deliveryLog?: { first(key: string): Promise<boolean> };
}): Promise<SlackAdapter> {
  const { config, bot } = opts;
  validate(config);
  const log = opts.log.child({ adapter: 'slack' });
  const apiUrl = config.apiUrl ?? DEFAULT_SLACK_API_URL;
  const now = () => (opts.clock ?? { now: () => new Date() }).now().getTime();

  const responses = responseUrlClient({ apiUrl, log, ...(config.responseUrlHosts ? { allowedHosts: config.responseUrlHosts } : {}) });
  const responseFetch = responses.fetch;
  // Replies to a request's response_url, as Bolt's respond() sends them (Bolt's own when a payload has none).
  const respondTo = (responseUrl: unknown, bolts: RespondFn): Respond =>
    typeof responseUrl === 'string' && responseUrl ? (message) => responses.post(responseUrl, message) : bolts;
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: apiUrl,
    rejectRateLimitedCalls: false,
    fetch: responseFetch,
    ...(config.retryConfig ? { retryConfig: config.retryConfig } : {}),
  };
  const socketMode = !!config.appToken;
  const receiver = socketMode
    ? undefined
    : new HardenedReceiver({
        signingSecret: config.signingSecret!,
        log,
        ...(config.receiverLimits ? { limits: config.receiverLimits } : {}),
        ...(config.httpThread ? { thread: config.httpThread } : {}),
        clicks: { maxRunning: config.maxConcurrentClicks, busyAfterMs: config.clickBusyAfterMs, busy: (url) => responses.post(url, busyNoteMessage()) },
      });
  const app = new App({
    token: config.botToken,
    ...(socketMode
      ? { appToken: config.appToken, socketMode: true, installerOptions: { clientOptions: { slackApiUrl: apiUrl } } }
      : { receiver }),
    ...(config.botId ? { botId: config.botId } : {}),
    ...(config.botUserId ? { botUserId: config.botUserId } : {}),
    clientOptions,
    // No conversation-state middleware: nothing here uses it, and it costs every request a store lookup.
    convoStore: false,
    logger: boltLogger(log),
    // auth.test at start-up checks the token (and finds the bot's ids) unless both ids are configured.
    tokenVerificationEnabled: !(config.botId && config.botUserId),
    deferInitialization: true,
  });
  // views.open exchanges a trigger_id that Slack honours for 3 s only, so it goes through the
  // fail-fast client (no retries, a 429 is an error) that posts use too: the fallback view then goes
  // out at once instead of the click waiting through the shared client's half-hour retry policy.
  const singleShot = singleShotClient(app.client, log);
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
  const deliveries = new LayeredDeliveryLog(new DeliveryLog(30 * 60_000, 50_000, now), opts.deliveryLog, 'slack', log);
  const submissions = new SharedOutcome<Reply[]>(30 * 60_000, 10_000, now);
  const formReplyBudgetMs = config.formReplyBudgetMs ?? 2000;
  const inflight = new Set<Promise<void>>();
  const workQueue = pLimit(config.maxConcurrentWork ?? 4);
  /** Remember running work until done so idle()/stop() can wait for it. */
  const remember = (running: Promise<void>) => {
    inflight.add(running);
    return running.finally(() => inflight.delete(running));
  };
  /** Queue post-ack work (bounded), remembered until done. */
  const track = (work: () => Promise<void>) => remember(workQueue(work));

  const deps: SlackHandlerDeps = {
    bot,
    log,
    admins,
    deliveries,
    submissions,
    singleShot,
    get chat() {
      return chat;
    },
    formReplyBudgetMs,
    track,
    remember,
    images: createImageDelivery({
      uploader: uploadClient(config.botToken, apiUrl, log),
      responseFetch,
      log,
      ...(config.imageRetryDelaysMs ? { retryDelaysMs: config.imageRetryDelaysMs } : {}),
      ...(config.imageUploadBudgetMs !== undefined ? { uploadBudgetMs: config.imageUploadBudgetMs } : {}),
    }),
  };

  /** Acks at once and records how long the ack took from the moment Bolt handed us the request. */
  const timedAck = async (ack: () => Promise<void>, kind: 'command' | 'action') => {
    const started = performance.now();
    await ack();
    ackLatency.observe({ platform: 'slack', kind }, (performance.now() - started) / 1000);
  };

  const specs = bot.commands();
  if (specs.length === 0) log.warn('no deck commands to register: is the content folder empty?');
  const single = config.singleCommand?.replace(/^\//, '').toLowerCase();
  const singleOnly = single && !specs.some((s) => s.name === single) ? single : undefined;
  const names = [...specs.map((s) => s.name), ...(singleOnly ? [singleOnly] : [])];
  // One listener for every command: Bolt runs each listener's matchers on every request, clicks
  // included, so a listener per deck made each click cost ~9 µs more per deck (bench:load DECKS=40).
  if (names.length > 0) {
    app.command(exactCommands(names), async ({ ack, body, respond: bolts, context }) => {
      await timedAck(ack, 'command');
      const routed = body.command === `/${singleOnly}` ? routeSingleCommand(bot.commands(), body) : body;
      await track(() => handleCommand(deps, routed, respondTo(body.response_url, bolts), context.retryNum));
    });
  }
  const clicks = new ClickPath({ log, maxConcurrent: config.maxConcurrentClicks, busyAfterMs: config.clickBusyAfterMs });
  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body, respond: bolts, context }) => {
    const respond = respondTo(body.response_url, bolts);
    // In HTTP mode the receiver has acked already (and timed it; `ack` here does nothing) and says when.
    const { ackedAt, busyNote } = context as { ackedAt?: unknown; busyNote?: unknown };
    const arrivedAt = typeof ackedAt === 'number' ? ackedAt : performance.now();
    if (typeof ackedAt === 'number') await ack();
    else await timedAck(ack, 'action');
    const noteSent = busyNote instanceof Promise ? busyNote : undefined;
    await remember(clicks.run(slackClick(body, respond, arrivedAt, (turn) => handleBlockAction(deps, body, respond, context.retryNum, turn), noteSent)));
  });
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async ({ ack, body, context }) => {
    await handleViewSubmission(deps, body, ack as ViewAck, context.retryNum);
  });
  app.error(async (err) => {
    log.error({ err }, 'Bolt error');
  });

  const retry = config.retryConfig;
  const chat = createSlackChat(app.client, log, {
    singleShot,
    ...(deps.images ? { images: deps.images } : {}),
    ...(retry?.retries !== undefined
      ? { postRetry: { retries: retry.retries, minMs: retry.minTimeout ?? 1000, maxMs: retry.maxTimeout ?? 30_000 } }
      : {}),
  });
  bot.attachChat(chat);

  try {
    await app.init();
  } catch (err) {
    throw new StudybotError('config:invalid', 'Slack rejected SLACK_BOT_TOKEN (auth.test failed): check the token and SLACK_API_URL', { cause: err });
  }
  const started = (await app.start(config.port ?? 3000)) as unknown;
  const server = socketMode ? undefined : (started as EdgeHandle);
  log.info(
    { mode: socketMode ? 'socket' : 'http', commands: [...specs.map((s) => `/${s.name}`), ...(single ? [`/${single}`] : [])], ...(server ? { port: server.address().port } : {}) },
    'Slack adapter started',
  );

  let stopped = false;
  const idle = async () => {
    for (;;) {
      await receiver?.idle(); // clicks the receiver acked reach Bolt (and `inflight`) a turn later
      if (inflight.size === 0) return;
      await Promise.allSettled([...inflight]);
    }
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
