// The Discord side of a test through the real discord.js client: the fake Discord (gateway and
// REST on 127.0.0.1) and startDiscord logged in to it. Tests dispatch INTERACTION_CREATE packets
// with `fake.dispatchInteraction(fake.payloads.…)` and read the answer with answered(id).
//
//   const h = await startDiscordHarness({ bot, token: TOKEN, applicationId: APP_ID, config: { deferAfterMs: 60_000 } });
//   const { callback } = await h.answered(h.fake.dispatchInteraction(h.fake.payloads.chatInput({ … })));
//   await h.close();

import pino from 'pino';
import { startDiscord, type DiscordAdapter, type DiscordConfig } from '../../adapters/discord/index.js';
import type { Studybot } from '../../src/quiz/api.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type RecordedCall } from '../fakes/discord-api.js';

type StartDiscordOptions = Parameters<typeof startDiscord>[0];

export interface DiscordHarnessOptions {
  bot: Studybot;
  token: string;
  applicationId: string;
  /** Config over the token, application id and the fake's API URL. */
  config?: Partial<DiscordConfig>;
  fakeOptions?: Omit<FakeDiscordOptions, 'token' | 'applicationId'>;
  /** Default: silent. */
  log?: StartDiscordOptions['log'];
  /** A fake already running (shared by several adapters in turn): close() leaves it open. */
  fake?: FakeDiscord;
}

export interface DiscordHarness {
  readonly fake: FakeDiscord;
  readonly discord: DiscordAdapter;
  /** What the interaction's user saw: its first callback (once the adapter is idle), then any follow-ups. */
  answered(interactionId: string, timeoutMs?: number): Promise<{ callback: RecordedCall; followUps: RecordedCall[] }>;
  close(): Promise<void>;
}

export async function startDiscordHarness(opts: DiscordHarnessOptions): Promise<DiscordHarness> {
  const fake = opts.fake ?? (await startFakeDiscord({ token: opts.token, applicationId: opts.applicationId, ...opts.fakeOptions }));
  const ownFake = !opts.fake;
  let discord: DiscordAdapter;
  try {
    discord = await startDiscord({
      config: { token: opts.token, applicationId: opts.applicationId, apiUrl: fake.apiUrl, ...opts.config },
      bot: opts.bot,
      log: opts.log ?? pino({ level: 'silent' }),
    });
  } catch (err) {
    if (ownFake) await fake.close();
    throw err;
  }
  return {
    fake,
    discord,
    async answered(interactionId, timeoutMs) {
      const callback = await callbackOf(fake, interactionId, timeoutMs);
      await discord.idle();
      const token = fake.interactions.get(interactionId)!.token;
      return { callback, followUps: fake.callsTo('POST', `/webhooks/${opts.applicationId}/${token}`) };
    },
    async close() {
      await discord.stop();
      if (ownFake) await fake.close();
    },
  };
}

/** The first interaction callback for an interaction id. */
export function callbackOf(fake: FakeDiscord, interactionId: string, timeoutMs?: number) {
  return fake.waitForCall((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${interactionId}/`), timeoutMs);
}

/** A message's components (buttons, selects), all action rows flattened. */
export const componentsOf = (message: any): any[] => (message?.components ?? []).flatMap((r: any) => r.components);
