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

import type http from 'node:http';
import { App, type BlockAction, type RespondFn, type SlashCommand, type ViewSubmitAction, webApi } from '@slack/bolt';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { StudybotError, isStudybotError } from '../../src/errors.js';
import type { ChatPort, Clock, Reply, Studybot } from '../../src/quiz/api.js';
import type { ChannelRef, UserRef } from '../../src/quiz/ids.js';
import type { MessageView } from '../../src/quiz/views.js';
import { AdminResolver } from './admins.js';
import { boltLogger } from './bolt-logger.js';
import { ackLatency } from '../../src/ops/metrics.js';
import { within } from '../within.js';
import { createSlackChat, singleShotClient } from './chat.js';
import { ClickPath, slackClick, type ClickTurn } from './click-path.js';
import { decodeFormRoute, formModal, resultModal, submittedText, type FormRoute, type FormStateValues } from './forms.js';
import { DeliveryLog, SharedOutcome } from './once.js';
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
const FOREIGN_FORM = 'This form belongs to another workspace. Nothing was sent.';

const privateNote = (text: string): Reply => ({ visibility: 'private', view: { text, blocks: [{ type: 'text', text }] } });

/** The Slack error code of a failed Web API call (`expired_trigger_id`), or the error's message. */
function slackErrorCode(err: unknown): string {
  const e = err as { data?: { error?: string }; code?: string; message?: string };
  return e?.data?.error ?? e?.code ?? e?.message ?? String(err);
}


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
  const deliveries = new DeliveryLog(30 * 60_000, 50_000, now);
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

  /**
   * Open the core's form as a modal with the click's trigger_id. False when it could not be opened
   * (expired trigger, API error, an id Slack cannot carry): the caller then shows the reply's view.
   */
  async function openForm(reply: Reply, triggerId: string, route: FormRoute): Promise<boolean> {
    const form = reply.form!;
    const view = formModal(form, route);
    if (!view) {
      log.warn({ formId: form.id }, 'form id cannot be a Slack callback_id; showing its fallback view');
      return false;
    }
    try {
      await singleShot.views.open({ trigger_id: triggerId, view });
      return true;
    } catch (err) {
      log.warn({ error: slackErrorCode(err), formId: form.id, channel: `${route.team}:${route.channel}` }, 'views.open failed; showing the form as a private message instead');
      return false;
    }
  }

  /**
   * Deliver the core's replies in order through the response_url. A reply with a form (only on a
   * click, which brings a trigger_id) opens as a modal instead, and its view is sent only when the
   * modal could not be opened.
   */
  async function deliver(
    replies: Reply[],
    respond: RespondFn,
    fromClick: boolean,
    trigger?: { triggerId: string; route: FormRoute },
  ): Promise<void> {
    for (const reply of replies) {
      if (reply.form && trigger?.triggerId && (await openForm(reply, trigger.triggerId, trigger.route))) continue;
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

  async function onBlockAction(body: BlockAction, respond: RespondFn, retryNum: number | undefined, turn: ClickTurn): Promise<void> {
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
      await turn.replyTurn();
      await deliver(replies, respond, true, { triggerId: body.trigger_id, route: { team, channel: channelId } });
    } catch (err) {
      await turn.replyTurn();
      await reportFailure(err, respond, context);
    }
  }

  type ViewAck = (response?: { response_action: 'update'; view: ReturnType<typeof resultModal> }) => Promise<void>;

  /**
   * A submitted form (view_submission). Routed like the click that opened it: the channel comes
   * from the modal's private_metadata, which must name the workspace the submission comes from.
   * The core's answer replaces the modal when it comes within the budget; otherwise the modal is
   * closed and the answer follows as an ephemeral message in that channel. A redelivery of the same
   * view shares the first delivery's outcome, so the core runs once per submitted modal.
   * Every answer to a form is shown to the submitter only (the core's form answers are private).
   */
  async function onViewSubmission(body: ViewSubmitAction, ack: ViewAck, retryNum: number | undefined): Promise<void> {
    const started = performance.now();
    const acked = async (response?: Parameters<ViewAck>[0]) => {
      await ack(response);
      ackLatency.observe({ platform: 'slack', kind: 'form' }, (performance.now() - started) / 1000);
    };
    const route = decodeFormRoute(body.view.private_metadata);
    if (!route) {
      log.info({ callbackId: body.view.callback_id }, 'submission of a view that is not a studybot form ignored');
      await acked();
      return;
    }
    const team = body.team?.id ?? body.user.team_id;
    const title = body.view.title?.text ?? '';
    if (!team || team !== route.team) {
      log.warn({ team, formTeam: route.team, user: body.user.id }, 'form submitted from another workspace than it was opened in; refused');
      await acked({ response_action: 'update', view: resultModal(title, [privateNote(FOREIGN_FORM).view]) });
      return;
    }
    const channel: ChannelRef = { platform: 'slack', workspace: team, channel: route.channel };
    const user: UserRef = {
      platform: 'slack',
      workspace: team,
      id: body.user.id,
      name: body.user.name ?? (body.user as { username?: string }).username,
      isAdmin: admins.known(team, body.user.id),
    };
    const context = { formId: body.view.callback_id, channel: `${team}:${route.channel}`, user: body.user.id };
    const { first, result } = submissions.run(`view:${team}:${body.view.id}`, () => {
      let replies: Reply[] = [];
      return track(async () => {
        try {
          replies = await bot.action({
            channel,
            user,
            actionId: body.view.callback_id,
            values: [submittedText(body.view.state?.values as FormStateValues | undefined)],
            messageRef: null,
          });
        } catch (err) {
          if (isStudybotError(err) && err.code.startsWith('quiz:')) log.info({ err, ...context }, 'form refused');
          else log.error({ err, ...context }, 'form submission failed');
          replies = [privateNote(userMessage(err))];
        }
      }).then(() => replies);
    });
    if (!first) log.info({ retryNum, ...context }, 'repeated form submission: answering with the first outcome');

    const inTime = await within(result, formReplyBudgetMs);
    if (inTime.done) {
      const views = inTime.value.map((r) => r.view);
      await acked(views.length ? { response_action: 'update', view: resultModal(title, views) } : undefined);
      return;
    }
    // Too slow for the modal: close it now and deliver the answer where the form was opened.
    await acked();
    if (!first) return; // the first delivery posts it
    log.info(context, 'core slower than the modal budget; answering with chat.postEphemeral');
    await remember(
      result.then(async (replies) => {
        for (const reply of replies) await postPrivately(channel, body.user.id, reply.view, context);
      }),
    );
  }

  async function postPrivately(channel: ChannelRef, userId: string, view: MessageView, context: Record<string, unknown>): Promise<void> {
    try {
      await chat.postPrivate!(channel, userId, view);
    } catch (err) {
      log.warn({ err, ...context }, 'could not deliver the form answer with chat.postEphemeral');
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
  const clicks = new ClickPath({ log, maxConcurrent: config.maxConcurrentClicks, busyAfterMs: config.clickBusyAfterMs });
  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body, respond, context }) => {
    const arrivedAt = performance.now();
    await timedAck(ack, 'action');
    await remember(clicks.run(slackClick(body, respond, arrivedAt, (turn) => onBlockAction(body, respond, context.retryNum, turn))));
  });
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async ({ ack, body, context }) => {
    await onViewSubmission(body, ack as ViewAck, context.retryNum);
  });
  app.error(async (err) => {
    log.error({ err }, 'Bolt error');
  });

  const retry = config.retryConfig;
  const chat = createSlackChat(app.client, log, {
    singleShot,
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
