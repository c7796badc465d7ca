// Real payload shapes (test/fixtures/payloads/slack/) signed and sent through the real Bolt receiver
// to the real core and store, against the fake Slack API: Slack Connect users, org-wide installs
// (`team: null`), ephemeral, attachment and thread containers, and hostile display names. Every case
// asserts what the user was told and what the database holds, including the tenant of each row.

import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore, sql } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { FakeSlackApi } from '../fakes/slack-api.js';
import { dbTargets, openTestDatabase, type TestDatabase } from '../support/db.js';
import { slackFixture, type SlackBlock } from '../support/slack-client.js';
import { lastPosted, startSlackHarness, type SlackHarness } from '../support/slack-harness.js';
import { oneQuestionContent } from '../support/one-question-content.js';

const log = pino({ level: 'silent' });

describe.each(dbTargets)('Slack payload variants on the real core ($name)', (target) => {
  let t: TestDatabase;
  let h: SlackHarness;
  let fake: FakeSlackApi;
  let now = Date.parse('2026-11-26T10:00:00Z');
  const clock = { now: () => new Date(now) };
  let seq = 0;
  let content: ReturnType<typeof oneQuestionContent>;

  beforeAll(async () => {
    t = await openTestDatabase(target, 'slack_payloads');
    const decks = await DeckLibrary.load('content', { log });
    // random 0: practice draws the deck's first question, a single-answer one (buttons, not checkboxes).
    content = oneQuestionContent(decks.decks()); // plain `quiz` of a known question: scored, unlike an admin's preview
    const bot = createStudybot({ store: createQuizStore(t.database), decks: content.catalog, explain, clock, log, random: () => 0 });
    h = await startSlackHarness({
      bot,
      signingSecret: 'payloads-signing-secret',
      users: [{ id: 'UHOST', name: 'host', is_admin: true }], // may preview a chosen question (`quiz 1`)
      config: { retryConfig: { retries: 0 } },
      log,
      clock,
    });
    fake = h.fake;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
  });

  beforeEach(async () => {
    await t.reset();
    fake.clearCalls();
    now += 86_400_000;
  });

  const rows = async <T>(query: string): Promise<T[]> => ((await t.database.db.execute(sql.raw(query))) as { rows?: T[] }).rows ?? [];
  const answers = () => rows<{ user_key: string; channel_key: string }>('select user_key, channel_key from answers order by user_key');

  /** Sends a fixture (form fields for commands, `payload=` JSON otherwise); resolves with what reached its response_url. */
  async function send(name: string, vars: Record<string, unknown>) {
    const response = h.responseUrl();
    const filled = slackFixture(name, { responseUrl: response.url, triggerId: `trigger-${randomUUID()}`, ...vars });
    const res = name.startsWith('command')
      ? await h.client.send(new URLSearchParams(filled as Record<string, string>).toString())
      : await h.client.interactive(filled);
    await h.slack.idle();
    return { status: res.status, body: res.body, replies: fake.responses(response.id), payload: filled };
  }

  const command = (fixture: 'command' | 'command-org-wide', vars: Record<string, unknown>) =>
    send(fixture, { command: '/apigw', userName: String(vars.user).toLowerCase(), ...vars });

  /** The last question posted in `channel`: its ts, blocks and the action id and block id of the button labelled `label`. */
  function question(channel: string, label: string) {
    const posted = lastPosted(fake, channel);
    return { ...posted, ...button(posted.blocks, label) };
  }

  function button(blocks: SlackBlock[], label: string) {
    for (const block of blocks) {
      for (const e of block.elements ?? []) if (e.type === 'button' && e.text?.text === label) return { actionId: e.action_id!, blockId: block.block_id ?? 'b' };
    }
    throw new Error(`no button ${label}`);
  }

  const actionTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;

  it('org-wide install: command with team_id, click with team null, form with team null: one tenant, the organisation', async () => {
    const started = await content.only('1', () => command('command-org-wide', { team: 'TEMEA', enterprise: 'E0ORG', channel: 'CORG', user: 'UHOST', text: 'quiz' }));
    expect(started.status).toBe(200);
    const q = question('CORG', 'B');
    const click = await send('block-actions-org-wide', {
      enterprise: 'E0ORG', userTeam: 'TAPAC', user: 'UAPAC', userName: 'apac', channel: 'CORG', messageTs: q.ts, blocks: q.blocks,
      actionId: q.actionId, blockId: q.blockId, label: 'B', actionTs: actionTs(),
    });
    expect(click.status).toBe(200);
    expect(click.replies.map((c) => String(c.body.text))).toEqual([expect.stringMatching(/^(Correct!|Not quite)/)]);
    expect(await answers()).toEqual([{ user_key: 'slack:E0ORG:UAPAC', channel_key: 'slack:E0ORG:CORG' }]);

    // Report a problem from the same org: the modal's route names the organisation, and the
    // submission (team null, app_installed_team_id = the user's workspace) is accepted.
    const report = button(q.blocks, 'Report a problem');
    await send('block-actions-org-wide', {
      enterprise: 'E0ORG', userTeam: 'TAPAC', user: 'UAPAC', userName: 'apac', channel: 'CORG', messageTs: q.ts, blocks: q.blocks,
      actionId: report.actionId, blockId: report.blockId, label: 'Report a problem', actionTs: actionTs(),
    });
    const opened = fake.calls('views.open').at(-1)!;
    expect(JSON.parse(opened.body.view.private_metadata)).toMatchObject({ team: 'E0ORG', channel: 'CORG' });
    const view = fake.openedView(String(opened.response!.view.id))!;
    const submitted = await send('view-submission-org-wide', {
      enterprise: 'E0ORG', userTeam: 'TAPAC', user: 'UAPAC', userName: 'apac', viewId: view.id, viewBlocks: view.blocks,
      privateMetadata: view.private_metadata, callbackId: view.callback_id,
      stateValues: { 'sb-form': { text: { type: 'plain_text_input', value: 'Option C is right too' } } },
    });
    expect(submitted.status).toBe(200);
    expect(JSON.stringify(JSON.parse(submitted.body))).toMatch(/Thanks! Report #\d+/);
    expect(await rows('select channel_key from question_reports')).toEqual([{ channel_key: 'slack:E0ORG:CORG' }]);
  });

  it('Slack Connect: a user of another organisation answers and reports in the tenant channel; a click claiming their own workspace is refused', async () => {
    await content.only('1', () => command('command', { team: 'T1', channel: 'CSHARED', user: 'UHOST', text: 'quiz' }));
    const q = question('CSHARED', 'B');
    const base = { team: 'T1', userTeam: 'T2PARTNER', user: 'UEXT', userName: 'partner', channel: 'CSHARED', messageTs: q.ts, blocks: q.blocks, blockId: q.blockId };
    const click = await send('block-actions-slack-connect', { ...base, actionId: q.actionId, label: 'B', actionTs: actionTs() });
    expect(click.replies.map((c) => String(c.body.text))).toEqual([expect.stringMatching(/^(Correct!|Not quite)/)]);
    expect(await answers()).toEqual([{ user_key: 'slack:T1:UEXT', channel_key: 'slack:T1:CSHARED' }]);

    // The same click whose team is the partner's workspace: not this tenant's round, nothing recorded.
    const crossed = await send('block-actions-slack-connect', { ...base, team: 'T2PARTNER', user: 'UEXT2', actionId: q.actionId, label: 'B', actionTs: actionTs() });
    expect(crossed.replies.map((c) => String(c.body.text))).toEqual([expect.stringMatching(/another channel\. Nothing was recorded/)]);
    expect(await answers()).toHaveLength(1);

    // Their report: the submission's team is T2PARTNER, the installed team T1.
    const report = button(q.blocks, 'Report a problem');
    await send('block-actions-slack-connect', { ...base, actionId: report.actionId, label: 'Report a problem', actionTs: actionTs() });
    const view = fake.openedViews().at(-1)!;
    const submitted = await send('view-submission-slack-connect', {
      team: 'T1', userTeam: 'T2PARTNER', user: 'UEXT', userName: 'partner', viewId: view.id, viewBlocks: view.blocks,
      privateMetadata: view.private_metadata, callbackId: view.callback_id,
      stateValues: { 'sb-form': { text: { type: 'plain_text_input', value: 'The explanation cites the wrong service' } } },
    });
    expect(JSON.parse(submitted.body).view.blocks[0].text.text).toMatch(/^Thanks! Report #\d+/);
    expect(await rows('select channel_key, reporter_key from question_reports')).toEqual([{ channel_key: 'slack:T1:CSHARED', reporter_key: 'slack:T1:UEXT' }]);
  });

  it('ephemeral container: a private practice question answered in place', async () => {
    const practice = await command('command', { team: 'T1', channel: 'CPRIV', user: 'UALICE', text: 'practice' });
    const reply = practice.replies.find((c) => /"a:\d+:/.test(JSON.stringify(c.body.blocks ?? '')))!;
    expect(reply.body.response_type).toBe('ephemeral');
    const blocks = reply.body.blocks as SlackBlock[];
    const label = blocks.flatMap((b) => b.elements ?? []).find((e) => e.type === 'button' && /^a:/.test(e.action_id ?? ''))!.text!.text;
    const answered = await send('block-actions-ephemeral', {
      team: 'T1', user: 'UALICE', userName: 'alice', channel: 'CPRIV', messageTs: '1764151200.000100', ...button(blocks, label), label, actionTs: actionTs(),
    });
    expect(answered.replies).toHaveLength(1);
    expect(answered.replies[0]!.body.replace_original).toBe(true);
    expect(String(answered.replies[0]!.body.text)).toMatch(/^(Correct!|Not quite)/);
  });

  it('attachment and thread containers: the click is answered like any other, in the same tenant and channel', async () => {
    await content.only('1', () => command('command', { team: 'T1', channel: 'CTHREAD', user: 'UHOST', text: 'quiz' }));
    const q = question('CTHREAD', 'A');
    const common = { team: 'T1', channel: 'CTHREAD', messageTs: q.ts, blocks: q.blocks, actionId: q.actionId, blockId: q.blockId, label: 'A' };
    const inThread = await send('block-actions-thread', { ...common, user: 'UTHREAD', userName: 'thread', threadTs: q.ts, actionTs: actionTs() });
    const inAttachment = await send('block-actions-attachment', { ...common, user: 'UATTACH', userName: 'attach', actionTs: actionTs() });
    for (const r of [inThread, inAttachment]) {
      expect(r.status).toBe(200);
      expect(r.replies.map((c) => String(c.body.text))).toEqual([expect.stringMatching(/^(Correct!|Not quite)/)]);
    }
    expect(await answers()).toEqual([
      { user_key: 'slack:T1:UATTACH', channel_key: 'slack:T1:CTHREAD' },
      { user_key: 'slack:T1:UTHREAD', channel_key: 'slack:T1:CTHREAD' },
    ]);
  });

  it('NUL, control characters and U+202E in names and text are removed at the edge: clicks keep working, nothing garbled is stored', async () => {
    const hostile = 'ev\u0000il\u202Egnp.exe\u0007';
    const started = await command('command', { team: 'T1', channel: 'CNAMES', user: 'UHOST', userName: hostile, text: 'quiz\u0000 1\u202E' });
    expect(started.replies.map((c) => String(c.body.text))).toEqual([expect.stringMatching(/^Posted a preview of API Gateway Q1 \(not scored\)\./)]);
    const q = question('CNAMES', 'B');
    const click = await send('block-actions-slack-connect', {
      team: 'T1', userTeam: 'T1', user: 'UNUL', userName: hostile, channel: 'CNAMES', messageTs: q.ts, blocks: q.blocks,
      actionId: q.actionId, blockId: q.blockId, label: 'B', actionTs: actionTs(),
    });
    expect(click.replies.map((c) => String(c.body.text))).toEqual([expect.stringMatching(/^(Correct!|Not quite)/)]);
    const names = await rows<{ display_name: string }>("select display_name from users where user_key = 'slack:T1:UNUL'");
    expect(names).toEqual([{ display_name: 'evilgnp.exe' }]);
  });
});
