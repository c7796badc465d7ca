// What `stats` shows of exam prep (the deck's exam only): accuracy per domain over the last weeks
// as text and as the reply's picture (a line per domain, the share the passing score needs
// marked), and the mock exam history and trend (the user's own, or for admins).
import type { Deck } from '../../../content/types.js';
import type { Blueprint } from '../../../exam/blueprint.js';
import type { AccuracyPoint } from '../../../exam/charts.js';
import { examHistoryLines } from '../../../exam/render-exam.js';
import { createExamService } from '../../../exam/service.js';
import type { CommandInvocation } from '../../api.js';
import type { FeatureContext } from '../../feature.js';
import type { UserRef } from '../../ids.js';
import type { MessageView, ViewBlock } from '../../views.js';
import { withPicture } from './pictures.js';

/** Weeks of answers the accuracy lines and chart cover. */
export const ACCURACY_WEEKS = 12;

export interface ExamStats {
  blocks: ViewBlock[];
  /** Answers on the exam's questions per week and domain; absent when there are none. */
  accuracy?: { bp: Blueprint; points: AccuracyPoint[] };
}

const pct = (correct: number, asked: number) => `${Math.round((100 * correct) / asked)}%`;

/** "1 Development with AWS Services: 67% (2/3) over 2 weeks; last week 100% (1/1)", one line per domain answered. */
function accuracyLines(bp: Blueprint, points: AccuracyPoint[]): string[] {
  const lines: string[] = [];
  for (const d of bp.domains) {
    const weeks = points.map((p) => p.perDomain.find((x) => x.domainId === d.id)).filter((x): x is NonNullable<typeof x> => !!x && x.asked > 0);
    if (!weeks.length) continue;
    const asked = weeks.reduce((n, w) => n + w.asked, 0);
    const correct = weeks.reduce((n, w) => n + w.correct, 0);
    const last = weeks[weeks.length - 1]!;
    const trend = weeks.length > 1 ? ` over ${weeks.length} weeks; latest week ${pct(last.correct, last.asked)} (${last.correct}/${last.asked})` : '';
    lines.push(`${d.id} ${d.name}: ${pct(correct, asked)} (${correct}/${asked})${trend}`);
  }
  return lines;
}

/**
 * `mockExams`: whether the caller may see the user's mock exam results (their own, or an admin's
 * look); anyone else reads that they are private. Mock exams are private, like the exam itself.
 */
export async function examStats(ctx: FeatureContext, inv: CommandInvocation, deck: Deck, userKey: string, opts: { mockExams: boolean }): Promise<ExamStats> {
  const deps = ctx.exams;
  if (!deps) return { blocks: [] };
  const service = createExamService({ store: deps.store, blueprints: deps.blueprints, decks: () => ctx.decks.decks(), clock: ctx.clock });
  const bp = service.examOf(deck);
  if (!bp) return { blocks: [] };
  const info = await ctx.store.ensureChannel(inv.channel);
  const points = (await service.accuracyOverTime(userKey, bp, info.timezone, ACCURACY_WEEKS)).filter((p) => p.perDomain.some((d) => d.asked > 0));
  const lines = accuracyLines(bp, points);
  const blocks: ViewBlock[] = lines.length
    ? [{ type: 'text', text: `Accuracy per ${bp.id.toUpperCase()} domain (last ${ACCURACY_WEEKS} weeks)` }, { type: 'list', items: lines }]
    : [];
  if (!opts.mockExams) {
    blocks.push({ type: 'text', style: 'muted', text: `${bp.id.toUpperCase()} mock exam results are private: only they and admins see them.` });
    return { blocks, ...(lines.length ? { accuracy: { bp, points } } : {}) };
  }
  const [head, ...history] = examHistoryLines(bp, await service.history(userKey, bp), info.timezone, ctx.clock.now());
  if (head) blocks.push({ type: 'text', text: head }, { type: 'list', items: history });
  return { blocks, ...(lines.length ? { accuracy: { bp, points } } : {}) };
}

/** The accuracy-over-time chart as the reply's picture (the text already carries its facts). */
export async function withAccuracyChart(ctx: FeatureContext, caller: UserRef, view: MessageView, stats: ExamStats, whose: string): Promise<MessageView> {
  if (!stats.accuracy) return view;
  const { bp, points } = stats.accuracy;
  const exam = bp.id.toUpperCase();
  return withPicture(
    ctx,
    caller,
    view,
    (charts) => charts.accuracyChart(bp, points, `${exam} accuracy per domain by week · ${whose}`),
    `stats-${bp.id}`,
    `Accuracy per ${exam} domain by week, with the share the passing score needs`,
  );
}
