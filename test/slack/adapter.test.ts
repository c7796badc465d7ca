// The Slack adapter's own behaviour (signature checks, ack, reply delivery, retries, admin
// detection, ChatPort, Socket Mode) through the real Bolt app and @slack/web-api against the fake
// Slack API. The core here is a recorder that returns replies the test chooses, so these tests pin
// the translation layer; test/slack/e2e.test.ts runs the same app on the real core.

import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter, type SlackConfig } from '../../adapters/slack/index.js';
import { DEFAULT_POST_RETRY } from '../../adapters/slack/post-once.js';
import { StudybotError } from '../../src/errors.js';
import type {
  ActionInvocation,
  CommandInvocation,
  CommandSpec,
  FormView,
  Reply,
  Studybot,
} from '../../src/quiz/api.js';
import type { MessageView } from '../../src/quiz/views.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackTestClient } from '../support/slack-client.js';
import { startSlackHarness } from '../support/slack-harness.js';

const log = pino({ level: 'silent' });
const SECRET = 'test-signing-secret';

const spec: CommandSpec = { name: 'apigw', description: 'API Gateway', deckId: 'api-gateway', subcommands: [] };

/** Records what the adapter invoked; answers with whatever the test scripted. */
class RecordingBot implements Studybot {
  commandsSeen: CommandInvocation[] = [];
  actionsSeen: ActionInvocation[] = [];
  onCommand: (inv: CommandInvocation) => Promise<Reply[]> | Reply[] = () => [];
  onAction: (inv: ActionInvocation) => Promise<Reply[]> | Reply[] = () => [];
  async command(inv: CommandInvocation) {
    this.commandsSeen.push(inv);
    return this.onCommand(inv);
  }
  async action(inv: ActionInvocation) {
    this.actionsSeen.push(inv);
    return this.onAction(inv);
  }
  async autocomplete() {
    return [];
  }
  commands() {
    return [spec];
  }
  attachChat() {}
  startRound(): never {
    throw new Error('not used');
  }
  async closeDueRounds() {
    return 0;
  }
  async flush() {}
}

const view = (text: string, extra: Partial<MessageView> = {}): MessageView => ({
  text,
  blocks: [{ type: 'text', text }],
  ...extra,
});

let fake: FakeSlackApi;
let bot: RecordingBot;
let slack: SlackAdapter;
let client: SlackTestClient;
let nowMs = Date.parse('2026-11-26T12:00:00Z');

/** The adapter on the shared fake with `extra` over the harness's config (bot ids set, fast retries). */
async function start(extra: Partial<SlackConfig> = {}): Promise<void> {
  ({ slack, client } = await startSlackHarness({ fake, bot, signingSecret: SECRET, config: extra, log, clock: { now: () => new Date(nowMs) } }));
}

const alice = { id: 'UALICE', name: 'alice' };

function commandArgs(text: string, responseId = 'r-cmd', user = alice) {
  return { command: '/apigw', text, user, channelId: 'C1', teamId: 'T1', responseUrl: fake.responseUrl(responseId) };
}

beforeAll(async () => {
  fake = await FakeSlackApi.start();
  fake.addUser({ id: 'UALICE', name: 'alice' });
  fake.addUser({ id: 'UADMIN', name: 'boss', is_admin: true });
  fake.addUser({ id: 'UOWNER', name: 'owner', is_owner: true });
});

afterAll(async () => {
  await fake.close();
});

afterEach(async () => {
  await slack?.stop();
  fake.clearCalls();
});

describe('request verification', () => {
  it.each(['bad-signature', 'stale-timestamp', 'no-signature'] as const)('answers 401 to a %s request and never reaches the core', async (forge) => {
    bot = new RecordingBot();
    await start();
    const command = await client.command(commandArgs('help'), { forge });
    const click = await client.click(
      {
        user: alice, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl('r-forged'),
        message: { ts: '1.000001', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'x', value: 'x', text: { text: 'A' } }] }] },
        button: 'A',
      },
      { forge },
    );
    await slack.idle();
    expect([command.status, click.status]).toEqual([401, 401]);
    expect(bot.commandsSeen).toEqual([]);
    expect(bot.actionsSeen).toEqual([]);
    expect(fake.calls()).toEqual([]);
  });
});

describe('slash commands', () => {
  it('acks at once with an empty body, then delivers each reply through the response_url in order', async () => {
    bot = new RecordingBot();
    bot.onCommand = () => [
      { visibility: 'private', view: view('only you see this') },
      { visibility: 'channel', view: view('everyone sees this') },
    ];
    await start();
    const res = await client.command(commandArgs('explain stage-variables', 'r1'));
    expect(res).toEqual({ status: 200, body: '' });
    await slack.idle();

    expect(bot.commandsSeen).toEqual([
      {
        channel: { platform: 'slack', workspace: 'T1', channel: 'C1' },
        user: { platform: 'slack', workspace: 'T1', id: 'UALICE', name: 'alice', isAdmin: false },
        command: 'apigw',
        text: 'explain stage-variables',
      },
    ]);
    expect(fake.responses('r1').map((c) => c.body)).toEqual([
      {
        response_type: 'ephemeral',
        replace_original: false,
        text: 'only you see this',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'only you see this' } }],
      },
      {
        response_type: 'in_channel',
        replace_original: false,
        text: 'everyone sees this',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'everyone sees this' } }],
      },
    ]);
  });

  it('gives the core the text as typed: entities decoded, mentions as <@U…>', async () => {
    bot = new RecordingBot();
    await start();
    await client.command(commandArgs('stats <@UBOB|bob>  R&amp;D &lt;3 '));
    await slack.idle();
    expect(bot.commandsSeen[0]!.text).toBe('stats <@UBOB>  R&D <3');
  });

  it('escapes what the core echoes back, so a typed <!channel> cannot ping anyone', async () => {
    bot = new RecordingBot();
    bot.onCommand = (inv) => [{ visibility: 'channel', view: view(`Unknown: ${inv.text}`) }];
    await start();
    await client.command(commandArgs('&lt;!channel&gt; hi', 'r-echo'));
    await slack.idle();
    const [reply] = fake.responses('r-echo');
    expect(reply!.body.text).toBe('Unknown: &lt;!channel&gt; hi');
    expect(JSON.stringify(reply!.body.blocks)).not.toContain('<!channel>');
  });

  it('turns a core failure into a private message: the refusal for quiz errors, a generic line otherwise', async () => {
    bot = new RecordingBot();
    bot.onCommand = (inv) => {
      if (inv.text === 'schedule 09:00') throw new StudybotError('quiz:forbidden', 'Only workspace admins can change the schedule.');
      throw new Error('database exploded: password=hunter2');
    };
    await start();
    await client.command(commandArgs('schedule 09:00', 'r-forbidden'));
    await client.command(commandArgs('quiz', 'r-boom'));
    await slack.idle();
    expect(fake.responses('r-forbidden').map((c) => [c.body.response_type, c.body.text])).toEqual([
      ['ephemeral', 'Only workspace admins can change the schedule.'],
    ]);
    expect(fake.responses('r-boom').map((c) => [c.body.response_type, c.body.text])).toEqual([
      ['ephemeral', 'Sorry, something went wrong on my side. Please try again in a moment.'],
    ]);
  });

  it('ignores a Slack redelivery (x-slack-retry-num) of a command it already handled', async () => {
    bot = new RecordingBot();
    bot.onCommand = () => [{ visibility: 'channel', view: view('posted once') }];
    await start();
    const body = SlackTestClient.commandBody(commandArgs('quiz', 'r-retry')).toString();
    const first = await client.send(body);
    const retry = await client.send(body, { retryNum: 1, retryReason: 'http_timeout' });
    await slack.idle();
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(bot.commandsSeen).toHaveLength(1);
    expect(fake.responses('r-retry')).toHaveLength(1);
  });
});

describe('admin rights', () => {
  it('asks users.info once per TTL, and trusts config.admins without asking', async () => {
    bot = new RecordingBot();
    await start({ admins: ['ULISTED', 'slack:T1:USCOPED'], adminCacheTtlMs: 60_000 });
    const as = async (id: string, responseId: string) => {
      await client.command(commandArgs('schedule off', responseId, { id, name: id }));
      await slack.idle();
      return bot.commandsSeen.at(-1)!.user.isAdmin;
    };
    expect(await as('UADMIN', 'a1')).toBe(true);
    expect(await as('UOWNER', 'a2')).toBe(true);
    expect(await as('UALICE', 'a3')).toBe(false);
    expect(await as('UADMIN', 'a4')).toBe(true);
    expect(await as('ULISTED', 'a5')).toBe(true);
    expect(await as('USCOPED', 'a6')).toBe(true);
    expect(await as('UNOBODY', 'a7')).toBe(false); // users.info says user_not_found: not an admin
    expect(fake.calls('users.info').map((c) => c.body.user)).toEqual(['UADMIN', 'UOWNER', 'UALICE', 'UNOBODY']);

    nowMs += 61_000;
    expect(await as('UADMIN', 'a8')).toBe(true);
    expect(fake.calls('users.info').map((c) => c.body.user)).toEqual(['UADMIN', 'UOWNER', 'UALICE', 'UNOBODY', 'UADMIN']);
  });
});

describe('clicks', () => {
  const questionBlocks = () => [
    { type: 'section', text: { type: 'mrkdwn', text: 'Q?' } },
    {
      type: 'actions',
      elements: ['A', 'B'].map((l) => ({ type: 'button', action_id: `ans:r1:${l}`, value: `ans:r1:${l}`, text: { text: l } })),
    },
  ];

  it('maps a button click on a channel message to bot.action with the message ref, reply ephemeral', async () => {
    bot = new RecordingBot();
    bot.onAction = () => [{ visibility: 'private', view: view('Correct!') }];
    await start();
    const res = await client.click({
      user: alice, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl('r-click'),
      message: { ts: '1712345678.000100', blocks: questionBlocks() }, button: 'B',
    });
    expect(res.status).toBe(200);
    await slack.idle();
    expect(bot.actionsSeen).toEqual([
      {
        channel: { platform: 'slack', workspace: 'T1', channel: 'C1' },
        user: { platform: 'slack', workspace: 'T1', id: 'UALICE', name: 'alice', isAdmin: false },
        actionId: 'ans:r1:B',
        messageRef: 'slack:T1:C1:1712345678.000100',
      },
    ]);
    expect(fake.responses('r-click').map((c) => [c.body.response_type, c.body.replace_original, c.body.text])).toEqual([
      ['ephemeral', false, 'Correct!'],
    ]);
    // No Web API call per click: the answer went through the response_url only.
    expect(fake.calls().filter((c) => c.method !== 'response_url')).toEqual([]);
  });

  it('Slack Connect, org-wide, attachment and thread clicks: the tenant is the installation, the ref the clicked message', async () => {
    bot = new RecordingBot();
    await start();
    const base = { user: alice, teamId: 'T1', channelId: 'C1', message: { ts: '1712345678.000100', blocks: questionBlocks() }, button: 'B' };
    await client.click({ ...base, userTeamId: 'T2PARTNER', responseUrl: fake.responseUrl('r-connect') });
    await client.click({ ...base, orgWide: { enterprise: 'E1' }, userTeamId: 'TWS', responseUrl: fake.responseUrl('r-org') });
    await client.click({ ...base, inAttachment: true, responseUrl: fake.responseUrl('r-attach') });
    await client.click({ ...base, threadTs: '1712345600.000001', responseUrl: fake.responseUrl('r-thread') });
    await slack.idle();
    expect(bot.actionsSeen.map((a) => [a.channel.workspace, a.user.workspace, a.user.id, a.messageRef])).toEqual([
      ['T1', 'T1', 'UALICE', 'slack:T1:C1:1712345678.000100'],
      ['E1', 'E1', 'UALICE', 'slack:E1:C1:1712345678.000100'],
      // A legacy attachment is not the question message itself: no ref, the core goes by the action id.
      ['T1', 'T1', 'UALICE', null],
      ['T1', 'T1', 'UALICE', 'slack:T1:C1:1712345678.000100'],
    ]);
  });

  it('replaces an ephemeral practice question with its result (replace_original), message ref null', async () => {
    bot = new RecordingBot();
    bot.onAction = () => [{ visibility: 'private', view: view('Practice: wrong, it was B'), replaceSource: true }];
    await start();
    await client.click({
      user: alice, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl('r-practice'),
      message: { ephemeral: true, blocks: questionBlocks() }, button: 'A',
    });
    await slack.idle();
    expect(bot.actionsSeen[0]!.messageRef).toBeNull();
    expect(fake.responses('r-practice').map((c) => c.body)).toEqual([
      {
        replace_original: true,
        text: 'Practice: wrong, it was B',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Practice: wrong, it was B' } }],
      },
    ]);
  });

  it('reads the checked values of a checkbox Submit; plain toggles are acked and ignored', async () => {
    bot = new RecordingBot();
    await start();
    const { renderView } = await import('../../adapters/slack/render.js');
    const msg = renderView({
      text: 'Select TWO',
      blocks: [{ type: 'text', text: 'Select TWO' }],
      actions: [{ type: 'multiselect', id: 'pick:r2', submitId: 'submit:r2', placeholder: 'Pick two', min: 2, max: 2,
        options: ['A', 'B', 'C', 'D'].map((v) => ({ value: v, label: v })) }],
    });
    const message = { ts: '1712345678.000200', blocks: msg.blocks as never };
    const toggle = await client.interactive(
      SlackTestClient.checkboxTogglePayload({ user: alice, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl('r-t'), message, checked: ['A'] }),
    );
    expect(toggle.status).toBe(200);
    await client.click({
      user: alice, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl('r-submit'),
      message, button: 'Submit', checked: ['A', 'C'],
    });
    await slack.idle();
    expect(bot.actionsSeen).toEqual([
      expect.objectContaining({ actionId: 'submit:r2', values: ['A', 'C'], messageRef: 'slack:T1:C1:1712345678.000200' }),
    ]);
    expect(fake.responses('r-t')).toEqual([]);
  });

  it('a redelivered click runs once; two real clicks both reach the core (it decides "already answered")', async () => {
    bot = new RecordingBot();
    let n = 0;
    bot.onAction = () => [{ visibility: 'private', view: view(++n === 1 ? 'Correct!' : 'You already answered.') }];
    await start();
    const args = {
      user: alice, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl('r-dbl'),
      message: { ts: '1712345678.000300', blocks: questionBlocks() }, button: 'A',
    };
    const payload = SlackTestClient.blockActionsPayload(args);
    await client.interactive(payload);
    await client.interactive(payload, { retryNum: 1 });
    await client.interactive(payload, { retryNum: 2 });
    await client.click({ ...args, actionTs: '1712345679.000001' });
    await slack.idle();
    expect(bot.actionsSeen).toHaveLength(2);
    expect(fake.responses('r-dbl').map((c) => c.body.text)).toEqual(['Correct!', 'You already answered.']);
  });

  it('retries a rate-limited response_url after Retry-After instead of dropping the reply', async () => {
    bot = new RecordingBot();
    bot.onAction = () => [{ visibility: 'private', view: view('Correct!') }];
    await start();
    fake.rateLimit('response_url', { times: 1, retryAfter: 0 });
    await client.click({
      user: alice, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl('r-429'),
      message: { ts: '1712345678.000400', blocks: questionBlocks() }, button: 'A',
    });
    await slack.idle();
    expect(fake.responses('r-429').map((c) => [c.status, c.body.text])).toEqual([
      [429, 'Correct!'],
      [200, 'Correct!'],
    ]);
  });
});

describe('forms (modals)', () => {
  const reportBlocks = () => [
    { type: 'section', text: { type: 'mrkdwn', text: 'Q?' } },
    { type: 'actions', elements: [{ type: 'button', action_id: 'p:1', value: 'p:1', text: { text: 'Report a problem' } }] },
  ];
  const form = (extra: Partial<FormView> = {}): FormView => ({
    id: 'r:1',
    title: 'Report a problem',
    submitLabel: 'Send report',
    field: { label: 'What is wrong with Q1?', placeholder: 'e.g. the answer should be C because…', minLength: 3, maxLength: 500, multiline: true },
    ...extra,
  });
  /** A core that answers the report button with a form and its submit with `onSubmit`. */
  function formBot(onSubmit: (inv: ActionInvocation) => Promise<Reply[]> | Reply[], formView: FormView = form()): RecordingBot {
    const b = new RecordingBot();
    b.onAction = (inv) =>
      inv.actionId.startsWith('p:')
        ? [{ visibility: 'private', view: view('Tell me with /apigw report 1 <what is wrong>'), form: formView }]
        : onSubmit(inv);
    return b;
  }
  async function clickReport(responseId: string, message = { ts: '1712345678.000500', blocks: reportBlocks() as never }) {
    const res = await client.click({ user: alice, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl(responseId), message, button: 'Report a problem' });
    expect(res.status).toBe(200);
    await slack.idle();
    return fake.calls('views.open').at(-1);
  }

  it('opens the form as a modal (Slack limits, escaped texts, routing metadata) and sends no fallback', async () => {
    bot = formBot(() => []);
    await start();
    const open = await clickReport('r-form');
    expect(open?.response?.ok).toBe(true);
    expect(open!.body.view).toEqual({
      type: 'modal',
      callback_id: 'r:1',
      title: { type: 'plain_text', text: 'Report a problem', emoji: true },
      submit: { type: 'plain_text', text: 'Send report', emoji: true },
      close: { type: 'plain_text', text: 'Cancel', emoji: true },
      private_metadata: expect.any(String),
      blocks: [
        {
          type: 'input',
          block_id: 'sb-form',
          label: { type: 'plain_text', text: 'What is wrong with Q1?', emoji: true },
          element: {
            type: 'plain_text_input',
            action_id: 'text',
            multiline: true,
            min_length: 3,
            max_length: 500,
            placeholder: { type: 'plain_text', text: 'e.g. the answer should be C because…', emoji: true },
          },
        },
      ],
    });
    expect(JSON.parse(open!.body.view.private_metadata)).toMatchObject({ team: 'T1', channel: 'C1' });
    expect(fake.responses('r-form')).toEqual([]);
  });

  it('keeps an oversized or hostile form within Slack limits and inert', async () => {
    bot = formBot(() => [], form({ title: 'A title far longer than twenty-four', submitLabel: 'Send <!channel> report now please', field: { label: '<!here> what?', placeholder: 'x'.repeat(300), minLength: -5, maxLength: 99_999, multiline: false } }));
    await start();
    const open = await clickReport('r-long');
    expect(open?.response?.ok).toBe(true);
    const v = open!.body.view;
    expect(v.title.text.length).toBeLessThanOrEqual(24);
    expect(v.submit.text.length).toBeLessThanOrEqual(24);
    expect(v.blocks[0].label.text).toBe('&lt;!here&gt; what?');
    expect(v.blocks[0].element).toMatchObject({ multiline: false, min_length: 0, max_length: 3000 });
    expect(v.blocks[0].element.placeholder.text.length).toBeLessThanOrEqual(150);
    expect(JSON.stringify(v)).not.toMatch(/<!(here|channel)>/);
  });

  it('routes the submission like the click (channel from the metadata, admin from the list) and answers in the modal', async () => {
    bot = formBot((inv) => [{ visibility: 'private', view: view(`Thanks! Report #7: ${inv.values?.[0]}`) }]);
    await start({ admins: ['UALICE'] });
    const open = await clickReport('r-submit-form');
    const payload = fake.viewSubmissionPayload(String(open!.response!.view.id), { user: alice, values: 'wrong <!channel> & wrong' });
    const res = await client.interactive(payload);
    await slack.idle();
    expect(bot.actionsSeen.at(-1)).toEqual({
      channel: { platform: 'slack', workspace: 'T1', channel: 'C1' },
      user: { platform: 'slack', workspace: 'T1', id: 'UALICE', name: 'alice', isAdmin: true },
      actionId: 'r:1',
      values: ['wrong <!channel> & wrong'],
      messageRef: null,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      response_action: 'update',
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Report a problem', emoji: true },
        close: { type: 'plain_text', text: 'Close', emoji: true },
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Thanks! Report #7: wrong &lt;!channel&gt; &amp; wrong' } }],
      },
    });
    // The answer went into the modal: no message, no response_url post.
    expect(fake.calls('chat.postEphemeral')).toEqual([]);
    expect(fake.responses('r-submit-form')).toEqual([]);
  });

  it('when the core is slower than the budget: closes the modal, then answers with chat.postEphemeral, once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    bot = formBot(async () => {
      await gate;
      return [{ visibility: 'private', view: view('Thanks! Report #8 is with the admins') }];
    });
    await start({ formReplyBudgetMs: 50 });
    const open = await clickReport('r-slow');
    const payload = fake.viewSubmissionPayload(String(open!.response!.view.id), { user: alice, values: 'slow reason' });
    const first = await client.interactive(payload);
    expect(first).toEqual({ status: 200, body: '' }); // an empty ack closes the modal
    const retry = await client.interactive(payload, { retryNum: 1 });
    expect(retry).toEqual({ status: 200, body: '' });
    release();
    await slack.idle();
    expect(bot.actionsSeen.filter((a) => a.actionId === 'r:1')).toHaveLength(1);
    expect(fake.calls('chat.postEphemeral').map((c) => [c.body.channel, c.body.user, c.body.text])).toEqual([
      ['C1', 'UALICE', 'Thanks! Report #8 is with the admins'],
    ]);
  });

  it('falls back to the reply view, privately, when views.open fails (expired trigger, rate limit), without retrying', async () => {
    bot = formBot(() => []);
    await start();
    fake.failTriggers({ error: 'expired_trigger_id' });
    await clickReport('r-expired');
    fake.rateLimit('views.open', { times: 1, retryAfter: 30 });
    const started = Date.now();
    await clickReport('r-limited');
    expect(Date.now() - started).toBeLessThan(5000); // not waiting out Retry-After: the trigger would be dead anyway
    expect(fake.calls('views.open').map((c) => c.status === 429 ? 429 : c.response?.error)).toEqual(['expired_trigger_id', 429]);
    for (const id of ['r-expired', 'r-limited']) {
      expect(fake.responses(id).map((c) => [c.body.response_type, c.body.text])).toEqual([
        ['ephemeral', 'Tell me with /apigw report 1 &lt;what is wrong&gt;'],
      ]);
    }
  });

  it('ignores submissions of views it did not open, and refuses a form from another workspace', async () => {
    bot = formBot(() => [{ visibility: 'private', view: view('stored') }]);
    await start();
    const open = await clickReport('r-foreign');
    const viewId = String(open!.response!.view.id);
    const notOurs = await client.interactive(fake.viewSubmissionPayload(viewId, { user: alice, values: 'reason', privateMetadata: '{"team":"T1","channel":"C1"}' }));
    expect(notOurs).toEqual({ status: 200, body: '' });
    const foreignMetadata = JSON.stringify({ ...JSON.parse(fake.openedView(viewId)!.private_metadata), team: 'T9' });
    const foreign = await client.interactive(fake.viewSubmissionPayload(viewId, { user: alice, values: 'reason', privateMetadata: foreignMetadata }));
    expect(JSON.parse(foreign.body).view.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'This form belongs to another workspace. Nothing was sent.' } },
    ]);
    // An org-wide install names the organisation in the route, so a workspace's form is foreign to it.
    const orgWide = await client.interactive(fake.viewSubmissionPayload(viewId, { user: alice, values: 'reason', orgWide: { enterprise: 'E1' } }));
    expect(JSON.stringify(JSON.parse(orgWide.body).view.blocks)).toMatch(/another workspace/);
    await slack.idle();
    expect(bot.actionsSeen.map((a) => a.actionId)).toEqual(['p:1']);
  });

  it('answers a submission over Socket Mode in the ack', async () => {
    bot = formBot(() => [{ visibility: 'private', view: view('Thanks over sockets') }]);
    fake.enableSocketMode();
    slack = await startSlack({
      config: { botToken: fake.token, appToken: fake.appToken, apiUrl: fake.apiUrl, botId: 'BBOT', botUserId: 'UBOT' },
      bot,
      log,
    });
    await fake.socketConnected();
    const click = SlackTestClient.blockActionsPayload({
      user: alice, teamId: 'T1', channelId: 'C1', responseUrl: fake.responseUrl('r-sock-form'),
      message: { ts: '1712345678.000600', blocks: reportBlocks() as never }, button: 'Report a problem',
    });
    await fake.sendEnvelope('interactive', click);
    await slack.idle();
    const viewId = String(fake.calls('views.open').at(-1)!.response!.view.id);
    const ack = await fake.sendEnvelope('interactive', fake.viewSubmissionPayload(viewId, { user: alice, values: 'socket reason' }));
    expect(ack.payload).toMatchObject({ response_action: 'update', view: { blocks: [{ text: { text: 'Thanks over sockets' } }] } });
  });
});

describe('ChatPort', () => {
  const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };

  it('posts, updates and posts ephemeral through the Web API with opaque refs', async () => {
    bot = new RecordingBot();
    await start();
    expect(slack.chat.platform).toBe('slack');
    const ref = await slack.chat.post(channel, view('Question <!here>'));
    expect(ref).toMatch(/^slack:T1:C1:\d+\.\d{6}$/);
    await slack.chat.update(ref, view('Revealed'));
    await slack.chat.postPrivate!(channel, 'UALICE', view('psst'));

    const ts = ref.split(':')[3]!;
    expect(fake.calls().map((c) => [c.method, c.authorized])).toEqual([
      ['chat.postMessage', true],
      ['chat.update', true],
      ['chat.postEphemeral', true],
    ]);
    expect(fake.calls('chat.postMessage')[0]!.body).toMatchObject({ channel: 'C1', text: 'Question &lt;!here&gt;' });
    expect(fake.calls('chat.update')[0]!.body).toMatchObject({ channel: 'C1', ts, text: 'Revealed' });
    expect(fake.calls('chat.postEphemeral')[0]!.body).toMatchObject({ channel: 'C1', user: 'UALICE', text: 'psst' });
    expect(fake.message('C1', ts)!.history.map((h) => h.text)).toEqual(['Question &lt;!here&gt;', 'Revealed']);
  });

  it('finds its own earlier post by a control action id in the channel history (a lost post response)', async () => {
    bot = new RecordingBot();
    await start();
    const since = new Date(Date.now() - 60_000);
    const question = { ...view('Question'), actions: [{ type: 'buttons' as const, buttons: [{ id: 'a:42:A', label: 'A' }, { id: 'p:42', label: 'Report a problem' }] }] };
    const ref = await slack.chat.post(channel, question);
    await slack.chat.post(channel, view('Something else'));
    await slack.chat.post({ ...channel, channel: 'C2' }, { ...question, text: 'Same buttons, other channel' });
    expect(await slack.chat.findPosted!(channel, 'p:42', since)).toBe(ref);
    expect(await slack.chat.findPosted!(channel, 'p:4', since)).toBeNull(); // exact ids only
    expect(await slack.chat.findPosted!(channel, 'p:42', new Date(Date.now() + 60_000))).toBeNull(); // older than `since`
    fake.onMethod('conversations.history', () => ({ ok: false, error: 'missing_scope' }));
    try {
      await expect(slack.chat.findPosted!(channel, 'p:42', since)).rejects.toMatchObject({ code: 'platform:failed' });
    } finally {
      fake.onMethod('conversations.history', undefined as never); // back to the fake's own history
    }
  });

  it('waits out a 429 + Retry-After and retries (never a lost message)', async () => {
    bot = new RecordingBot();
    await start();
    fake.rateLimit('chat.postMessage', { times: 2, retryAfter: 0 });
    const ref = await slack.chat.post(channel, view('Question'));
    expect(fake.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 429, 200]);
    fake.rateLimit('chat.update', { times: 1, retryAfter: 0 });
    await slack.chat.update(ref, view('Revealed'));
    expect(fake.calls('chat.update').map((c) => c.status)).toEqual([429, 200]);
  });

  it('reports a persistent rate limit as platform:rate-limited and Slack refusals as clear errors', async () => {
    bot = new RecordingBot();
    await start();
    // Posts are retried by post-once.ts (its own policy), not by @slack/web-api: outlast all its attempts.
    fake.rateLimit('chat.postMessage', { times: DEFAULT_POST_RETRY.retries + 1, retryAfter: 0 });
    await expect(slack.chat.post(channel, view('x'))).rejects.toMatchObject({ code: 'platform:rate-limited' });
    fake.rateLimit('chat.postMessage', { times: 0 });
    fake.onMethod('chat.postMessage', () => ({ ok: false, error: 'not_in_channel' }));
    await expect(slack.chat.post(channel, view('x'))).rejects.toMatchObject({
      code: 'platform:failed',
      message: expect.stringContaining('/invite @studybot'),
    });
    fake.onMethod('chat.postMessage', () => ({ ok: true, channel: 'C1', ts: '1.000001' }));
    await expect(slack.chat.update('discord:G1:C1:123', view('x'))).rejects.toMatchObject({ code: 'platform:failed' });
  });
});

describe('logging', () => {
  it('never writes the bot token or the signing secret, even at debug level', async () => {
    bot = new RecordingBot();
    bot.onCommand = () => [{ visibility: 'private', view: view('hi') }];
    const lines: string[] = [];
    const debugLog = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    ({ slack, client } = await startSlackHarness({
      fake, bot, signingSecret: SECRET, config: { botId: undefined, botUserId: undefined, retryConfig: { retries: 0 } }, log: debugLog,
    }));
    await client.command(commandArgs('help', 'r-log'));
    await client.command(commandArgs('help', 'r-log-forged'), { forge: 'bad-signature' });
    await slack.idle();
    await slack.chat.post({ platform: 'slack', workspace: 'T1', channel: 'C1' }, view('q'));
    expect(lines.length).toBeGreaterThan(5);
    const all = lines.join('\n');
    expect(all).not.toContain(fake.token);
    expect(all).not.toContain(SECRET);
  });
});

describe('start-up', () => {
  it('checks the token with auth.test when the bot ids are not configured, and fails clearly on a bad one', async () => {
    bot = new RecordingBot();
    await start({ botId: undefined, botUserId: undefined });
    expect(fake.calls('auth.test').map((c) => c.authorized)).toEqual([true]);
    await slack.stop();
    await expect(
      startSlack({ config: { botToken: 'xoxb-wrong', signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0 }, bot, log }),
    ).rejects.toMatchObject({ code: 'config:invalid', message: expect.stringContaining('SLACK_BOT_TOKEN') });
  });

  it('names the missing variable', async () => {
    bot = new RecordingBot();
    await expect(startSlack({ config: { botToken: 'xoxb-x' }, bot, log })).rejects.toMatchObject({
      code: 'config:invalid',
      message: expect.stringContaining('SLACK_SIGNING_SECRET'),
    });
  });
});

describe('Socket Mode', () => {
  it('connects with the app token and handles a slash command envelope, acking over the socket', async () => {
    bot = new RecordingBot();
    bot.onCommand = () => [{ visibility: 'private', view: view('hello over sockets') }];
    fake.enableSocketMode();
    slack = await startSlack({
      config: { botToken: fake.token, appToken: fake.appToken, apiUrl: fake.apiUrl, botId: 'BBOT', botUserId: 'UBOT' },
      bot,
      log,
    });
    expect(slack.server).toBeUndefined();
    await fake.socketConnected();
    const body = Object.fromEntries(SlackTestClient.commandBody(commandArgs('help', 'r-socket')));
    const ack = await fake.sendEnvelope('slash_commands', body);
    expect(ack.envelope_id).toBeTruthy();
    await slack.idle();
    expect(bot.commandsSeen.map((c) => c.text)).toEqual(['help']);
    expect(fake.responses('r-socket').map((c) => c.body.text)).toEqual(['hello over sockets']);
    expect(fake.calls('apps.connections.open').map((c) => c.authorized)).toEqual([true]);
  });
});
