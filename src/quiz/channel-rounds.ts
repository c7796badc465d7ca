// The life of a round's channel message, shared by every feature that posts or answers one:
// post it, keep its "N answers so far" up to date (coalesced edits), reveal it when it closes.
import type { Logger } from 'pino';
import { StudybotError } from '../errors.js';
import type { ChatPort, Clock } from './api.js';
import { EditCoalescer } from './coalescer.js';
import { parseChannelKey, type ChannelRef } from './ids.js';
import * as render from './render.js';
import type { QuizStore, RoundRecord } from './store.js';

const FIRST_CORRECT_SHOWN = 3;

export interface ChannelRounds {
  /** Posts the round's question; a round whose post fails is discarded (nothing blocks a retry). */
  post(round: RoundRecord, channel: ChannelRef, tz: string): Promise<string>;
  /** Edits a closed round's message into the reveal. False when this process cannot (no chat port). */
  reveal(round: RoundRecord): Promise<boolean>;
  /** A quiz past its close time that no closer has handled yet must not block a new one. */
  closeOverdueQuiz(channelKey: string): Promise<void>;
  /** An answer landed: schedule a coalesced "N answers so far" edit. */
  touch(roundId: string): void;
  /** Sends pending count edits now (shutdown, tests). */
  flush(): Promise<void>;
}

export function createChannelRounds(deps: {
  store: QuizStore;
  clock: Clock;
  log?: Logger;
  chatFor(platform: string): ChatPort | undefined;
  countEditIntervalMs: number;
}): ChannelRounds {
  const { store, clock, log, chatFor } = deps;
  const countEdits = new EditCoalescer(deps.countEditIntervalMs, sendCountEdit, log);

  async function post(round: RoundRecord, channel: ChannelRef, tz: string): Promise<string> {
    const chat = chatFor(channel.platform);
    if (!chat) {
      await store.discardRound(round.id);
      throw new StudybotError('platform:failed', `no chat connection for ${channel.platform}`);
    }
    let messageRef: string;
    try {
      messageRef = await chat.post(channel, render.questionView(round, { answered: 0, tz, now: clock.now() }));
    } catch (cause) {
      await store.discardRound(round.id).catch(() => {});
      throw new StudybotError('platform:failed', 'could not post the question', { cause });
    }
    await store.setRoundMessage(round.id, messageRef);
    round.messageRef = messageRef;
    return messageRef;
  }

  async function reveal(round: RoundRecord): Promise<boolean> {
    if (round.kind === 'practice' || !round.messageRef) return false;
    const ref = parseChannelKey(round.channelKey);
    const chat = ref && chatFor(ref.platform);
    if (!ref || !chat) return false; // another process (or a retry) reveals it
    countEdits.cancel(round.id);
    const [results, info] = await Promise.all([store.roundResults(round.id, FIRST_CORRECT_SHOWN), store.ensureChannel(ref)]);
    await chat.update(round.messageRef, render.revealView(round, results, { tz: info.timezone, now: clock.now() }));
    await store.markRevealed(round.id, clock.now());
    return true;
  }

  async function closeOverdueQuiz(channelKey: string) {
    const open = await store.openQuizRound(channelKey);
    if (open && open.closesAt <= clock.now()) {
      const closed = await store.closeRound(open.id, clock.now());
      if (closed) await reveal(closed);
    }
  }

  async function sendCountEdit(roundId: string) {
    const round = await store.getRound(roundId, { fresh: true });
    if (!round || round.closedAt || !round.messageRef) return;
    const ref = parseChannelKey(round.channelKey);
    const chat = ref && chatFor(ref.platform);
    if (!ref || !chat) return;
    const [answered, info] = await Promise.all([store.answerCount(roundId), store.ensureChannel(ref)]);
    await chat.update(round.messageRef, render.questionView(round, { answered, tz: info.timezone, now: clock.now() }));
    // If a reveal landed while we edited, our edit may have overwritten it: put the reveal back.
    const after = await store.getRound(roundId, { fresh: true });
    if (after?.revealedAt) await reveal(after);
  }

  return { post, reveal, closeOverdueQuiz, touch: (roundId) => countEdits.touch(roundId), flush: () => countEdits.flush() };
}
