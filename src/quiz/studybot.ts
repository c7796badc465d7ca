// createStudybot(): the platform-neutral core as a small router. Commands, clicks and autocomplete
// come in from adapters and go to the feature that owns them (src/quiz/features, listed in
// features/index.ts); replies go back as MessageViews; channel messages go out through the
// attached ChatPorts. The router holds only what features share (FeatureContext).
import type { Logger } from 'pino';
import { explain as contentExplain } from '../content/explain.js';
import { AfterReply } from './after-reply.js';
import { isStudybotError, StudybotError } from '../errors.js';
import { graphemePrefix } from '../graphemes.js';
import { parseActionId, type ParsedAction } from './action-ids.js';
import type { ActionInvocation, AutocompleteInvocation, ChatPort, Choice, Clock, CommandInvocation, CommandSpec, Reply, SchedulePort, Studybot } from './api.js';
import { systemClock } from './api.js';
import type { DeckCatalog, ExplainFn } from './catalog.js';
import { createChannelRounds } from './channel-rounds.js';
import { commandDef, parseCommand } from './command-parser.js';
import { deckList, MAX_CHOICES } from './decks.js';
import type { ActionHandlers, CommandDef, Feature, FeatureContext, FeatureServices } from './feature.js';
import { features } from './features/index.js';
import { userKey } from './ids.js';
import { displayNotePath } from './note-path.js';
import { privateNotice } from './replies.js';
import type { ExamDeps } from '../exam/deps.js';
import type { QuizStore } from './store.js';

export { isPlayable, snapshotOf } from './decks.js';

export interface StudybotDeps {
  store: QuizStore;
  decks: DeckCatalog;
  /** Concept lookup for `explain`. Default: src/content's explain (fuzzy names and aliases). */
  explain?: ExplainFn;
  clock?: Clock;
  schedule?: SchedulePort;
  /** Extra admins: platform user ids or user keys (`slack:T1:U9`). */
  admins?: string[];
  log?: Logger;
  /** How long a /quiz round stays open. Default 10 minutes. */
  quizMinutes?: number;
  /** How long an unanswered practice question stays answerable. Default 60 minutes. */
  practiceMinutes?: number;
  /** Minimum spacing of "N answered" edits of one message. Default 3 s. */
  countEditIntervalMs?: number;
  /** Random source for picking questions (tests pass a seeded one). */
  random?: () => number;
  /** The content folder (CONTENT_DIR): note paths shown to users are relative to it. */
  contentDir?: string;
  /** Exam prep (blueprints, mock exams, readiness); absent: no exam commands work. */
  exams?: ExamDeps;
}

const LOADED: readonly Feature[] = features;
const COMMANDS: readonly CommandDef[] = LOADED.flatMap((f) => f.commands ?? []);

type AnyActionHandler = (ctx: FeatureContext, inv: ActionInvocation, action: ParsedAction) => Promise<Reply[]> | Reply[];

/** Action type → handler; each type belongs to exactly one feature. */
function actionTable(): Map<string, AnyActionHandler> {
  const table = new Map<string, AnyActionHandler>();
  for (const feature of LOADED) {
    for (const [type, handler] of Object.entries(feature.actions ?? {}) as [keyof ActionHandlers, AnyActionHandler][]) {
      if (table.has(type)) throw new Error(`action "${type}" is handled by two features (one is ${feature.name})`);
      table.set(type, handler);
    }
  }
  return table;
}

export function createStudybot(deps: StudybotDeps): Studybot & { revealNow(messageRef: string): Promise<boolean>; sendReviewReminders(): Promise<number>; endExpiredExams(): Promise<number> } {
  const { store, decks, log } = deps;
  const clock = deps.clock ?? systemClock;
  const chats = new Map<string, ChatPort>();
  const chatFor = (platform: string) => chats.get(platform);
  const rounds = createChannelRounds({ store, clock, log, chatFor, countEditIntervalMs: deps.countEditIntervalMs ?? 3000 });
  const afterReply = new AfterReply(log);
  const ctx: FeatureContext = {
    store,
    decks,
    clock,
    log,
    explain: deps.explain ?? contentExplain,
    random: deps.random ?? Math.random,
    schedule: deps.schedule,
    quizMs: (deps.quizMinutes ?? 10) * 60_000,
    practiceMs: (deps.practiceMinutes ?? 60) * 60_000,
    chatFor,
    platforms: () => [...chats.keys()],
    notePath: (path) => displayNotePath(path, deps.contentDir),
    isAdmin: (user) => user.isAdmin || (deps.admins ?? []).some((a) => a === user.id || a === userKey(user)),
    rounds,
    commandList: () => COMMANDS,
    exams: deps.exams,
    afterReply,
  };
  const actions = actionTable();
  const services: FeatureServices = {
    startRound: () => Promise.reject(new StudybotError('quiz:not-found', 'channel rounds are not loaded')),
    closeDueRounds: async () => 0,
    revealNow: async () => false,
    recoverPost: async () => null,
    sendReviewReminders: async () => 0,
    endExpiredExams: async () => 0,
    ...Object.assign({}, ...LOADED.map((f) => f.services?.(ctx) ?? {})),
  };

  function failure(err: unknown, context: Record<string, unknown>, isClick = false): Reply[] {
    if (isStudybotError(err) && (err.code === 'quiz:invalid-input' || err.code === 'quiz:not-found' || err.code === 'quiz:forbidden')) {
      return privateNotice(err.message);
    }
    log?.error({ err, ...context }, 'request failed');
    if (isStudybotError(err) && err.code === 'db:unavailable') {
      // The write may or may not have landed: a retry is safe (one answer per user and round).
      return isClick
        ? privateNotice('I could not reach my database, so I cannot confirm your answer. Please click again in a minute: if it was recorded, I will tell you.')
        : privateNotice('I cannot reach my database right now. Please try again in a minute.');
    }
    if (isStudybotError(err) && err.code === 'platform:failed') {
      return privateNotice('I could not post to this channel. Check that I was added to it, then try again.');
    }
    return privateNotice(
      isClick ? 'Something went wrong on my side. Please click again: if your answer was recorded, I will tell you.' : 'Something went wrong on my side. Please try again.',
    );
  }

  async function runCommand(inv: CommandInvocation): Promise<Reply[]> {
    const deck = decks.byCommand(inv.command);
    if (!deck) {
      const failed = decks.failureFor?.(inv.command);
      if (failed) return privateNotice(`The deck behind /${failed.command} did not load: ${failed.reason}. An admin can run npm run content:check.`);
      return privateNotice(`/${inv.command} is not one of my decks.`, `Decks: ${deckList(decks) || 'none loaded'}`);
    }
    await store.saveUser(inv.user);
    const parsed = parseCommand(inv.text);
    if (parsed.type === 'invalid') return privateNotice(parsed.message, parsed.usage ? `Usage: /${deck.command} ${parsed.usage}` : undefined);
    const def = parsed.type === 'unknown' ? undefined : commandDef(parsed.type);
    if (!def) {
      const suggestion = parsed.type === 'unknown' ? parsed.suggestion : undefined;
      const word = parsed.type === 'unknown' ? parsed.word : parsed.type;
      const hint = suggestion ? `Did you mean /${deck.command} ${suggestion}?` : `Try /${deck.command} help.`;
      const listed = COMMANDS.filter((d) => !d.admin).map((d) => d.name);
      return privateNotice(`I don't know "${word}". ${hint}`, `Commands: ${listed.join(', ')}.`);
    }
    return def.run(ctx, inv, deck, parsed);
  }

  async function runAction(inv: ActionInvocation): Promise<Reply[]> {
    const parsed = parseActionId(inv.actionId);
    const handler = parsed && actions.get(parsed.type);
    if (!parsed || !handler) return privateNotice('That button is not one I know (it may be from an older version). Nothing was recorded.');
    return handler(ctx, inv, parsed);
  }

  async function autocomplete(inv: AutocompleteInvocation): Promise<Choice[]> {
    const deck = decks.byCommand(inv.command);
    const complete = deck && commandDef(inv.subcommand)?.autocomplete;
    if (!deck || !complete || !Object.hasOwn(complete, inv.option)) return [];
    return complete[inv.option]!(ctx, deck, (inv.partial ?? '').toLowerCase().trim()).slice(0, MAX_CHOICES);
  }

  function commands(): CommandSpec[] {
    return decks.decks().map((deck) => ({
      name: deck.command,
      description: graphemePrefix(`Study ${deck.title}: explain concepts, quiz the channel, practise privately`, 100),
      deckId: deck.id,
      subcommands: COMMANDS.map((d) => ({ name: d.name, ...d.spec })),
    }));
  }

  return {
    attachChat(port: ChatPort) {
      chats.set(port.platform, port);
    },
    async command(inv) {
      try {
        // The user's own deferred writes (their last answer's card) land before anything else of theirs runs.
        const pending = afterReply.pending(userKey(inv.user));
        if (pending) await pending;
        return await runCommand(inv);
      } catch (err) {
        return failure(err, { command: inv.command, text: inv.text });
      }
    },
    async action(inv) {
      try {
        const pending = afterReply.pending(userKey(inv.user));
        if (pending) await pending;
        return await runAction(inv);
      } catch (err) {
        return failure(err, { actionId: String(inv.actionId).slice(0, 100) }, true);
      }
    },
    autocomplete,
    commands,
    ...services,
    flush: async () => {
      await Promise.all([rounds.flush(), afterReply.all()]);
    },
  };
}
