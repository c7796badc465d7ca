// Mock exams that end on their own: on every scheduler tick, exams past their time limit are ended
// (one conditional update in the database decides who ends each, see ExamService.endExpired) and
// their result, with its chart, goes to the user privately: Slack an ephemeral note in the exam's
// channel (a direct message when that cannot reach them), Discord a direct message, the console a
// print (ChatPort.postPrivate).
// A user the platform will not reach privately (`platform:unreachable-user`: Discord 50007) gets a
// short note in the exam's channel that notifies only them and says how to see the result; it never
// shows the score (ChatPort.postAddressed). A platform that failed otherwise gets nothing more: the
// result stays stored (`exam last`, `stats`, the old exam screen's buttons).
import type { Blueprint } from '../../../exam/blueprint.js';
import { examResultView } from '../../../exam/render-exam.js';
import type { ExamOutcome, ExamService } from '../../../exam/service.js';
import { isStudybotError } from '../../../errors.js';
import type { ChatPort } from '../../api.js';
import type { FeatureContext } from '../../feature.js';
import { parseChannelKey, type ChannelRef, type UserRef } from '../../ids.js';
import type { MessageView } from '../../views.js';
import { withExamResultChart } from './pictures.js';

const SWEEP_BATCH = 100;

export const TIME_UP_LINE = 'Your mock exam’s time is up, so it ended on its own.';

/** The platform user id of a user key (`slack:T1:U9` → `U9`). */
const userIdOf = (userKey: string) => userKey.split(':').slice(2).join(':');

type Ended = Extract<ExamOutcome, { kind: 'result' }>;

/** The note in the channel for a user who cannot be told privately: what happened and the command that shows the result, no score. */
export function timeUpNoticeView(bp: Blueprint, command: string | undefined): MessageView {
  const exam = bp.id.toUpperCase();
  const how = command ? `/${command} exam last` : 'the exam last command of this exam’s decks';
  const text = `Your ${exam} mock exam’s time is up, so it ended on its own. I could not send you the result privately: ${how} shows it, only to you.`;
  return { text, blocks: [] };
}

export async function endExpiredExams(ctx: FeatureContext, service: ExamService): Promise<number> {
  // Only exams this process can tell about: a process without that platform's chat leaves them to one with it.
  const tellable = (s: { channelKey: string }) => {
    const channel = parseChannelKey(s.channelKey);
    return !!channel && !!ctx.chatFor(channel.platform)?.postPrivate;
  };
  const ended = await service.endExpired(SWEEP_BATCH, tellable);
  for (const o of ended) {
    const channel = parseChannelKey(o.session.channelKey)!;
    await tell(ctx, ctx.chatFor(channel.platform)!, channel, o);
  }
  return ended.length;
}

async function tell(ctx: FeatureContext, chat: ChatPort, channel: ChannelRef, o: Ended): Promise<void> {
  const userId = userIdOf(o.session.userKey);
  const commandOf = (deckId: string) => ctx.decks.byId(deckId)?.command;
  const result = examResultView({ bp: o.bp, result: o.result, commandOf });
  const text: MessageView = { ...result, blocks: [{ type: 'text', style: 'muted', text: TIME_UP_LINE }, ...result.blocks] };
  const user: UserRef = { platform: channel.platform, workspace: channel.workspace, id: userId, name: '', isAdmin: false };
  const view = await withExamResultChart(ctx, user, text, o.bp, o.result);
  try {
    await chat.postPrivate!(channel, userId, view);
    return;
  } catch (err) {
    const unreachable = isStudybotError(err) && err.code === 'platform:unreachable-user';
    if (!unreachable || !chat.postAddressed) {
      // The platform failed (or has no way to address the user in the channel): nothing in the
      // channel. The result is stored: `exam last` shows it, and so does a click on the old exam screen.
      ctx.log?.warn({ err, sessionId: o.session.id }, 'mock exam result not delivered; exam last shows it');
      return;
    }
    ctx.log?.info({ err, sessionId: o.session.id }, 'mock exam result cannot reach the user privately; telling them in the channel');
  }
  const command = o.session.items.map((i) => commandOf(i.deckId)).find((c) => !!c);
  try {
    await chat.postAddressed!(channel, userId, timeUpNoticeView(o.bp, command));
  } catch (err) {
    ctx.log?.warn({ err, sessionId: o.session.id }, 'mock exam time-up note not posted in the channel; exam last shows the result');
  }
}
