// Wording of the exam feature: readiness, the mock exam screens, results, history, exam date.
// Text first: every fact of a chart is in the text too. The core escapes nothing (adapters do).
import { optionImageBlocks, promptImageBlocks } from '../quiz/question-images.js';
import { formatTime } from '../quiz/time.js';
import { oneLine, person } from '../quiz/view-text.js';
import type { MessageView, ViewAction, ViewBlock, ViewButton } from '../quiz/views.js';
import type { Blueprint } from './blueprint.js';
import { examAnswerId, examEndId, examFlagId, examStepId } from './exam-actions.js';
import type { NotComparable } from './exam-coverage.js';
import { coverageOf, type ExamResult, type ExamSession } from './mock-exam.js';
import { PRIOR_ANSWERS, type ChannelReadiness, type Prior, type Readiness } from './readiness.js';
import type { ExamHistoryEntry } from './store.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const pct = (x: number) => `${Math.round(x * 100)}%`;
const short = (bp: Blueprint) => bp.id.toUpperCase();

export const notice = (text: string, detail?: string): MessageView => ({
  text,
  blocks: [{ type: 'text', text }, ...(detail ? [{ type: 'text' as const, text: detail, style: 'muted' as const }] : [])],
});

const verdict = (r: Readiness) =>
  r.band.low >= r.passingScore ? 'likely pass' : r.band.high < r.passingScore ? 'not yet' : r.scaled >= r.passingScore ? 'borderline (above)' : 'borderline (below)';

const priorText = (prior: Prior) =>
  prior.kind === 'guess'
    ? 'Questions you have not seen count at the guess rate (1 in 4 with four options).'
    : `Questions you have not seen count at ${pct(prior.value)}.`;

const domainNames = (domains: { id: string; name: string }[]) => domains.map((d) => `${d.id} ${d.name}`).join(', ');

/** Why some domains cannot move, and how far that caps the score; empty when every domain has questions. */
function uncoveredText(bp: Blueprint, r: Readiness): string {
  if (!r.uncovered.length || r.ceiling === null) return '';
  const weight = r.uncovered.reduce((s, d) => s + d.weight, 0);
  const them = r.uncovered.length === 1 ? 'It counts' : 'They count';
  return `No questions in the notes yet for ${domainNames(r.uncovered)} (${weight}% of the exam). ${them} at the prior, which holds the prediction at or below ${r.ceiling} / ${bp.scaledScore.max} until the notes cover ${r.uncovered.length === 1 ? 'it' : 'them'}.`;
}

/** The last mock exam next to the prediction: what of it counts there, and why the two numbers differ. */
export function lastExamText(bp: Blueprint, last: ExamHistoryEntry, tz: string, now: Date): string {
  const unanswered = last.asked - last.answered;
  const counted = !last.answered
    ? 'None of its questions was answered, so it adds nothing to the prediction.'
    : `Its ${last.answered === 1 ? '1 answered question counts' : `${last.answered} answered questions count`} in the prediction above like your other answers (a question answered again since counts by its later answer)${unanswered ? `; the ${plural(unanswered, 'unanswered one')} ${unanswered === 1 ? 'does' : 'do'} not` : ''}.`;
  return (
    `Last mock exam: ${last.scaled} / ${bp.scaledScore.max} (${last.correct} of ${plural(last.asked, 'question')} right, ${formatTime(last.endedAt, tz, now)}). ${counted} ` +
    'The two numbers differ: a mock exam scores the questions it drew, once (unanswered as wrong), while readiness weighs your latest answer to every question in the notes, fading with time.'
  );
}

/** `/cmd readiness [@user]`: predicted score, band, coverage and one line per domain. */
export function readinessView(opts: { bp: Blueprint; readiness: Readiness; name: string; self: boolean; prior: Prior; lastExam?: { entry: ExamHistoryEntry; tz: string; now: Date } | null; chartPath?: string }): MessageView {
  const { bp, readiness: r } = opts;
  const who = opts.self ? 'you' : person(opts.name);
  const seen = r.domains.reduce((s, d) => s + d.seen, 0);
  const total = r.domains.reduce((s, d) => s + d.total, 0);
  const headline = `Predicted score: ${r.scaled} / ${bp.scaledScore.max} (90% band ${r.band.low}–${r.band.high}) · passing ${bp.passingScore}: ${verdict(r)}`;
  const lines = r.domains.map((d) =>
    d.total
      ? `${d.domain.id} ${d.domain.name} (${d.domain.weight}%): ${pct(d.share)} likely right · ${d.seen}/${d.total} seen`
      : `${d.domain.id} ${d.domain.name} (${d.domain.weight}%): no questions in the notes yet (counted at the prior, ${pct(d.share)})`,
  );
  const uncovered = uncoveredText(bp, r);
  const blocks: ViewBlock[] = [
    { type: 'heading', text: `Readiness · ${bp.title} · ${who}` },
    { type: 'text', text: headline },
    ...(uncovered ? [{ type: 'text' as const, text: uncovered }] : []),
    { type: 'text', text: `Coverage: ${seen} of ${plural(total, 'question')} seen (${total ? pct(seen / total) : '0%'})` },
    { type: 'list', items: lines },
    ...(opts.lastExam ? [{ type: 'text' as const, text: lastExamText(bp, opts.lastExam.entry, opts.lastExam.tz, opts.lastExam.now) }] : []),
    {
      type: 'text',
      style: 'muted',
      text: `${priorText(opts.prior)} Your latest answer to each question counts, in a quiz, practice, review or mock exam: one answered right counts at your memory of it now (FSRS, fading by the hour) plus a guess for what you forgot; one you last answered wrong counts as nothing until you answer it right. In each domain that evidence is weighed against the prior, which counts as ${PRIOR_ANSWERS} answers, so a few lucky answers move little. The band widens while coverage is low.`,
    },
  ];
  if (opts.chartPath) blocks.push({ type: 'text', style: 'muted', text: `Chart: ${opts.chartPath}` });
  return { text: `${short(bp)} readiness for ${who}: ${r.scaled} / ${bp.scaledScore.max} (band ${r.band.low}–${r.band.high}, passing ${bp.passingScore})`, blocks };
}

/** `/cmd readiness channel`: members by predicted score and the group's weakest domain. */
export function channelReadinessView(opts: { bp: Blueprint; channel: ChannelReadiness; names: ReadonlyMap<string, string>; top?: number }): MessageView {
  const { bp, channel } = opts;
  if (!channel.members.length) return notice(`Nobody in this channel has answered a ${short(bp)} question yet.`, 'Readiness counts everyone who answered the channel’s questions.');
  const top = opts.top ?? 15;
  const lines = channel.members
    .slice(0, top)
    .map((m, i) => `${i + 1}. ${person(opts.names.get(m.userKey) ?? 'someone')}: ${m.readiness.scaled} (band ${m.readiness.band.low}–${m.readiness.band.high}, coverage ${pct(m.readiness.coverage)})`);
  const more = channel.members.length > top ? [`…and ${plural(channel.members.length - top, 'more member')}`] : [];
  const passing = channel.members.filter((m) => m.readiness.scaled >= bp.passingScore).length;
  const weakest = channel.weakest ? `Weakest domain of the group: ${channel.weakest.domain.id} ${channel.weakest.domain.name} (${pct(channel.weakest.share)} likely right on average)` : '';
  const uncovered = channel.uncovered.length ? `Not ranked, no questions in the notes yet: ${domainNames(channel.uncovered)}.` : '';
  return {
    text: `${short(bp)} channel readiness: ${passing} of ${plural(channel.members.length, 'member')} predicted to pass${weakest ? ` · ${weakest}` : ''}`,
    blocks: [
      { type: 'heading', text: `Channel readiness · ${bp.title}` },
      { type: 'text', text: `${passing} of ${plural(channel.members.length, 'member')} predicted at or above ${bp.passingScore}.` },
      { type: 'list', items: [...lines, ...more], ordered: false },
      ...(weakest ? [{ type: 'text' as const, text: weakest }] : []),
      ...(uncovered ? [{ type: 'text' as const, text: uncovered, style: 'muted' as const }] : []),
    ],
  };
}

/** The prompt already says how many to pick: "(Select TWO.)", "Choose 2", "select three answers". */
const SAYS_HOW_MANY = /\b(?:select|choose|pick)\s+(?:\d+|one|two|three|four|five|six)\b/i;

/** "(Select k.)" after a multi-answer prompt, unless the prompt says it already. */
export const promptWithCount = (prompt: string, k: number): string => (k > 1 && !SAYS_HOW_MANY.test(prompt) ? `${prompt} (Select ${k}.)` : prompt);

const timeLeft = (s: ExamSession, now: Date, tz: string) => {
  const minutes = Math.max(0, Math.ceil((s.endsAt.getTime() - now.getTime()) / 60_000));
  return `${plural(minutes, 'minute')} left (ends ${formatTime(s.endsAt, tz, now)})`;
};

/** One exam screen: the item on screen, its options, and the controls. No feedback. */
export function examQuestionView(s: ExamSession, bp: Blueprint, now: Date, tz: string): MessageView {
  const i = s.position;
  const item = s.items[i]!;
  const n = s.items.length;
  const answered = s.answers.filter((a) => a !== null).length;
  const chosen = s.answers[i];
  const flaggedList = s.flagged.flatMap((f, k) => (f ? [k + 1] : []));
  const k = Math.max(1, item.correct.length);
  const head = `Mock exam ${short(bp)} · question ${i + 1} of ${n}${s.flagged[i] ? ' · flagged' : ''} · ${timeLeft(s, now, tz)}`;
  const blocks: ViewBlock[] = [
    { type: 'heading', text: head },
    { type: 'text', text: promptWithCount(item.prompt, k) },
    ...promptImageBlocks(item),
    { type: 'options', items: item.options.map((o) => ({ label: o.id, text: o.text })) },
    ...optionImageBlocks(item),
    {
      type: 'text',
      style: 'muted',
      text: [
        chosen ? `Your answer: ${chosen.join(', ')} (you can change it).` : 'Not answered yet.',
        `Answered ${answered} of ${n}.`,
        flaggedList.length ? `Flagged: ${flaggedList.join(', ')}.` : '',
        'No feedback until the end, like the real exam. End finishes it (unanswered count as wrong; it asks first).',
      ]
        .filter(Boolean)
        .join(' '),
    },
  ];
  const actions: ViewAction[] = [];
  if (k > 1) {
    actions.push({
      type: 'multiselect',
      id: examStepId(s.id, i, 'm'),
      submitId: examStepId(s.id, i, 's'),
      placeholder: `Choose ${k}`,
      options: item.options.map((o) => ({ value: o.id, label: o.id })),
      min: k,
      max: k,
    });
  } else {
    for (let start = 0; start < item.options.length; start += 5) {
      actions.push({ type: 'buttons', buttons: item.options.slice(start, start + 5).map((o) => ({ id: examAnswerId(s.id, i, o.id), label: o.id, ...(chosen?.includes(o.id) ? { style: 'primary' as const } : {}) })) });
    }
  }
  const nav: ViewButton[] = [];
  if (i > 0) nav.push({ id: examStepId(s.id, i, 'b'), label: 'Back' });
  nav.push({ id: examFlagId(s.id, i, !s.flagged[i]), label: s.flagged[i] ? 'Unflag' : 'Flag for review' });
  if (i < n - 1) nav.push({ id: examStepId(s.id, i, 'n'), label: 'Next' });
  nav.push({ id: examEndId(s.id), label: 'End', style: 'danger' });
  actions.push({ type: 'buttons', buttons: nav });
  // On the last item: jump back to flagged or unanswered items before ending.
  if (i === n - 1) {
    const open = [...new Set([...flaggedList, ...s.answers.flatMap((a, k2) => (a === null ? [k2 + 1] : []))])].filter((x) => x !== i + 1).sort((a, b) => a - b);
    if (open.length) {
      blocks.push({ type: 'text', style: 'muted', text: `Last question. Review before you end: ${open.slice(0, 10).join(', ')}${open.length > 10 ? ', …' : ''}.` });
      actions.push({ type: 'buttons', buttons: open.slice(0, 5).map((q) => ({ id: examStepId(s.id, q - 1, 'g'), label: `Go to ${q}` })) });
    }
  }
  return { text: `${head}: ${oneLine(item.prompt, 150)}`, blocks, actions };
}

/** What `exam` found or did besides showing the screen (ExamOutcome's screen flags). */
export interface ExamScreenContext {
  started?: boolean;
  resumed?: boolean;
  notStarted?: { bp: Blueprint; n: number; minutes: number | null; explicit?: boolean };
  endedExpired?: boolean;
}

const listed = (items: string[]) => items.join(', ');

/** The draw's shortfall on a new exam's first screen; null when it stands for the real exam. */
export function drawNote(s: ExamSession, bp: Blueprint): string | null {
  const c = coverageOf(s, bp);
  if (c.comparable) return null;
  const missing = c.gaps.filter((g) => g.drawn === 0).map((g) => `${g.domain.id} ${g.domain.name}`);
  const below = c.gaps.filter((g) => g.drawn > 0).map((g) => `${g.domain.id} ${g.domain.name} (${g.drawn} of ${g.share})`);
  return [
    c.drawn < c.requested ? `Only ${plural(c.drawn, `${short(bp)} question`)} in the notes could be drawn (you asked for ${c.requested}).` : '',
    missing.length ? `Not covered: ${listed(missing)}.` : '',
    below.length ? `Below their share of the exam: ${listed(below)}.` : '',
    c.drawn >= c.requested && !missing.length && !below.length ? 'The draw could not follow the domain weights.' : '',
    'So the score will not be comparable to the real exam: no pass/fail at the end.',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The muted notes under an exam screen's heading, in order. */
export function examScreenNotes(s: ExamSession, bp: Blueprint, ctx: ExamScreenContext): string[] {
  const notes: string[] = [];
  if (ctx.endedExpired) notes.push('Your last mock exam’s time was up, so it ended (exam last shows its result). Here is the new one.');
  if (ctx.resumed) notes.push('Your exam is still running: here is where you were.');
  if (ctx.notStarted) {
    const r = ctx.notStarted;
    const what = [r.explicit ? plural(r.n, 'question') : '', r.explicit && r.minutes ? plural(r.minutes, 'minute') : ''].filter(Boolean).join(', ');
    notes.push(`The ${short(r.bp)} exam you asked for${what ? ` (${what})` : ''} was not started: one exam at a time. Press End on this one first, then ask again.`);
  }
  const draw = ctx.started ? drawNote(s, bp) : null;
  if (draw) notes.push(draw);
  return notes;
}

/** End with questions unanswered: asks first (a mis-click would end a long exam). */
export function examEndConfirmView(s: ExamSession, bp: Blueprint, now: Date, tz: string, unanswered: number): MessageView {
  const n = s.items.length;
  const head = `Mock exam ${short(bp)} · End now? ${unanswered} unanswered ${unanswered === 1 ? 'counts' : 'count'} as wrong.`;
  const detail = `Answered ${n - unanswered} of ${n} · ${timeLeft(s, now, tz)}. Keep going returns to question ${s.position + 1}.`;
  return {
    text: head,
    blocks: [
      { type: 'heading', text: head },
      { type: 'text', style: 'muted', text: detail },
    ],
    actions: [
      {
        type: 'buttons',
        buttons: [
          { id: examEndId(s.id, true), label: 'End exam', style: 'danger' },
          { id: examStepId(s.id, s.position, 'g'), label: 'Keep going' },
        ],
      },
    ],
  };
}

/** Why a result has no pass/fail: what the draw lacked. */
const notComparableText = (bp: Blueprint, x: NotComparable) =>
  [
    'Not comparable to the real exam:',
    x.drawn < x.requested ? `${plural(x.drawn, 'question')} drawn (you asked for ${x.requested});` : 'the draw could not follow the domain weights;',
    x.missing.length ? `not covered: ${listed(x.missing)};` : '',
    x.short.length ? `below their share: ${listed(x.short)};` : '',
    `the score is your share right on the ${bp.scaledScore.min}–${bp.scaledScore.max} scale, with no pass/fail.`,
  ]
    .filter(Boolean)
    .join(' ');

const REASON: Record<ExamResult['endReason'], string> = { finished: 'finished', 'ended-early': 'ended early (unanswered count as wrong)', time: 'time ran out (unanswered count as wrong)' };
const MISSED_SHOWN = 10;
/**
 * The missed lines together: the whole result must fit Discord's embed text (4,096 characters),
 * which would otherwise cut the list where Slack and the console show it all.
 */
const MISSED_CHARS = 3500;

/** The first lines that fit in `budget` characters (always at least one). */
function fitting(lines: string[], budget: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (out.length && used + line.length > budget) break;
    out.push(line);
    used += line.length + 1;
  }
  return out;
}

/** The result: scaled score, pass/fail, per domain, and the missed questions with the right answer. */
export function examResultView(opts: { bp: Blueprint; result: ExamResult; commandOf: (deckId: string) => string | undefined; chartPath?: string }): MessageView {
  const { bp, result: r } = opts;
  const verdictText = r.notComparable ? 'no pass/fail (not comparable to the real exam)' : `${r.passed ? 'PASS' : 'FAIL'} (passing ${r.passingScore})`;
  const minutes = Math.max(1, Math.round(r.seconds / 60));
  const head = `Mock exam result · ${short(bp)}: ${r.scaled} / ${bp.scaledScore.max} · ${verdictText}`;
  const domainLines = r.perDomain.map((d) => `${d.domainId} ${d.name}: ${d.correct}/${d.asked} (${pct(d.asked ? d.correct / d.asked : 0)})`);
  const lines = r.missed.slice(0, MISSED_SHOWN).map((m) => {
    const right = m.item.correct.map((c) => `${c}) ${m.item.options.find((o) => o.id === c)?.text ?? ''}`.trim().replace(/[.\s]+$/, '')).join('; ');
    const yours = m.chosen ? m.chosen.join(', ') : 'not answered';
    const command = opts.commandOf(m.item.deckId);
    const hint = m.item.concept && command ? ` Study: /${command} explain ${m.item.concept.slug}` : '';
    const why = m.item.explanation ? ` Why: ${oneLine(m.item.explanation, 240)}` : '';
    return `${m.index + 1}. ${oneLine(m.item.prompt, 160)} Yours: ${yours}. Right: ${oneLine(right, 200)}.${why}${hint}`;
  });
  const missed = fitting(lines, MISSED_CHARS);
  const blocks: ViewBlock[] = [
    { type: 'heading', text: head },
    { type: 'text', text: `${r.correct} of ${plural(r.asked, 'question')} right · ${REASON[r.endReason]} · ${plural(minutes, 'minute')}` },
    ...(r.notComparable ? [{ type: 'text' as const, style: 'muted' as const, text: notComparableText(bp, r.notComparable) }] : []),
    { type: 'fields', items: r.perDomain.map((d, k) => ({ name: `${d.domainId} ${d.name}`, value: domainLines[k]!.slice(domainLines[k]!.indexOf(': ') + 2) })) },
  ];
  if (missed.length) {
    blocks.push({ type: 'text', text: `Missed (${r.missed.length}):` }, { type: 'list', items: missed });
    if (r.missed.length > missed.length) blocks.push({ type: 'text', style: 'muted', text: `…and ${r.missed.length - missed.length} more.` });
  } else blocks.push({ type: 'text', text: 'No question missed.' });
  if (opts.chartPath) blocks.push({ type: 'text', style: 'muted', text: `Chart: ${opts.chartPath}` });
  return { text: `${head} · ${domainLines.join(' · ')}`, blocks };
}

/** Lines for `stats`: the latest exams and the trend. */
export function examHistoryLines(bp: Blueprint, history: ExamHistoryEntry[], tz: string, now: Date, shown = 5): string[] {
  if (!history.length) return [];
  const recent = history.slice(-shown).map((h) => `${formatTime(h.endedAt, tz, now)}: ${h.scaled} (${h.correct}/${h.asked}) ${!h.comparable ? 'not comparable' : h.passed ? 'pass' : 'fail'}`);
  // A thin draw's score stands for another exam than the blueprint's: the trend leaves it out.
  const comparable = history.filter((h) => h.comparable);
  const first = comparable[0];
  const last = comparable[comparable.length - 1];
  const trend = first && last && comparable.length > 1 ? [`Trend: ${first.scaled} → ${last.scaled} over ${plural(comparable.length, 'exam')} (${last.scaled - first.scaled >= 0 ? '+' : ''}${last.scaled - first.scaled})${comparable.length < history.length ? `, ${history.length - comparable.length} not comparable left out` : ''}`] : [];
  return [`Mock exams (${short(bp)}): ${plural(history.length, 'exam')}`, ...recent, ...trend];
}

/** The countdown line shown with the question of the day, e.g. "DVA-C02 exam in 12 days (2026-04-15)". */
export function countdownLine(bp: Blueprint, examDate: string, today: string): string {
  const days = Math.round((Date.parse(`${examDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days < 0) return `${short(bp)} exam was on ${examDate}.`;
  if (days === 0) return `${short(bp)} exam is today. Good luck!`;
  return `${short(bp)} exam in ${plural(days, 'day')} (${examDate}).`;
}
