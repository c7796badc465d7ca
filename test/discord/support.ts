// Shared set-up for Discord adapter tests: the fake Discord, the adapter logged in to it, and a
// scripted core that records what the adapter invoked and answers what the test tells it to.

import { pino } from 'pino';
import type { DiscordAdapter, DiscordConfig } from '../../adapters/discord/index.js';
import type {
  ActionInvocation,
  AutocompleteInvocation,
  ChatPort,
  Choice,
  CommandInvocation,
  CommandSpec,
  Reply,
  Studybot,
} from '../../src/quiz/api.js';
import type { FakeDiscord, FakeDiscordOptions } from '../fakes/discord-api.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';

export { callbackOf } from '../support/discord-harness.js';

export const TOKEN = 'test-token-not-a-secret';
export const APP_ID = '100000000000000001';
export const GUILD = '300000000000000001';
export const CHANNEL = '400000000000000001';

export const APIGW_SPEC: CommandSpec = {
  name: 'apigw',
  description: 'API Gateway study deck',
  deckId: 'api-gateway',
  subcommands: [
    { name: 'explain', description: 'Explain a concept', options: [{ name: 'concept', description: 'Concept name', required: false, autocomplete: true }] },
    { name: 'quiz', description: 'Post a question to the channel', options: [] },
    { name: 'practice', description: 'A question just for you', options: [] },
    {
      name: 'leaderboard',
      description: 'The channel leaderboard',
      options: [{ name: 'period', description: 'Period', required: false, choices: ['week', 'month', 'all'] }],
    },
    { name: 'stats', description: 'Personal stats', options: [{ name: 'user', description: 'Whose stats', required: false }] },
    {
      name: 'schedule',
      description: 'Question of the day',
      options: [
        { name: 'time', description: 'HH:MM or off', required: false },
        { name: 'timezone', description: 'IANA timezone', required: false, autocomplete: true },
        { name: 'weekdays', description: 'e.g. mon-fri', required: false },
      ],
    },
    { name: 'help', description: 'How to use the bot', options: [] },
  ],
};

type Handler<I, O> = (inv: I) => O | Promise<O>;

/** A scripted core: records invocations, answers with what the test sets. */
export class ScriptedBot implements Studybot {
  readonly commandsSeen: CommandInvocation[] = [];
  readonly actionsSeen: ActionInvocation[] = [];
  readonly autocompletesSeen: AutocompleteInvocation[] = [];
  readonly chats: ChatPort[] = [];
  onCommand: Handler<CommandInvocation, Reply[]> = () => [];
  onAction: Handler<ActionInvocation, Reply[]> = () => [];
  onAutocomplete: Handler<AutocompleteInvocation, Choice[]> = () => [];
  specs: CommandSpec[] = [APIGW_SPEC];

  async command(inv: CommandInvocation) {
    this.commandsSeen.push(inv);
    return this.onCommand(inv);
  }
  async action(inv: ActionInvocation) {
    this.actionsSeen.push(inv);
    return this.onAction(inv);
  }
  async autocomplete(inv: AutocompleteInvocation) {
    this.autocompletesSeen.push(inv);
    return this.onAutocomplete(inv);
  }
  commands() {
    return this.specs;
  }
  attachChat(port: ChatPort) {
    this.chats.push(port);
  }
  startRound(): never {
    throw new Error('not scripted');
  }
  async closeDueRounds() {
    return 0;
  }
  async flush() {}
}

export const silentLog = pino({ level: 'silent' });

export interface Harness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  close(): Promise<void>;
}

export async function startHarness(
  bot: Studybot,
  config: Partial<DiscordConfig> = {},
  fakeOptions: Omit<FakeDiscordOptions, 'token' | 'applicationId'> = {},
): Promise<Harness> {
  const h = await startDiscordHarness({ bot, token: TOKEN, applicationId: APP_ID, config, fakeOptions, log: silentLog });
  return { fake: h.fake, adapter: h.discord, close: h.close };
}

/**
 * The adapter on a new fake with this file's ids, for tests on the real core. A long defer
 * threshold: every answer is a direct interaction response (deferral is covered in
 * adapter.test.ts), so each interaction has exactly one callback to read.
 */
export function startAnsweringHarness(bot: Studybot): Promise<DiscordHarness> {
  return startDiscordHarness({ bot, token: TOKEN, applicationId: APP_ID, config: { deferAfterMs: 60_000 }, log: silentLog });
}

/** A deferred promise the test resolves by hand (to hold the core until the adapter defers). */
export function gate<T>() {
  let open!: (v: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
