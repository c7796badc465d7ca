// `report <n> <reason>`, `reports [resolve <id>]` (admins), the *Report a problem* button
// (p:<round>) and its form's submit (r:<round>). Rules: src/quiz/reports.ts.
import { QUESTION_NUMBER, questionChoices, questionNumber } from '../../decks.js';
import { defineCommand, type Feature } from '../../feature.js';
import { channelKey, type UserRef } from '../../ids.js';
import { privateNotice, reply } from '../../replies.js';
import { reasonLength, reasonProblem, REPORT_REASON_MIN } from '../../reports.js';
import { plural } from '../../view-text.js';
import { fileReport, reportButton, reportSubmit } from './file.js';
import { resolveReport } from './resolve.js';
import { reportsView } from './view.js';
import { adminOnly } from '../../admin-refusal.js';

const REPORT_USAGE = 'report <question number> <what is wrong>';
const REPORTS_USAGE = 'reports [resolve <id> [note for the reporter]]';
const REPORTS_SHOWN = 20;

const tenantOf = (user: UserRef) => `${user.platform}:${user.workspace}:`;

const reportCommand = defineCommand<{ type: 'report'; number: string; reason: string }>({
  name: 'report',
  usage: REPORT_USAGE,
  help: (c) => `${c} ${REPORT_USAGE} — tell the admins a question is wrong or unclear`,
  spec: {
    description: 'Report a problem with a question',
    options: [
      { name: 'question', description: 'Question number, e.g. 3', required: true, autocomplete: true },
      { name: 'reason', description: 'What is wrong with it', required: true },
    ],
  },
  parse(rest, tokens) {
    const n = tokens[0] ? QUESTION_NUMBER.exec(tokens[0]) : null;
    if (!n) return { type: 'invalid', message: 'Say which question and what is wrong with it.', usage: REPORT_USAGE };
    const reason = rest.slice(tokens[0]!.length).trim();
    const problem = reasonProblem(reason);
    if (problem) {
      const short = reasonLength(reason) < REPORT_REASON_MIN;
      return { type: 'invalid', message: short ? `${problem} It takes at least ${REPORT_REASON_MIN} characters.` : problem, usage: REPORT_USAGE };
    }
    return { type: 'report', number: String(Number(n[1])), reason };
  },
  autocomplete: { question: (_ctx, deck, partial) => questionChoices(deck, partial) },
  async run(ctx, inv, deck, { number, reason }) {
    const q = deck.questions.find((x) => questionNumber(x) === number);
    if (!q) return privateNotice(`${deck.title} has no question ${number}.`, `It has ${plural(deck.questions.length, 'question')}.`);
    return fileReport(ctx, inv, deck.id, deck.title, { id: q.id, number: q.number, source: q.source }, reason);
  },
});

const reportsCommand = defineCommand<{ type: 'reports'; resolve?: string; note?: string }>({
  name: 'reports',
  usage: REPORTS_USAGE,
  admin: true,
  help: (c) => `${c} ${REPORTS_USAGE} — open question reports with the note's path:line and channel (admins); resolving tells the reporter`,
  spec: {
    description: 'Open question reports (admins)',
    options: [{ name: 'resolve', description: 'Report number to mark as resolved', required: false, keyword: 'resolve' }],
  },
  parse(rest) {
    if (!rest) return { type: 'reports' };
    const m = /^resolve\s+#?([0-9]{1,16})(?=\s|$)/i.exec(rest);
    if (!m) return { type: 'invalid', message: 'reports takes nothing, or resolve, a report number and a note for the reporter if you like.', usage: REPORTS_USAGE };
    const note = rest.slice(m[0].length).trim();
    return { type: 'reports', resolve: m[1]!, ...(note ? { note } : {}) };
  },
  async run(ctx, inv, deck, { resolve, note }) {
    const { store } = ctx;
    const reports = store.reports;
    if (!reports) return privateNotice('Question reports are not available on this bot.');
    if (!ctx.isAdmin(inv.user)) return adminOnly(inv.user, 'see and resolve question reports', `To report a problem: /${deck.command} ${REPORT_USAGE}`);
    if (resolve) return resolveReport(ctx, inv, resolve, note);
    const open = await reports.openReports(tenantOf(inv.user), REPORTS_SHOWN);
    const names = new Map<string, string>();
    for (const key of new Set(open.map((r) => r.reporterKey))) {
      const u = await store.findUser(key);
      if (u) names.set(key, u.name);
    }
    return [reply(reportsView(open, names, (id) => ctx.decks.byId(id)?.title ?? id, deck.command, channelKey(inv.channel)))];
  },
});

export const reports = {
  name: 'reports',
  commands: [reportCommand, reportsCommand],
  actions: {
    report: (ctx, inv, action) => reportButton(ctx, inv, action.roundId),
    'report-submit': (ctx, inv, action) => reportSubmit(ctx, inv, action.roundId),
  },
} satisfies Feature;
