// `reports resolve <id> [note]`: an admin closes a report, and its reporter hears so privately
// (with the admin's note) in the channel they reported from, where the platform can tell them.
import type { CommandInvocation, Reply } from '../../api.js';
import type { FeatureContext } from '../../feature.js';
import { parseChannelKey, userKey } from '../../ids.js';
import { notice } from '../../render.js';
import { privateNotice } from '../../replies.js';
import { reasonProblem, storedReason, type ReportRecord } from '../../reports.js';

const tenantOf = (inv: CommandInvocation) => `${inv.user.platform}:${inv.user.workspace}:`;

export async function resolveReport(ctx: FeatureContext, inv: CommandInvocation, id: string, note: string | undefined): Promise<Reply[]> {
  const reports = ctx.store.reports!;
  const problem = note ? reasonProblem(note) : null;
  if (problem) return privateNotice(`${problem.replace('Add a short reason: what is wrong with the question?', 'Add a few words for the reporter, or none.')} Report #${id} is still open.`);
  const result = await reports.resolveReport(id, tenantOf(inv), userKey(inv.user), ctx.clock.now());
  if (result.status !== 'resolved') return privateNotice(result.status === 'not-found' ? `There is no report #${id}.` : `Report #${id} was already resolved.`);
  const told = await tellReporter(ctx, result.report, inv.user.name, note ? storedReason(note) : undefined);
  return privateNotice(`Report #${id} resolved.`, told ? 'Its reporter was told privately.' : 'Its reporter could not be told here (no private messages on this platform, or they take none).');
}

async function tellReporter(ctx: FeatureContext, report: ReportRecord, adminName: string, note: string | undefined): Promise<boolean> {
  const channel = parseChannelKey(report.channelKey);
  const chat = channel && ctx.chatFor(channel.platform);
  if (!channel || !chat?.postPrivate) return false;
  const title = ctx.decks.byId(report.deckId)?.title ?? report.deckId;
  const view = notice(
    `Your report #${report.id} on ${title} ${report.questionNumber} was resolved by ${adminName || 'an admin'}${note ? `: "${note}"` : '.'}`,
    'Thanks for flagging it. Answers already scored keep their points.',
  );
  try {
    await chat.postPrivate(channel, report.reporterKey.split(':').slice(2).join(':'), view);
    return true;
  } catch (err) {
    ctx.log?.warn({ err, reportId: report.id }, 'could not tell the reporter their report was resolved');
    return false;
  }
}
