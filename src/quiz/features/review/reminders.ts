// `review remind on|off` and the daily private nudge when questions are due.
import type { Deck } from '../../../content/types.js';
import type { CommandInvocation, Reply } from '../../api.js';
import type { FeatureContext } from '../../feature.js';
import { parseChannelKey, userKey } from '../../ids.js';
import { heldBack, isStudyable, studyableIds } from '../../question-choice.js';
import { privateNotice } from '../../replies.js';
import { localDate, localHour } from '../../time.js';
import { carryOverEdited } from './carry-over.js';
import { reminderView } from './view.js';

/** Review nudges go out from this channel-local hour on, once a day. */
const REMIND_HOUR = 9;
const REMINDER_BATCH = 500;

export async function remindCommand(ctx: FeatureContext, inv: CommandInvocation, deck: Deck, on: boolean): Promise<Reply[]> {
  const memory = ctx.store.memory;
  if (!memory) return privateNotice('Review reminders are not available on this bot.');
  const chat = ctx.chatFor(inv.channel.platform);
  if (on && chat && !chat.postPrivate) {
    // A chat port without unsolicited private messages (see ChatPort.postPrivate).
    return privateNotice(
      'I cannot send you private reminders on this platform: I can only answer you privately when you use a command.',
      `Run /${deck.command} review whenever you like: it tells you what is due and when the next one is.`,
    );
  }
  const info = await ctx.store.ensureChannel(inv.channel);
  await memory.setReminder(userKey(inv.user), deck.id, info.channelKey, on);
  return on
    ? privateNotice(
        `Review reminders on: once a day (from ${String(REMIND_HOUR).padStart(2, '0')}:00, ${info.timezone}) I will send you ${inv.channel.platform === 'discord' ? 'a direct message' : 'a private note here'} with how many ${deck.title} questions are due.`,
        `Turn them off with /${deck.command} review remind off.`,
      )
    : privateNotice('Review reminders off.');
}

export async function sendReviewReminders(ctx: FeatureContext): Promise<number> {
  const { store, decks, clock, log } = ctx;
  const memory = store.memory;
  if (!memory) return 0;
  const now = clock.now();
  let sent = 0;
  const held = new Map<string, Promise<Map<string, Date>>>(); // per workspace and deck, for this pass
  for (const r of await memory.enabledReminders(REMINDER_BATCH)) {
    let claimed = false;
    try {
      const channel = parseChannelKey(r.channelKey);
      const chat = channel && ctx.chatFor(channel.platform);
      const deck = decks.byId(r.deckId);
      if (!channel || !chat?.postPrivate || !deck) continue;
      const info = await store.ensureChannel(channel);
      const today = localDate(now, info.timezone);
      if (r.lastSentOn === today || localHour(now, info.timezone) < REMIND_HOUR) continue;
      // Held-back questions (open in a channel round) are not counted: when the round closes, a
      // later tick the same day counts them (the nudge is claimed only when sent).
      const key = `${channel.platform}:${channel.workspace}:${deck.id}`;
      if (!held.has(key)) held.set(key, heldBack(ctx, channel, deck.id, now));
      const open = await held.get(key)!;
      await carryOverEdited(ctx, r.userKey, deck, new Map(deck.questions.filter(isStudyable).map((q) => [q.id, q])));
      const queue = await memory.reviewQueue(r.userKey, r.deckId, now, 1, studyableIds(deck).filter((id) => !open.has(id)));
      if (queue.dueCount === 0) continue;
      if (!(await memory.claimReminder(r.userKey, r.deckId, today))) continue; // another process sent it
      claimed = true;
      const userId = r.userKey.split(':').slice(2).join(':');
      await chat.postPrivate(channel, userId, reminderView(queue.dueCount, deck.title, deck.command));
      sent++;
    } catch (err) {
      // Claimed: not retried today (closed DMs would otherwise fail every minute). Not claimed yet: next tick.
      log?.warn({ err, userKey: r.userKey }, claimed ? 'review reminder not delivered; not retried today' : 'review reminder failed; retried on the next tick');
    }
  }
  return sent;
}
