// `stats [@user | user id | name]`: answered, accuracy, points, streaks, per deck, and the
// weakest concepts (the caller's own; for admins, those of the person shown, and the channel's on their own stats); for a deck of an exam, accuracy
// per exam domain over time (text and chart picture) and the mock exam history.
import type { CommandInvocation } from '../../api.js';
import { defineCommand, type Feature, type FeatureContext } from '../../feature.js';
import { userKey } from '../../ids.js';
import { reply, privateNotice } from '../../replies.js';
import { EVERY_DAY, streaks } from '../../scoring.js';
import { localDate } from '../../time.js';
import { person } from '../../view-text.js';
import type { ViewBlock } from '../../views.js';
import { weakSpots } from '../../weak-spots.js';
import { deckChoices } from '../../decks.js';
import { deckFilterNote } from '../leaderboard/deck-filter.js';
import { parseStatsArgs, selectStats, type StatsCommand } from './deck-args.js';
import { statsView, weakSpotBlocks } from './view.js';
import { examStats, withAccuracyChart } from '../exam/stats.js';

const USAGE = 'stats [deck] [@user]';
const WEAK_SPOTS_SHOWN = 3;

const statsCommand = defineCommand<StatsCommand>({
  name: 'stats',
  aliases: ['me'],
  usage: USAGE,
  help: (c) => `${c} stats [deck] [@user] — answered, accuracy, streaks, your weakest concepts; of one deck when given`,
  spec: {
    description: 'Answered, accuracy, streaks',
    options: [
      { name: 'deck', description: 'Only this deck (default: all decks)', required: false, autocomplete: true },
      { name: 'user', description: 'Someone else (default: you)', required: false },
    ],
  },
  parse: (rest, tokens) => parseStatsArgs(rest, tokens, USAGE),
  autocomplete: { deck: (ctx, _deck, partial) => deckChoices(ctx.decks, partial) },
  async run(ctx, inv, _deck, parsed) {
    const selected = selectStats(ctx.decks, parsed);
    if ('reply' in selected) return selected.reply;
    const { target, name: byName, deck: onlyDeck } = selected;
    const { store, decks, clock } = ctx;
    const info = await store.ensureChannel(inv.channel);
    const me = userKey(inv.user);
    const tenant = { platform: inv.user.platform, workspace: inv.user.workspace };
    let who: { userKey: string; name: string } | null = null;
    if (!target && !byName) who = { userKey: me, name: inv.user.name };
    else if (target) who = await store.findUser(userKey({ ...tenant, id: target }));
    if (!who && (byName ?? target)) {
      const found = await store.findUsersByName(tenant.platform, tenant.workspace, byName ?? target!, 2);
      if (found.length > 1) return privateNotice(`Several people here are called "${byName ?? target}". Mention the one you mean.`);
      who = found[0] ?? null;
    }
    if (!who) return selected.unknownDeck ?? privateNotice('I have no answers from that user in this workspace yet.');
    const self = who.userKey === me;
    const key = who.userKey;
    const [stats, studyDays] = await Promise.all([store.userStats(key, onlyDeck ? { deckId: onlyDeck.id } : undefined), store.studyDays(info.channelKey)]);
    const { current, best } = streaks(stats.correctDates, localDate(clock.now(), info.timezone), studyDays ?? EVERY_DAY);
    const weak = await weakSpotViews(ctx, inv, info.channelKey, { key, self, name: who.name }, onlyDeck?.id);
    const view = statsView({
      name: self ? inv.user.name : who.name,
      self,
      answered: stats.answered,
      correct: stats.correct,
      points: stats.points,
      boardPoints: stats.boardPoints,
      current,
      best,
      perDeck: stats.perDeck.map((d) => ({ title: decks.byId(d.deckId)?.title ?? d.deckId, answered: d.answered, correct: d.correct })),
    });
    const note: ViewBlock[] = onlyDeck ? [{ type: 'text', style: 'muted', text: deckFilterNote(onlyDeck) }] : [];
    // Mock exam results are private: the user's own, and admins'.
    const exam = await examStats(ctx, inv, onlyDeck ?? _deck, key, { mockExams: self || ctx.isAdmin(inv.user) });
    const extra = [...note, ...weak, ...exam.blocks];
    const full = extra.length ? { ...view, blocks: [...view.blocks, ...extra] } : view;
    return [reply(await withAccuracyChart(ctx, inv.user, full, exam, self ? 'you' : who.name))];
  },
});

/**
 * The three weakest concepts of the person shown: the caller's own, or, for an admin coaching
 * someone, theirs; and for an admin's own `stats`, the channel's.
 */
async function weakSpotViews(ctx: FeatureContext, inv: CommandInvocation, channelKey: string, who: { key: string; self: boolean; name: string }, deckId?: string) {
  const memory = ctx.store.memory;
  if (!memory) return [];
  const admin = ctx.isAdmin(inv.user);
  const commandOf = (deckId: string) => ctx.decks.byId(deckId)?.command ?? inv.command;
  const inDeck = (t: { deckId: string }) => !deckId || t.deckId === deckId;
  const blocks: ViewBlock[] = [];
  if (who.self || admin) {
    const theirs = weakSpots((await memory.questionTallies({ userKey: who.key })).filter(inDeck), ctx.decks, WEAK_SPOTS_SHOWN);
    blocks.push(...weakSpotBlocks(who.self ? 'Your weakest concepts' : `Weakest concepts of ${person(who.name)} (admins)`, theirs, commandOf));
  }
  if (admin && who.self) {
    const channel = weakSpots((await memory.questionTallies({ channelKey })).filter(inDeck), ctx.decks, WEAK_SPOTS_SHOWN);
    blocks.push(...weakSpotBlocks("This channel's weakest concepts (admins)", channel, commandOf));
  }
  return blocks;
}

export const stats = { name: 'stats', commands: [statsCommand] } satisfies Feature;
