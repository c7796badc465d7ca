// Filing a report (from `report <n> <reason>` or the report form) and the button that opens the form.
import type { ActionInvocation, Reply } from '../../api.js';
import type { FeatureContext } from '../../feature.js';
import { channelKey, userKey, type ChannelRef, type UserRef } from '../../ids.js';
import { questionNumber } from '../../decks.js';
import * as render from '../../render.js';
import { privateNotice, reply } from '../../replies.js';
import { reasonProblem, storedReason } from '../../reports.js';
import { formatTime } from '../../time.js';
import { noteReport, reportAllowedAt, REPORTS_PER_HOUR } from './rate-limit.js';
import { reportForm } from './view.js';

export async function fileReport(
  ctx: FeatureContext,
  inv: { channel: ChannelRef; user: UserRef },
  deckId: string,
  deckTitle: string,
  q: { id: string; number: string; source: { path: string; line: number } },
  reason: string,
): Promise<Reply[]> {
  const { store } = ctx;
  const reports = store.reports;
  if (!reports) return privateNotice('Question reports are not available on this bot.');
  const info = await store.ensureChannel(inv.channel);
  const reporterKey = userKey(inv.user);
  const allowedAt = await reportAllowedAt(ctx, `${inv.user.platform}:${inv.user.workspace}:`, reporterKey, info.channelKey);
  if (allowedAt) {
    return privateNotice(
      `Thanks, but that is ${REPORTS_PER_HOUR} reports from you in this channel within an hour, the most I take. Nothing was reported.`,
      `You can report again at ${formatTime(allowedAt, info.timezone, ctx.clock.now())}.`,
    );
  }
  await store.saveUser(inv.user);
  const saved = await reports.addReport({
    deckId,
    questionId: q.id,
    questionNumber: q.number,
    sourcePath: q.source.path,
    sourceLine: q.source.line,
    reason: storedReason(reason),
    reporterKey,
    channelKey: info.channelKey,
    createdAt: ctx.clock.now(),
  });
  noteReport(ctx, reporterKey, info.channelKey);
  const hearBack = ctx.chatFor(inv.channel.platform)?.postPrivate ? ' I will tell you privately when they resolve it.' : '';
  return privateNotice(`Thanks! Report #${saved.id} on ${deckTitle} ${q.number} is with the admins, who can fix the notes.${hearBack}`);
}

/** The round behind a report control, if it belongs to the invoking channel. */
async function reportableRound(ctx: FeatureContext, inv: ActionInvocation, roundId: string) {
  const round = await ctx.store.getRound(roundId);
  return round && round.channelKey === channelKey(inv.channel) ? round : null;
}

/** "Report a problem": a form for the reason where the platform has modals, else how to type it. */
export async function reportButton(ctx: FeatureContext, inv: ActionInvocation, roundId: string): Promise<Reply[]> {
  const round = await reportableRound(ctx, inv, roundId);
  if (!round) return privateNotice('I cannot find that question any more.');
  const command = ctx.decks.byId(round.deckId)?.command ?? 'apigw';
  const number = questionNumber(round.question) || round.question.number;
  const fallback = render.notice(
    `What is wrong with ${round.question.deckTitle} ${round.question.number}? Tell me with /${command} report ${number} <what is wrong>`,
    `For example: /${command} report ${number} the answer should be C because …`,
  );
  return [reply(fallback, { form: reportForm(roundId, round.question.number) })];
}

export async function reportSubmit(ctx: FeatureContext, inv: ActionInvocation, roundId: string): Promise<Reply[]> {
  const reason = inv.values?.[0] ?? '';
  const problem = reasonProblem(reason);
  if (problem) return privateNotice(`${problem} Nothing was reported.`);
  const round = await reportableRound(ctx, inv, roundId);
  if (!round) return privateNotice('I cannot find that question any more. Nothing was reported.');
  // The note may have moved on since the round was posted: point at the question's current line,
  // or at the top of the deck's file when the question is gone.
  const deck = ctx.decks.byId(round.deckId);
  const current = deck?.questions.find((x) => x.id === round.questionId);
  const source = current?.source ?? { path: deck?.path ?? `content/${round.deckId}.md`, line: 1 };
  const q = { id: round.questionId, number: round.question.number, source };
  return fileReport(ctx, inv, round.deckId, round.question.deckTitle, q, reason);
}
