// The core's surface towards adapters (what they call) and its ports (what they implement).
// Adapters translate platform payloads into these invocations and render the replies;
// they hold no quiz rules.

import type { ChannelRef, Platform, UserRef } from './ids.js';
import type { MessageView } from './views.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** `/apigw explain stage-variables` → { command: 'apigw', text: 'explain stage-variables' }. */
export interface CommandInvocation {
  channel: ChannelRef;
  user: UserRef;
  /** The deck command without the slash. */
  command: string;
  /** Everything after the command, as typed. */
  text: string;
}

/** A click on a button/checkbox submit/select produced from a view's actions. */
export interface ActionInvocation {
  channel: ChannelRef;
  user: UserRef;
  /** The ViewButton.id or multiselect submitId, exactly as the core produced it (untrusted: the core validates it). */
  actionId: string;
  /** For multiselects: the chosen option values. */
  values?: string[];
  /**
   * Opaque reference of the message that carried the control, when it is a channel message the
   * bot posted (null for private/ephemeral messages).
   */
  messageRef?: string | null;
}

export interface AutocompleteInvocation {
  channel: ChannelRef;
  user: UserRef;
  command: string;
  /** The subcommand ("explain", "schedule") and the option being typed ("concept", "timezone"). */
  subcommand: string;
  option: string;
  partial: string;
}

export interface Choice {
  name: string;
  value: string;
}

/**
 * A one-field form to fill in (Slack modal via views.open, Discord modal via showModal).
 * On submit the adapter invokes the core's action with `actionId = id` and `values = [the text]`,
 * in the same channel as the click that opened it.
 */
export interface FormView {
  /** Opaque submit id produced by the core, at most 100 chars (Discord modal custom_id, Slack callback_id). */
  id: string;
  /** The modal's title, at most 24 chars (Slack's limit; Discord allows 45). */
  title: string;
  /** Submit button label, at most 24 chars (Slack; Discord has a fixed "Submit"). */
  submitLabel: string;
  field: {
    /** At most 45 chars (Discord's text input label limit). */
    label: string;
    /** At most 100 chars. */
    placeholder: string;
    minLength: number;
    maxLength: number;
    multiline: boolean;
  };
}

/**
 * What the adapter must show the invoker, in order.
 * - private: only the invoker sees it (Slack ephemeral via respond/response_url, Discord ephemeral reply/follow-up, console print).
 * - channel: visible to the whole channel as a reply to the invocation.
 * `replaceSource`: replace the message that carried the clicked control (a private practice question
 * becoming its result) instead of sending a new one.
 */
export interface Reply {
  visibility: 'private' | 'channel';
  view: MessageView;
  replaceSource?: boolean;
  /**
   * Open this form as a modal instead of showing `view`, when the platform can at this moment
   * (Slack: a click's trigger_id, valid 3 s; Discord: the interaction's first response, not after a
   * deferral). Otherwise show `view`, which says how to do the same thing by typing a command.
   * Only on the reply to a click (ActionInvocation), and at most one per invocation.
   */
  form?: FormView;
  /**
   * Set on the reply to an answer click that the core recorded. A refused click (wrong number of
   * options, closed round, …) records nothing and leaves the round as it was; the console reveals
   * a channel round after its one player's answer only when this is set.
   */
  recorded?: true;
  /**
   * This private view is a copy of the channel message `messageRef` (an open question shown again,
   * e.g. after a restart): an adapter that tracks messages (the console) treats it as that message.
   */
  messageRef?: string;
}

/** Description of a deck command and its subcommands, for Slack's manifest and Discord's registration. */
export interface CommandSpec {
  name: string;
  description: string;
  deckId: string;
  subcommands: {
    name: string;
    description: string;
    options: {
      name: string;
      description: string;
      required: boolean;
      autocomplete?: boolean;
      choices?: string[];
      /**
       * Adapters that rebuild the command text from named options (Discord) write this word before
       * the value: `close` + `8h` → `close 8h`, as a Slack user would type it.
       */
      keyword?: string;
    }[];
  }[];
}

export interface StudybotApi {
  command(inv: CommandInvocation): Promise<Reply[]>;
  action(inv: ActionInvocation): Promise<Reply[]>;
  autocomplete(inv: AutocompleteInvocation): Promise<Choice[]>;
  /** One per deck (a deck's `command` front-matter field, `apigw` for API Gateway). */
  commands(): CommandSpec[];
}

/**
 * The chat port each adapter implements so the core can post and edit channel messages
 * outside an interaction (question of the day, reveal, coalesced answer counts).
 */
export interface ChatPort {
  readonly platform: Platform;
  /** Post a message to a channel; returns an opaque, storable message reference (`slack:T1:C2:1712345678.000100`). */
  post(channel: ChannelRef, view: MessageView): Promise<string>;
  /** Replace a message previously returned by post(). */
  update(messageRef: string, view: MessageView): Promise<void>;
  /**
   * Optional: a private message to one user about a channel at any time (Slack ephemeral in the
   * channel, Discord direct message naming the channel, console print). A port without it makes the
   * core refuse features that need it (review reminders) with a clear message. Throws a
   * StudybotError `platform:unreachable-user` when the platform works but will not deliver to this
   * user (no DMs from the bot, not in the channel), any other error when the platform failed.
   */
  postPrivate?(channel: ChannelRef, userId: string, view: MessageView): Promise<void>;
  /**
   * Optional: a channel message addressed to one user, which notifies that user and nobody else
   * (Discord: `<@id>` with allowed_mentions of that id only). Only for text anybody in the channel
   * may read. The core uses it when postPrivate threw `platform:unreachable-user`; without it that
   * user is not told (the core logs it).
   */
  postAddressed?(channel: ChannelRef, userId: string, view: MessageView): Promise<void>;
  /**
   * Optional: the reference of a message this bot posted in `channel` since `since` that carries a
   * control with exactly this action id, or null when there is none. Used to recover a post whose
   * response was lost (a process died inside the platform call). Throws when it cannot tell.
   */
  findPosted?(channel: ChannelRef, actionId: string, since: Date): Promise<string | null>;
}

export type RoundKind = 'daily' | 'quiz' | 'practice';

export interface StartRoundRequest {
  channel: ChannelRef;
  kind: Exclude<RoundKind, 'practice'>;
  /** Deck to draw from; default: the channel's or the first deck. */
  deckId?: string;
  closesAt: Date;
  /** For daily rounds: the channel-local date (YYYY-MM-DD) the round belongs to. */
  dailyDate?: string;
  /**
   * The channel's IANA timezone, if the caller knows it (the scheduler does): stored for the
   * channel's leaderboard weeks/months and streak days. Invalid zones are refused.
   */
  timezone?: string;
}

export interface StartedRound {
  roundId: string;
  messageRef: string;
  questionId: string;
}

/** The whole core as the composition root, the scheduler and the adapters see it. */
export interface Studybot extends StudybotApi {
  /** Adapters register their ChatPort once connected; the core routes by channel platform. */
  attachChat(port: ChatPort): void;
  /** Picks a question the channel has not seen (never repeating within a deck until exhausted), stores the round, posts it. */
  startRound(req: StartRoundRequest): Promise<StartedRound>;
  /** Closes and reveals every round whose close time has passed (the close time lives in the database). Returns how many. */
  closeDueRounds(): Promise<number>;
  /** Sends pending coalesced message edits now and finishes the writes replies did not wait for (shutdown, tests). */
  flush(): Promise<void>;
  /**
   * Closes and reveals now the channel round whose question is the message `messageRef`
   * (the console's one-player "reveal"). False when there is no such open round.
   * Optional so existing fakes stay valid; createStudybot() always provides it.
   */
  revealNow?(messageRef: string): Promise<boolean>;
  /**
   * Sends the daily private "N questions due for review" nudge to users who opted in
   * (`review remind on`) and have due questions, through ChatPort.postPrivate. Safe to call on
   * every scheduler tick: at most one nudge per user, deck and channel-local day. Returns how many.
   * Optional so existing fakes stay valid; createStudybot() always provides it.
   */
  sendReviewReminders?(): Promise<number>;
  /**
   * A channel round stored without its message (its poster died inside the platform call): looks
   * for the message on the platform (ChatPort.findPosted, by the round's report button) and, when
   * found, stores its reference so the round is revealed like any other. Returns the reference, or
   * null when the platform has no such message or cannot look. Never posts.
   */
  recoverPost?(roundId: string): Promise<string | null>;
  /**
   * Ends every mock exam whose time is up and sends each user their result privately
   * (ChatPort.postPrivate). Safe to call on every scheduler tick from every process: each exam is
   * ended, and told, once. Returns how many ended. Optional so existing fakes stay valid.
   */
  endExpiredExams?(): Promise<number>;
}

/** `/cmd schedule …` is handled by src/schedule through this port; the core checks admin rights first. */
export interface SchedulePort {
  command(req: { channel: ChannelRef; user: UserRef; deckId: string; args: string }): Promise<MessageView>;
  /**
   * The decks the channel's question of the day asks from (several: a rotation, in order) and the
   * next one; null when the channel has no schedule. Optional: `decks` then names none.
   */
  dailyDecks?(channel: ChannelRef): Promise<DailyDecks | null>;
}

export interface DailyDecks {
  enabled: boolean;
  deckIds: string[];
  /** The deck the next question of the day asks from; null when none of them can be used. */
  next: string | null;
}
