// The real entry point with Slack in HTTP mode against the local fake Slack API: the adapter
// starts from the tokens, /healthz includes it, a signed slash command is answered and logged,
// SIGTERM exits 0, and neither the bot token nor the signing secret reaches the logs.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackTestClient } from '../support/slack-client.js';
import { startMain, waitForOutput, type Run } from '../console/spawn-main.js';

const TOKEN = 'xoxb-4242-4242-secretbottokenvalue';
const SIGNING_SECRET = 'f00dfeedsigningsecretvalue1234567';

const lines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('main in chat mode (Slack HTTP fake)', () => {
  let fake: FakeSlackApi;
  let run: Run;
  let opsUrl: string;
  let slack: SlackTestClient;

  beforeAll(async () => {
    fake = await FakeSlackApi.start({ token: TOKEN });
    run = startMain({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      OPS_PORT: '0',
      LOG_LEVEL: 'debug',
    });
    run.child.stdin.end();
    await waitForOutput(run, (out) => out.includes('"msg":"studybot started'));
    const all = lines(run.stdout());
    const started = all.find((l) => String(l.msg).startsWith('studybot started'))!;
    expect(started).toMatchObject({ adapters: ['slack'], msg: 'studybot started: slack' });
    opsUrl = `http://127.0.0.1:${started.opsPort as number}`;
    const slackPort = all.find((l) => l.msg === 'Slack adapter started')!.port as number;
    slack = new SlackTestClient(`http://127.0.0.1:${slackPort}/slack/events`, SIGNING_SECRET);
  }, 120_000);

  afterAll(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await fake.close();
  });

  it('/healthz includes the Slack receiver', async () => {
    const res = await fetch(`${opsUrl}/healthz`);
    const body = (await res.json()) as { checks: Record<string, { ok: boolean }> };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.checks.slack?.ok).toBe(true);
    expect(body.checks.database?.ok).toBe(true);
  });

  it('answers a signed slash command through its response_url and logs it once', async () => {
    const responseUrl = fake.responseUrl();
    const res = await slack.command({
      command: '/apigw',
      text: 'explain stage-variables',
      user: { id: 'U1', name: 'alice' },
      channelId: 'C1',
      teamId: 'T1',
      responseUrl,
    });
    expect(res.status).toBe(200);
    await fake.waitForCalls('response_url', 1, () => true, 30_000);
    await waitForOutput(run, (out) => out.includes('"msg":"interaction"'));
    const line = lines(run.stdout()).find((l) => l.msg === 'interaction')!;
    expect(line).toMatchObject({ platform: 'slack', workspace: 'T1', channel: 'C1', interaction: 'command', name: '/apigw explain', outcome: 'ok' });
  }, 60_000);

  it('SIGTERM stops cleanly with exit 0, and no secret was ever logged', async () => {
    run.child.kill('SIGTERM');
    expect(await run.exited, run.stderr()).toBe(0);
    const all = run.stdout() + run.stderr();
    expect(lines(run.stdout()).at(-1)!.msg).toBe('stopped');
    for (const secret of [TOKEN, SIGNING_SECRET, 'secretbottokenvalue']) expect(all).not.toContain(secret);
  }, 60_000);
});
