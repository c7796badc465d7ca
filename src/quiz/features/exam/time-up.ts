// Mock exams that end on their own: on every scheduler tick, exams past their time limit are ended
// (one conditional update in the database decides who ends each, see ExamService.endExpired) and
// their result goes to the user privately: Slack an ephemeral note in the exam's channel, Discord
// a direct message, the console a print (ChatPort.postPrivate).
import { examResultView } from '../../../exam/render-exam.js';
import type { ExamService } from '../../../exam/service.js';
import type { FeatureContext } from '../../feature.js';
import { parseChannelKey } from '../../ids.js';
import type { MessageView } from '../../views.js';

const SWEEP_BATCH = 100;

/** The platform user id of a user key (`slack:T1:U9` → `U9`). */
const userIdOf = (userKey: string) => userKey.split(':').slice(2).join(':');

export async function endExpiredExams(ctx: FeatureContext, service: ExamService): Promise<number> {
  // Only exams this process can tell about: a process without that platform's chat leaves them to one with it.
  const tellable = (s: { channelKey: string }) => {
    const channel = parseChannelKey(s.channelKey);
    return !!channel && !!ctx.chatFor(channel.platform)?.postPrivate;
  };
  const ended = await service.endExpired(SWEEP_BATCH, tellable);
  const commandOf = (deckId: string) => ctx.decks.byId(deckId)?.command;
  for (const o of ended) {
    const channel = parseChannelKey(o.session.channelKey)!;
    const result = examResultView({ bp: o.bp, result: o.result, commandOf });
    const view: MessageView = { ...result, blocks: [{ type: 'text', style: 'muted', text: 'Your mock exam’s time is up, so it ended on its own.' }, ...result.blocks] };
    try {
      await ctx.chatFor(channel.platform)!.postPrivate!(channel, userIdOf(o.session.userKey), view);
    } catch (err) {
      // The result is stored: `stats` shows it, and a click on the old exam screen shows it again.
      ctx.log?.warn({ err, sessionId: o.session.id }, 'mock exam result not delivered; it stays in stats');
    }
  }
  return ended.length;
}
