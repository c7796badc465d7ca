// The real entry point in chat mode: Discord against the local fake, the ops server on a free
// port, one slash command, then SIGTERM. Checks /healthz, /metrics, the interaction log line,
// a clean exit 0, and that the token never reaches the logs.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.js';
import { startMain, waitForOutput, type Run } from '../console/spawn-main.js';
import { oneQuestionFolder } from '../support/one-question-content.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.ops-test.a-very-secret-discord-token-value';
const APP_ID = '100000000000000001';
const GUILD = '300000000000000001';
const CHANNEL = '400000000000000001';

const lines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('main in chat mode (Discord fake)', () => {
  let fake: FakeDiscord;
  let run: Run;
  let opsUrl: string;

  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TOKEN, applicationId: APP_ID });
    run = startMain({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
      OPS_PORT: '0',
      LOG_LEVEL: 'debug',
      SHUTDOWN_TIMEOUT_MS: '20000',
      CONTENT_DIR: oneQuestionFolder('Q1'), // the plain (scored) quiz is Q1
    });
    run.child.stdin.end();
    await waitForOutput(run, (out) => out.includes('"msg":"studybot started'));
    const started = lines(run.stdout()).find((l) => String(l.msg).startsWith('studybot started'))!;
    expect(started).toMatchObject({ adapters: ['discord'], database: 'pglite', decks: ['api-gateway'] });
    opsUrl = `http://127.0.0.1:${started.opsPort as number}`;
  }, 120_000);

  afterAll(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await fake.close();
  });

  it('/healthz reports the database and the Discord gateway', async () => {
    const res = await fetch(`${opsUrl}/healthz`);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.database?.ok).toBe(true);
    expect(body.checks.discord?.ok).toBe(true);
  });

  it('logs a slash command with platform, workspace, channel, latency and outcome, and counts it in /metrics', async () => {
    const id = fake.dispatchInteraction(
      fake.payloads.chatInput({ command: 'apigw', subcommand: 'explain', options: { concept: 'stage-variables' }, guildId: GUILD, channelId: CHANNEL }),
    );
    await fake.waitForCall((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${id}/`), 30_000);
    await waitForOutput(run, (out) => out.includes('"msg":"interaction"'));
    const line = lines(run.stdout()).find((l) => l.msg === 'interaction')!;
    expect(line).toMatchObject({ platform: 'discord', workspace: GUILD, channel: CHANNEL, interaction: 'command', outcome: 'ok' });
    expect(typeof line.latencyMs).toBe('number');

    const metrics = await (await fetch(`${opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/^studybot_interactions_total\{platform="discord",kind="command",outcome="ok"\} 1$/m);
    expect(metrics).toMatch(/^studybot_adapter_connected\{platform="discord"\} 1$/m);
    expect(metrics).toMatch(/^studybot_process_resident_memory_bytes \d+/m);
    for (const name of ['studybot_rounds_posted_total', 'studybot_answers_total', 'studybot_interaction_ack_seconds', 'studybot_errors_total', 'studybot_scheduler_lag_seconds']) {
      expect(metrics).toContain(`# TYPE ${name} `);
    }
  }, 60_000);

  it('counts the round a /apigw quiz posts and the answer a click records', async () => {
    const quiz = fake.dispatchInteraction(
      fake.payloads.chatInput({ command: 'apigw', subcommand: 'quiz', guildId: GUILD, channelId: CHANNEL }),
    );
    await fake.waitForCall((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${quiz}/`), 30_000);
    await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages` && c.status === 200, 30_000);
    const message = [...fake.messages.values()].filter((m) => m.channel_id === CHANNEL && !m.interaction_id).at(-1)!;
    const buttons = (message.components ?? []).flatMap((row: { components: { label: string; custom_id: string }[] }) => row.components);
    const b = buttons.find((c) => c.label === 'B')!;
    const click = fake.dispatchInteraction(fake.payloads.button({ customId: b.custom_id, messageId: message.id, guildId: GUILD, channelId: CHANNEL }));
    await fake.waitForCall((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${click}/`), 30_000);
    await waitForOutput(run, (out) => out.split('"interaction":"action"').length > 1);

    const metrics = await (await fetch(`${opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/^studybot_rounds_posted_total\{platform="discord",kind="quiz"\} 1$/m);
    expect(metrics).toMatch(/^studybot_answers_total\{platform="discord",result="correct"\} 1$/m);
    // Both interactions were acknowledged and timed: the explain command earlier, this quiz command and the click.
    expect(metrics).toMatch(/^studybot_interaction_ack_seconds_count\{platform="discord",kind="command"\} 2$/m);
    expect(metrics).toMatch(/^studybot_interaction_ack_seconds_count\{platform="discord",kind="action"\} 1$/m);
  }, 60_000);

  it('SIGTERM stops the adapter and the process cleanly with exit 0', async () => {
    run.child.kill('SIGTERM');
    const code = await run.exited;
    expect(code, run.stderr()).toBe(0);
    const msgs = lines(run.stdout()).map((l) => l.msg);
    expect(msgs).toContain('shutting down');
    expect(msgs.at(-1)).toBe('stopped');
    expect(msgs.indexOf('discord: stopped')).toBeGreaterThan(msgs.indexOf('shutting down'));
  }, 60_000);

  it('the token never appears in any log line', () => {
    const all = run.stdout() + run.stderr();
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('a-very-secret-discord-token-value');
  });
});
