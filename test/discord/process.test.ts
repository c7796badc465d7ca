// The real entry point with Discord against the fake: the documentation's own slash-command
// payload (no entitlements, no channel object) and a dispatch discord.js cannot build do not stop
// the process (nor the Slack adapter running in it); the user of the broken one gets an error
// answer, and the next interaction, on either platform, is served.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snowflake, startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackTestClient } from '../support/slack-client.js';
import { startMain, waitForOutput, type Run } from '../console/spawn-main.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.process-test.not-a-real-token';
const APP_ID = '100000000000000001';
const SLACK_TOKEN = 'xoxb-4242-4242-processtestbottoken';
const SIGNING_SECRET = 'f00dfeedsigningsecretvalue1234567';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/payloads/discord');

describe('main keeps serving Discord through malformed events', () => {
  let fake: FakeDiscord;
  let fakeSlack: FakeSlackApi;
  let slack: SlackTestClient;
  let run: Run;

  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TOKEN, applicationId: APP_ID });
    fakeSlack = await FakeSlackApi.start({ token: SLACK_TOKEN });
    run = startMain({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fakeSlack.apiUrl,
      PORT: '0',
      OPS_PORT: 'off',
    });
    run.child.stdin.end();
    await waitForOutput(run, (out) => out.includes('"msg":"studybot started'));
    const started = run
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; port?: number })
      .find((l) => l.msg === 'Slack adapter started')!;
    slack = new SlackTestClient(`http://127.0.0.1:${started.port}/slack/events`, SIGNING_SECRET);
  }, 120_000);

  afterAll(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await fake.close();
    await fakeSlack.close();
  });

  const answerOf = async (id: string) =>
    fake.waitForCall((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${id}/`), 30_000);

  it('serves the documented payload, answers a broken one with an error, then serves the next', async () => {
    const documented = JSON.parse(readFileSync(join(FIXTURES, 'slash-command-documented.json'), 'utf8'));
    documented.id = snowflake();
    documented.token = `itoken-${snowflake()}`;
    const first = await answerOf(fake.dispatchInteraction(documented));
    expect(JSON.stringify(first.body)).toContain('Stage variables');

    const broken = fake.payloads.chatInput({ command: 'apigw', subcommand: 'help' });
    delete broken.data;
    const failed = await answerOf(fake.dispatchInteraction(broken));
    expect(failed.body.data).toMatchObject({ content: expect.stringContaining('Something went wrong'), flags: 64 });

    const next = await answerOf(fake.dispatchInteraction(fake.payloads.chatInput({ command: 'apigw', subcommand: 'help' })));
    expect(next.status).toBe(204);

    // The Slack adapter in the same process still answers.
    const res = await slack.command({ command: '/apigw', text: 'help', user: { id: 'U1', name: 'alice' }, channelId: 'C1', teamId: 'T1', responseUrl: fakeSlack.responseUrl() });
    expect(res.status).toBe(200);
    await fakeSlack.waitForCalls('response_url', 1, () => true, 30_000);
    expect(run.child.exitCode).toBeNull();
    expect(run.stdout()).toContain(`"interaction":"${broken.id}"`);
    expect(run.stdout()).not.toContain('"level":60');

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 120_000);
});
