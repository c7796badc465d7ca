// What `stats` shows of exam prep: the mock exam history and trend (the deck's exam only).
import type { Deck } from '../../../content/types.js';
import { examHistoryLines } from '../../../exam/render-exam.js';
import { createExamService } from '../../../exam/service.js';
import type { CommandInvocation } from '../../api.js';
import type { FeatureContext } from '../../feature.js';
import type { ViewBlock } from '../../views.js';

export async function examStatsBlocks(ctx: FeatureContext, inv: CommandInvocation, deck: Deck, userKey: string): Promise<ViewBlock[]> {
  const deps = ctx.exams;
  if (!deps) return [];
  const service = createExamService({ store: deps.store, blueprints: deps.blueprints, decks: () => ctx.decks.decks(), clock: ctx.clock });
  const bp = service.examOf(deck);
  if (!bp) return [];
  const info = await ctx.store.ensureChannel(inv.channel);
  const [head, ...lines] = examHistoryLines(bp, await service.history(userKey, bp), info.timezone, ctx.clock.now());
  return head ? [{ type: 'text', text: head }, { type: 'list', items: lines }] : [];
}
