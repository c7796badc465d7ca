// Sends what Slack sends to a Bolt app in HTTP mode: slash commands (form fields) and
// block_actions (`payload=<JSON>`), signed exactly like Slack (v0 HMAC-SHA256 of
// `v0:<timestamp>:<raw body>`), or forged on purpose to test that Bolt rejects them.

import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type Forgery = 'bad-signature' | 'stale-timestamp' | 'no-signature';

export interface SendOptions {
  /** Sends `x-slack-retry-num` (and `x-slack-retry-reason`) like Slack's redeliveries. */
  retryNum?: number;
  retryReason?: string;
  forge?: Forgery;
}

export interface SlackResponse {
  status: number;
  body: string;
}

export interface SlackUserIdentity {
  id: string;
  name?: string;
}

export interface CommandArgs {
  command: string;
  text?: string;
  user: SlackUserIdentity;
  channelId: string;
  teamId: string;
  responseUrl: string;
  triggerId?: string;
}

/** A Block Kit block as a message carries it (only what the click helpers read). */
export interface SlackBlock {
  type: string;
  block_id?: string;
  elements?: { type: string; action_id?: string; value?: string; text?: { text: string }; options?: { value: string; text: { text: string } }[] }[];
  [key: string]: unknown;
}

export interface ClickArgs {
  user: SlackUserIdentity;
  teamId: string;
  channelId: string;
  responseUrl: string;
  /** The message that carries the control: its blocks, and its ts unless it is ephemeral. */
  message: { blocks: SlackBlock[]; ts?: string; ephemeral?: boolean };
  /** The button's label as rendered ("A", "Submit", "Share to channel"). */
  button: string;
  /** Checkbox values ticked in the message when clicking (state.values), by option value. */
  checked?: string[];
  actionTs?: string;
  /** Slack Connect: the clicking user's own workspace (`user.team_id`), other than `teamId`. */
  userTeamId?: string;
  /** Org-wide install: `enterprise` set, `is_enterprise_install: true` and `team: null`. */
  orgWide?: { enterprise: string };
  /** The button sits in a legacy attachment (`container.type: message_attachment`). */
  inAttachment?: boolean;
  /** The message is a reply in this thread (`thread_ts`). */
  threadTs?: string;
}

/**
 * A payload fixture from test/fixtures/payloads/slack/ with its `$name` placeholders filled in:
 * a string that is exactly `$name` becomes `vars.name` (any JSON value, so `$blocks` can be an
 * array). Throws when a placeholder has no value, so a fixture cannot silently keep one.
 */
export function slackFixture(name: string, vars: Record<string, unknown>): Record<string, any> {
  const raw = JSON.parse(readFileSync(new URL(`../fixtures/payloads/slack/${name}.json`, import.meta.url), 'utf8')) as unknown;
  const fill = (v: unknown): unknown => {
    if (typeof v === 'string' && /^\$[A-Za-z]+$/.test(v)) {
      const key = v.slice(1);
      if (!(key in vars)) throw new Error(`fixture ${name}: no value for ${v}`);
      return vars[key];
    }
    if (Array.isArray(v)) return v.map(fill);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    return v;
  };
  return fill(raw) as Record<string, any>;
}

export function signSlackRequest(signingSecret: string, timestamp: number, rawBody: string): string {
  return 'v0=' + createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
}

export class SlackTestClient {
  constructor(
    /** Full URL of the Bolt endpoint: `http://127.0.0.1:PORT/slack/events`. */
    readonly url: string,
    private readonly signingSecret: string,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** POST a raw form body, signed (or forged) like Slack. */
  async send(rawBody: string, opts: SendOptions = {}): Promise<SlackResponse> {
    const ts = opts.forge === 'stale-timestamp' ? this.nowSeconds() - 6 * 60 : this.nowSeconds();
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
    };
    if (opts.forge !== 'no-signature') {
      const secret = opts.forge === 'bad-signature' ? `${this.signingSecret}-forged` : this.signingSecret;
      headers['x-slack-signature'] = signSlackRequest(secret, ts, rawBody);
    }
    if (opts.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(opts.retryNum);
      headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
    }
    const res = await fetch(this.url, { method: 'POST', headers, body: rawBody });
    return { status: res.status, body: await res.text() };
  }

  /** The form fields Slack posts for a slash command. */
  static commandBody(args: CommandArgs): URLSearchParams {
    return new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: args.teamId,
      team_domain: 'test',
      channel_id: args.channelId,
      channel_name: 'general',
      user_id: args.user.id,
      user_name: args.user.name ?? args.user.id.toLowerCase(),
      command: args.command.startsWith('/') ? args.command : `/${args.command}`,
      text: args.text ?? '',
      api_app_id: 'A1',
      is_enterprise_install: 'false',
      response_url: args.responseUrl,
      trigger_id: args.triggerId ?? `trigger-${randomUUID()}`,
    });
  }

  command(args: CommandArgs, opts?: SendOptions): Promise<SlackResponse> {
    return this.send(SlackTestClient.commandBody(args).toString(), opts);
  }

  /** POST any interactivity payload (`block_actions`, …) as Slack does: one form field `payload`. */
  interactive(payload: object, opts?: SendOptions): Promise<SlackResponse> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), opts);
  }

  /** Build the block_actions payload Slack sends when `button` is clicked in `message`. */
  static blockActionsPayload(args: ClickArgs): Record<string, unknown> {
    const blocks = args.message.blocks.map((b, i) => ({ ...b, block_id: b.block_id ?? `auto-${i}` }));
    let clicked: { block: (typeof blocks)[number]; element: NonNullable<SlackBlock['elements']>[number] } | null = null;
    for (const block of blocks) {
      for (const element of block.elements ?? []) {
        if (element.type === 'button' && element.text?.text === args.button) clicked = { block, element };
      }
    }
    if (!clicked) throw new Error(`no button labelled "${args.button}" in the message`);
    const actionTs = args.actionTs ?? `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

    // Slack sends the state of every input in the message (checkboxes included) with each click.
    const values: Record<string, Record<string, unknown>> = {};
    for (const block of blocks) {
      for (const element of block.elements ?? []) {
        if (element.type !== 'checkboxes' || !element.action_id) continue;
        const selected = (element.options ?? []).filter((o) => args.checked?.includes(o.value));
        (values[block.block_id] ??= {})[element.action_id] = { type: 'checkboxes', selected_options: selected };
      }
    }
    const thread = args.threadTs ? { thread_ts: args.threadTs } : {};
    const container = args.message.ephemeral
      ? { type: 'message', message_ts: args.message.ts ?? '0000000000.000000', channel_id: args.channelId, is_ephemeral: true }
      : args.inAttachment
        ? { type: 'message_attachment', message_ts: args.message.ts, attachment_id: 1, channel_id: args.channelId, is_ephemeral: false, is_app_unfurl: false }
        : { type: 'message', message_ts: args.message.ts, channel_id: args.channelId, is_ephemeral: false, ...thread };
    const message = args.inAttachment
      ? { type: 'message', ts: args.message.ts, text: '', attachments: [{ id: 1, fallback: '', blocks }] }
      : { type: 'message', ts: args.message.ts, text: '', blocks, ...thread };
    return {
      type: 'block_actions',
      user: { id: args.user.id, username: args.user.name ?? args.user.id.toLowerCase(), name: args.user.name, team_id: args.userTeamId ?? args.teamId },
      api_app_id: 'A1',
      token: 'legacy-verification-token',
      container,
      trigger_id: `trigger-${randomUUID()}`,
      team: args.orgWide ? null : { id: args.teamId, domain: 'test' },
      enterprise: args.orgWide ? { id: args.orgWide.enterprise, name: 'Example Corp' } : null,
      is_enterprise_install: !!args.orgWide,
      channel: { id: args.channelId, name: 'general' },
      ...(args.message.ephemeral ? {} : { message }),
      state: { values },
      response_url: args.responseUrl,
      actions: [
        {
          type: 'button',
          block_id: clicked.block.block_id,
          action_id: clicked.element.action_id,
          text: { type: 'plain_text', text: args.button, emoji: true },
          value: clicked.element.value,
          action_ts: actionTs,
        },
      ],
    };
  }

  click(args: ClickArgs, opts?: SendOptions): Promise<SlackResponse> {
    return this.interactive(SlackTestClient.blockActionsPayload(args), opts);
  }

  /** A checkbox toggle (no Submit): Slack sends it as its own block_actions. */
  static checkboxTogglePayload(args: Omit<ClickArgs, 'button'>): Record<string, unknown> {
    const blocks = args.message.blocks.map((b, i) => ({ ...b, block_id: b.block_id ?? `auto-${i}` }));
    for (const block of blocks) {
      for (const element of block.elements ?? []) {
        if (element.type !== 'checkboxes') continue;
        const selected = (element.options ?? []).filter((o) => args.checked?.includes(o.value));
        return {
          type: 'block_actions',
          user: { id: args.user.id, username: args.user.name ?? args.user.id, team_id: args.teamId },
          api_app_id: 'A1',
          token: 'legacy-verification-token',
          container: { type: 'message', message_ts: args.message.ts, channel_id: args.channelId, is_ephemeral: !!args.message.ephemeral },
          trigger_id: `trigger-${randomUUID()}`,
          team: { id: args.teamId, domain: 'test' },
          channel: { id: args.channelId, name: 'general' },
          state: { values: { [block.block_id]: { [element.action_id!]: { type: 'checkboxes', selected_options: selected } } } },
          response_url: args.responseUrl,
          actions: [
            {
              type: 'checkboxes',
              block_id: block.block_id,
              action_id: element.action_id,
              selected_options: selected,
              action_ts: `${Math.floor(Date.now() / 1000)}.000001`,
            },
          ],
        };
      }
    }
    throw new Error('no checkboxes in the message');
  }
}
