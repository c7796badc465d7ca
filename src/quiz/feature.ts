// What a feature module is (docs/core.md, "Features"). Each folder under src/quiz/features/
// exports one Feature: the subcommands it owns (name, aliases, usage, help line, Slack/Discord
// spec, parser, handler, autocomplete), the action ids it handles (their grammar lives in
// action-ids.ts), and the services it adds to the Studybot surface. The router (studybot.ts)
// gives every handler the same FeatureContext: only what is truly shared.
import type { Logger } from 'pino';
import type { Deck } from '../content/types.js';
import type { AfterReply } from './after-reply.js';
import type { ParsedAction } from './action-ids.js';
import type { ActionInvocation, ChatPort, Choice, Clock, CommandInvocation, CommandSpec, Reply, SchedulePort, Studybot } from './api.js';
import type { DeckCatalog, ExplainFn } from './catalog.js';
import type { ChannelRounds } from './channel-rounds.js';
import type { UserRef } from './ids.js';
import type { ExamDeps } from '../exam/deps.js';
import type { QuizStore } from './store.js';

/**
 * Shared state and ports. `S` is the slice of the store a feature uses: a handler typed with
 * `FeatureContext<Pick<QuizStore, 'leaderboard' | 'ensureChannel'>>` can call nothing else.
 */
export interface FeatureContext<S = QuizStore> {
  readonly store: S;
  readonly decks: DeckCatalog;
  readonly clock: Clock;
  readonly log?: Logger;
  readonly explain: ExplainFn;
  readonly random: () => number;
  readonly schedule?: SchedulePort;
  /** How long a /quiz round stays open, and an unanswered practice question answerable. */
  readonly quizMs: number;
  readonly practiceMs: number;
  chatFor(platform: string): ChatPort | undefined;
  /** Platforms with an attached chat port. */
  platforms(): string[];
  /** A note's path as users may see it: relative to the content folder, never absolute. */
  notePath(path: string): string;
  /** The platform's admin flag, or listed in StudybotDeps.admins. */
  isAdmin(user: UserRef): boolean;
  /** Posting, count edits and reveals of channel round messages. */
  readonly rounds: ChannelRounds;
  /** Every subcommand of every loaded feature, in menu order (help and hints list them). */
  commandList(): readonly CommandDef[];
  /** Exam blueprints, their store and where charts go (src/exam); absent: the exam commands say so. */
  readonly exams?: ExamDeps;
  /** Writes a reply need not wait for (a channel answer's card), in order per user. */
  readonly afterReply: AfterReply;
}

/** What a parser returns for arguments it cannot take. */
export type InvalidCommand = { type: 'invalid'; message: string; usage?: string };

type SubcommandSpec = CommandSpec['subcommands'][number];

export interface CommandDef<P extends { type: string } = { type: string }> {
  /** The subcommand word (`quiz`); parsers return `{ type: name, … }`. */
  name: string;
  aliases?: readonly string[];
  usage: string;
  /** Admin-only: listed in help for admins only, and not in the unknown-command hint. */
  admin?: boolean;
  /** This subcommand's line in `help` (`c` is the slash command, e.g. `/apigw`). */
  help(c: string, deck: Deck, ctx: FeatureContext): string;
  /** For Slack's manifest and Discord's registration. */
  spec: Omit<SubcommandSpec, 'name'>;
  /** Never throws: bad input is an InvalidCommand. `rest` is the text after the word, `tokens` it split on spaces. */
  parse(rest: string, tokens: string[]): P | InvalidCommand;
  run(ctx: FeatureContext, inv: CommandInvocation, deck: Deck, parsed: P): Promise<Reply[]>;
  /** Choices per option name; `partial` is lower-cased and trimmed; the router keeps the first 25. */
  autocomplete?: Record<string, (ctx: FeatureContext, deck: Deck, partial: string) => Choice[]>;
}

/** Keeps the parsed type of a subcommand (so ParsedCommand stays a precise union). */
export const defineCommand = <P extends { type: string }>(def: CommandDef<P>): CommandDef<P> => def;

export type ActionHandlers = {
  [K in ParsedAction['type']]?: (ctx: FeatureContext, inv: ActionInvocation, action: Extract<ParsedAction, { type: K }>) => Promise<Reply[]> | Reply[];
};

/** Operations beyond commands and clicks that the composition root and the scheduler call. */
export type FeatureServices = Required<Pick<Studybot, 'startRound' | 'closeDueRounds' | 'recoverPost' | 'revealNow' | 'sendReviewReminders' | 'endExpiredExams'>>;

export interface Feature {
  name: string;
  commands?: readonly CommandDef<any>[];
  /** Handlers by action type; each type is handled by exactly one feature. */
  actions?: ActionHandlers;
  services?(ctx: FeatureContext): Partial<FeatureServices>;
}
