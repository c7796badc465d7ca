// Exam prep (src/exam): `readiness [@user|channel]`, `exam [n] [minutes]` with its buttons
// (e:<session>:…), `exam last` (the last result again) and `exam-date [YYYY-MM-DD|off]` (admins).
// A deck that belongs to no exam (front matter `exam:`) gets a plain "no exam" answer.
import type { Deck } from '../../../content/types.js';
import type { Blueprint } from '../../../exam/blueprint.js';
import { channelReadinessView, countdownLine, examEndConfirmView, examQuestionView, examResultView, examScreenNotes, readinessView } from '../../../exam/render-exam.js';
import { createExamService, parseExamArgs, type ExamOutcome } from '../../../exam/service.js';
import type { Reply } from '../../api.js';
import { defineCommand, type Feature, type FeatureContext } from '../../feature.js';
import { channelKey, parseChannelKey, userKey, type UserRef } from '../../ids.js';
import { privateNotice, reply } from '../../replies.js';
import { localDate } from '../../time.js';
import { examIdOf } from '../../../exam/domain-map.js';
import { notAUser, parseReadinessArgs, READINESS_USAGE, type ReadinessCommand } from './readiness-args.js';
import { addDays } from '../../../exam/exam-date-input.js';
import { withExamResultChart, withPicture } from './pictures.js';
import { endExpiredExams } from './time-up.js';
import { adminOnly } from '../../admin-refusal.js';

function serviceFor(ctx: FeatureContext) {
  const deps = ctx.exams;
  if (!deps) return null;
  return createExamService({ store: deps.store, blueprints: deps.blueprints, decks: () => ctx.decks.decks(), clock: ctx.clock, random: ctx.random, ...(deps.prior ? { prior: deps.prior } : {}) });
}

type Service = NonNullable<ReturnType<typeof serviceFor>>;

/** The service and the deck's exam, or the reply that says why there is none. */
function examFor(ctx: FeatureContext, deck: Deck): { service: Service; bp: Blueprint } | Reply[] {
  const service = serviceFor(ctx);
  if (!service) return privateNotice('Exam prep is not available on this bot.');
  const bp = service.examOf(deck);
  if (!bp) return noExam(deck);
  return { service, bp };
}

/** A deck with no loaded exam: it names none, or names one whose blueprint did not load. */
function noExam(deck: Deck): Reply[] {
  const named = examIdOf(deck);
  if (named) {
    return privateNotice(
      `${deck.title} belongs to ${named.toUpperCase()}, but that exam's blueprint did not load, so its exam prep is off.`,
      `An admin can run npm run content:check to see what is wrong in ${named}.yml (in the content's exams folder); blueprints are read when the bot starts.`,
    );
  }
  return privateNotice(`${deck.title} belongs to no exam.`, 'A deck joins one with `exam:` and `domain:` in its front matter (see docs/learning.md).');
}

async function outcomeReplies(ctx: FeatureContext, user: UserRef, o: ExamOutcome, replaceSource: boolean): Promise<Reply[]> {
  if (o.kind === 'refused') return privateNotice(o.message, o.detail);
  if (o.kind === 'screen' || o.kind === 'confirm-end') {
    const info = await ctx.store.ensureChannel(parseChannelKey(o.session.channelKey) ?? { platform: user.platform, workspace: user.workspace, channel: 'unknown' });
    if (o.kind === 'confirm-end') return [reply(examEndConfirmView(o.session, o.bp, ctx.clock.now(), info.timezone, o.unanswered), { replaceSource })];
    const view = examQuestionView(o.session, o.bp, ctx.clock.now(), info.timezone);
    // The notes go under the heading, which stays first (Discord makes it the embed's title).
    const notes = examScreenNotes(o.session, o.bp, o).map((text) => ({ type: 'text' as const, style: 'muted' as const, text }));
    const [heading, ...rest] = view.blocks;
    const shown = notes.length && heading ? { ...view, blocks: [heading, ...notes, ...rest] } : view;
    return [reply(shown, { replaceSource })];
  }
  const commandOf = (deckId: string) => ctx.decks.byId(deckId)?.command;
  const text = examResultView({ bp: o.bp, result: o.result, commandOf });
  const view = await withExamResultChart(ctx, user, text, o.bp, o.result);
  return [reply(view, { replaceSource })];
}

const readinessCommand = defineCommand<ReadinessCommand>({
  name: 'readiness',
  aliases: ['ready'],
  usage: READINESS_USAGE,
  help: (c) => `${c} readiness [@user|channel] — predicted exam score per domain (FSRS memory), with a chart`,
  spec: { description: 'Predicted exam score per domain', options: [{ name: 'who', description: '@user or "channel" (default: you)', required: false }] },
  parse: parseReadinessArgs,
  async run(ctx, inv, deck, parsed) {
    const found = examFor(ctx, deck);
    if (Array.isArray(found)) return found;
    const { service, bp } = found;
    if (parsed.channel) {
      const channel = await service.channel(channelKey(inv.channel), bp);
      const names = new Map<string, string>();
      for (const m of channel.members.slice(0, 15)) names.set(m.userKey, (await ctx.store.findUser(m.userKey))?.name ?? 'someone');
      return [reply(channelReadinessView({ bp, channel, names }))];
    }
    const key = parsed.target ? userKey({ platform: inv.user.platform, workspace: inv.user.workspace, id: parsed.target }) : userKey(inv.user);
    const self = key === userKey(inv.user);
    const other = self ? null : await ctx.store.findUser(key);
    if (!self && !other) {
      if (!parsed.mention) {
        const invalid = notAUser(parsed.target ?? '', false);
        return privateNotice(invalid.message, `Usage: /${deck.command} ${READINESS_USAGE}`);
      }
      return privateNotice('I have no answers from that user in this workspace yet.');
    }
    const readiness = await service.readiness(key, bp);
    const name = other?.name ?? inv.user.name;
    // Your own last mock exam only: other users' exams stay private.
    const [last] = self ? await service.history(key, bp, 1) : [];
    const lastExam = last ? { entry: last, tz: (await ctx.store.ensureChannel(inv.channel)).timezone, now: ctx.clock.now() } : null;
    const text = readinessView({ bp, readiness, name, self, prior: service.prior, lastExam });
    const view = await withPicture(ctx, inv.user, text, (charts) => charts.readinessChart(readiness, `${bp.id.toUpperCase()} readiness · ${self ? 'you' : name} · band ${readiness.band.low}–${readiness.band.high}`), `readiness-${bp.id}`, `Predicted score per domain against the passing score ${bp.passingScore}`);
    return [reply(view)];
  },
});

type ExamCommand = { type: 'exam'; args: string; last?: boolean };

const LAST_WORDS = /^(last|result)$/i;

const examCommand = defineCommand<ExamCommand>({
  name: 'exam',
  aliases: ['mock'],
  usage: 'exam [questions] [minutes] | exam [questions] minutes <m> | exam last',
  help: (c) => `${c} exam [n] [minutes] — a private timed mock exam drawn by domain weight (default: the real exam's size and pace); no feedback until the end. ${c} exam last — your last result again`,
  spec: {
    description: 'A private timed mock exam, or your last result',
    options: [
      { name: 'questions', description: "How many questions (default: the real exam's size, scored and unscored)", required: false },
      // Sent as `minutes 30` (a keyword): alone it would read as a number of questions.
      { name: 'minutes', description: "Time limit in minutes (default: the real exam's time per question)", required: false, keyword: 'minutes' },
      // Discord: `/apigw exam show:last` sends the text `exam last`.
      { name: 'show', description: 'last: your last finished mock exam again', required: false, choices: ['last'] },
    ],
  },
  parse(rest, tokens) {
    if (!tokens.some((t) => LAST_WORDS.test(t))) return { type: 'exam', args: rest };
    return tokens.length === 1 ? { type: 'exam', args: '', last: true } : { type: 'invalid', message: 'exam last takes nothing else.', usage: 'exam last' };
  },
  async run(ctx, inv, deck, parsed) {
    const found = examFor(ctx, deck);
    if (Array.isArray(found)) return found;
    const { service, bp } = found;
    if (parsed.last) {
      const last = await service.lastResult(userKey(inv.user), bp);
      if (!last) return privateNotice(`You have not finished a mock exam for ${bp.id.toUpperCase()} yet.`, `Start one with /${deck.command} exam.`);
      return outcomeReplies(ctx, inv.user, last, false);
    }
    const parsedArgs = parseExamArgs(parsed.args, bp);
    if ('error' in parsedArgs) return privateNotice(parsedArgs.error);
    const open = await ctx.store.openQuizRound(channelKey(inv.channel));
    const exclude = new Set(open ? [open.questionId] : []);
    const o = await service.start({ userKey: userKey(inv.user), channelKey: channelKey(inv.channel), bp, n: parsedArgs.n, minutes: parsedArgs.minutes, exclude, explicit: parsed.args.trim() !== '' });
    return outcomeReplies(ctx, inv.user, o, false);
  },
});

const examDateCommand = defineCommand<{ type: 'exam-date'; arg: string }>({
  name: 'exam-date',
  usage: 'exam-date [YYYY-MM-DD|off]',
  admin: true,
  help: (c) => `${c} exam-date [YYYY-MM-DD|off] — the channel's exam date: a countdown, and the run-up favours weak domains (admins)`,
  spec: { description: "The channel's exam date (admins)", options: [{ name: 'date', description: 'YYYY-MM-DD, or off', required: false }] },
  parse: (rest) => ({ type: 'exam-date', arg: rest }),
  async run(ctx, inv, deck, { arg }) {
    const found = examFor(ctx, deck);
    if (Array.isArray(found)) return found;
    const { service, bp } = found;
    if (arg && !ctx.isAdmin(inv.user)) return adminOnly(inv.user, 'set the exam date');
    const info = await ctx.store.ensureChannel(inv.channel);
    const today = localDate(ctx.clock.now(), info.timezone);
    const r = await service.examDate(info.channelKey, bp, arg, userKey(inv.user), today, info.timezone);
    if (!r.ok) return privateNotice(r.message);
    const exam = bp.id.toUpperCase();
    if (!r.date) return privateNotice(arg ? `${exam} exam date turned off for this channel.` : `No ${exam} exam date is set for this channel.`, `Set one with /${deck.command} exam-date ${addDays(today, 30)} (YYYY-MM-DD).`);
    return privateNotice(countdownLine(bp, r.date, today), arg ? `Saved for this channel's ${exam} exam.` : undefined);
  },
});

export const exam = {
  name: 'exam',
  commands: [readinessCommand, examCommand, examDateCommand],
  actions: {
    exam: async (ctx, inv, { action }) => {
      if (action.type === 'multi-control') return []; // a checkbox toggled: nothing to do until submit
      const service = serviceFor(ctx);
      if (!service) return privateNotice('Exam prep is not available on this bot.');
      return outcomeReplies(ctx, inv.user, await service.act(userKey(inv.user), action, inv.values), true);
    },
  },
  services: (ctx) => ({
    endExpiredExams: async () => {
      const service = serviceFor(ctx);
      return service ? endExpiredExams(ctx, service) : 0;
    },
  }),
} satisfies Feature;
