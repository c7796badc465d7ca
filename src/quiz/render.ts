// All the wording users read, as platform-neutral MessageViews. Nothing is escaped here:
// adapters escape for their platform.
import type { Concept, Deck, ExplainResult } from '../content/types.js';
import { answerId, multiId, nextPracticeId, shareConceptId, reportId, submitId } from './action-ids.js';
import { USAGE } from './command-parser.js';
import { CORRECT_POINTS, STREAK_BONUS_MAX, STREAK_BONUS_PER_DAY } from './scoring.js';
import type { AnswerRecord, LeaderboardRow, QuestionSnapshot, RoundRecord, RoundResults } from './store.js';
import { formatTime, type Period } from './time.js';
import type { MessageView, ViewAction, ViewBlock } from './views.js';

const BAR_WIDTH = 10;
const MAX_TEXT = 2800; // under Slack's 3,000 per section and Discord's 4,096 per embed

const clip = (s: string, max = MAX_TEXT) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const oneLine = (s: string, max = 150) => clip(s.replace(/\s+/g, ' ').trim(), max);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** User display names are untrusted and unbounded: one line, at most 60 characters. */
const person = (name: string) => oneLine(name, 60) || 'someone';

export const notice = (text: string, detail?: string): MessageView => ({
  text,
  blocks: [{ type: 'text', text }, ...(detail ? [{ type: 'text' as const, text: detail, style: 'muted' as const }] : [])],
});

const isMulti = (q: QuestionSnapshot) => q.correct.length > 1;
const numberWord = (n: number) => ['zero', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'][n] ?? String(n);
export const optionLabel = (q: QuestionSnapshot, id: string) => {
  const opt = q.options.find((o) => o.id === id);
  return opt ? `${opt.id}) ${opt.text}` : id;
};
const optionsText = (q: QuestionSnapshot, ids: readonly string[]) => ids.map((id) => optionLabel(q, id)).join('; ');

const title = (round: RoundRecord) => {
  const q = round.question;
  const kind = round.kind === 'daily' ? 'Question of the day' : round.kind === 'practice' ? 'Practice' : 'Quiz';
  return `${kind} · ${q.deckTitle} ${q.number}`;
};

/** The "Report a problem" button every open question and answer reply carries. */
export function reportControls(roundId: string): ViewAction {
  return { type: 'buttons', buttons: [{ id: reportId(roundId), label: 'Report a problem' }] };
}

function questionControls(round: RoundRecord): ViewAction[] {
  return [...answerControls(round), reportControls(round.id)];
}

function answerControls(round: RoundRecord): ViewAction[] {
  const q = round.question;
  if (isMulti(q)) {
    return [
      {
        type: 'multiselect',
        id: multiId(round.id),
        submitId: submitId(round.id),
        placeholder: `Choose ${q.correct.length} options`,
        options: q.options.map((o) => ({ value: o.id, label: oneLine(`${o.id}) ${o.text}`, 75) })),
        min: q.correct.length,
        max: q.correct.length,
      },
    ];
  }
  return [{ type: 'buttons', buttons: q.options.map((o) => ({ id: answerId(round.id, o.id), label: o.id })) }];
}

/** A question as posted (channel) or shown privately (practice), with its answer controls. */
export function questionView(round: RoundRecord, opts: { answered: number; tz: string; now: Date }): MessageView {
  const q = round.question;
  const blocks: ViewBlock[] = [
    { type: 'heading', text: title(round) },
    { type: 'text', text: clip(q.prompt) },
    { type: 'options', items: q.options.map((o) => ({ label: o.id, text: clip(o.text, 1000) })) },
  ];
  if (isMulti(q)) blocks.push({ type: 'text', text: `Select ${numberWord(q.correct.length)}.`, style: 'muted' });
  const status =
    round.kind === 'practice'
      ? 'Only you can see this practice question. It does not count on the leaderboard.'
      : `${plural(opts.answered, 'answer')} so far · closes at ${formatTime(round.closesAt, opts.tz, opts.now)} · answers stay private until then`;
  blocks.push({ type: 'text', text: status, style: 'muted' });
  return { text: `${title(round)}: ${oneLine(q.prompt)}`, blocks, actions: questionControls(round) };
}

function bars(q: QuestionSnapshot, results: RoundResults): ViewBlock {
  const total = results.total;
  return {
    type: 'bars',
    rows: q.options.map((o) => {
      const count = results.perOption[o.id] ?? 0;
      const percent = total ? Math.round((count * 100) / total) : 0;
      const filled = total ? Math.round((count * BAR_WIDTH) / total) : 0;
      return {
        label: o.id,
        count,
        percent,
        bar: '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled),
        marked: q.correct.includes(o.id),
      };
    }),
  };
}

/** The channel message once the round closed: no controls; answer, explanation, distribution. */
export function revealView(round: RoundRecord, results: RoundResults, opts: { tz: string; now: Date }): MessageView {
  const q = round.question;
  const answer = optionsText(q, q.correct);
  const blocks: ViewBlock[] = [
    { type: 'heading', text: `${title(round)} · closed` },
    { type: 'text', text: clip(q.prompt) },
    { type: 'options', items: q.options.map((o) => ({ label: o.id, text: clip(o.text, 1000), marked: q.correct.includes(o.id) })) },
    { type: 'text', text: `Answer: ${answer}` },
  ];
  if (q.explanation) blocks.push({ type: 'text', text: clip(q.explanation), style: 'quote' });
  blocks.push(bars(q, results));
  const first = results.firstCorrect.map((f) => person(f.name));
  blocks.push({
    type: 'text',
    text: first.length ? `First right: ${first.join(', ')}` : results.total ? 'Nobody got it right this time.' : 'Nobody answered.',
  });
  const closedAt = round.closedAt && round.closedAt < round.closesAt ? round.closedAt : round.closesAt;
  blocks.push({
    type: 'text',
    text: `${plural(results.total, 'answer')} · closed at ${formatTime(closedAt, opts.tz, opts.now)}`,
    style: 'muted',
  });
  return { text: `${title(round)} closed: the answer was ${oneLine(answer)}`, blocks };
}

/** The private reply to a recorded answer. */
export function answerFeedbackView(round: RoundRecord, answer: AnswerRecord): MessageView {
  const q = round.question;
  const chosen = optionsText(q, answer.choice);
  const verdict = answer.correct
    ? `Correct! +${answer.points} points${answer.bonus ? ` (including a +${answer.bonus} streak bonus)` : ''}.`
    : answer.points > 0
      ? `Partly right: +${answer.points} points.`
      : 'Not quite.';
  const blocks: ViewBlock[] = [
    { type: 'heading', text: verdict },
    { type: 'text', text: `You chose: ${chosen}` },
  ];
  if (!answer.correct) blocks.push({ type: 'text', text: `The answer is ${optionsText(q, q.correct)}.` });
  if (q.explanation) blocks.push({ type: 'text', text: clip(q.explanation), style: 'quote' });
  if (round.kind === 'practice') {
    blocks.push({ type: 'text', text: 'Practice counts in your stats, not on the leaderboard.', style: 'muted' });
  } else {
    blocks.push({ type: 'text', text: 'Keep it to yourself until the reveal!', style: 'muted' });
  }
  const view: MessageView = { text: `${verdict} ${title(round)}`, blocks };
  if (round.kind === 'practice') {
    view.actions = [{ type: 'buttons', buttons: [{ id: nextPracticeId(round.id), label: 'Next question', style: 'primary' }] }];
  }
  return view;
}

export function alreadyAnsweredView(round: RoundRecord, answer: AnswerRecord): MessageView {
  const chosen = optionsText(round.question, answer.choice);
  return notice(`You already answered this one: ${chosen}.`, 'Only your first answer counts.');
}

export function closedView(round: RoundRecord, closedAt: Date, tz: string, now: Date): MessageView {
  if (round.kind === 'practice') {
    return notice(`This practice question expired at ${formatTime(closedAt, tz, now)}; your answer was not recorded.`, 'Start a new one with practice.');
  }
  return notice(`This question closed at ${formatTime(closedAt, tz, now)}; your answer was not recorded.`, 'The answer is revealed in the channel.');
}

const PERIOD_TITLE: Record<Period, string> = { week: 'this week', month: 'this month', all: 'all time' };

const rowLine = (r: LeaderboardRow) =>
  `${r.rank}. ${person(r.name)}: ${plural(r.points, 'point')} (${r.correct}/${r.answered} right)`;

export function leaderboardView(opts: {
  period: Period;
  top: LeaderboardRow[];
  me: LeaderboardRow | null;
  userKey: string;
  since: Date | null;
  tz: string;
  now: Date;
}): MessageView {
  const heading = `Leaderboard · ${PERIOD_TITLE[opts.period]}`;
  if (!opts.top.length) {
    return notice(`${heading}: no scored answers yet.`, 'Answer the channel questions (quiz or question of the day) to get on the board.');
  }
  const blocks: ViewBlock[] = [
    { type: 'heading', text: heading },
    { type: 'list', items: opts.top.map((r) => rowLine(r) + (r.userKey === opts.userKey ? ' ← you' : '')) },
  ];
  if (opts.me && !opts.top.some((r) => r.userKey === opts.me!.userKey)) {
    blocks.push({ type: 'text', text: `You: ${rowLine(opts.me)}` });
  } else if (!opts.me) {
    blocks.push({ type: 'text', text: 'You are not on this board yet.', style: 'muted' });
  }
  const sinceText = opts.since ? `Since ${formatTime(opts.since, opts.tz, opts.now)}. ` : '';
  blocks.push({ type: 'text', text: `${sinceText}Practice rounds do not count here.`, style: 'muted' });
  const leader = opts.top[0]!;
  return { text: `${heading}: ${person(leader.name)} leads with ${plural(leader.points, 'point')}`, blocks };
}

export function statsView(opts: {
  name: string;
  self: boolean;
  answered: number;
  correct: number;
  points: number;
  current: number;
  best: number;
  perDeck: { title: string; answered: number; correct: number }[];
}): MessageView {
  const who = opts.self ? 'Your stats' : `Stats for ${person(opts.name)}`;
  if (!opts.answered) {
    return notice(opts.self ? 'You have not answered any question yet.' : `${person(opts.name)} has not answered any question yet.`, 'Try practice for a private question.');
  }
  const pct = (c: number, a: number) => (a ? `${Math.round((c * 100) / a)}%` : '–');
  const blocks: ViewBlock[] = [
    { type: 'heading', text: who },
    {
      type: 'fields',
      items: [
        { name: 'Answered', value: String(opts.answered) },
        { name: 'Accuracy', value: `${pct(opts.correct, opts.answered)} (${opts.correct} right)` },
        { name: 'Points', value: String(opts.points) },
        { name: 'Current streak', value: plural(opts.current, 'day') },
        { name: 'Best streak', value: plural(opts.best, 'day') },
      ],
    },
  ];
  if (opts.perDeck.length) {
    blocks.push({ type: 'text', text: 'Accuracy per deck' });
    blocks.push({
      type: 'list',
      items: opts.perDeck.map((d) => `${d.title}: ${pct(d.correct, d.answered)} (${d.correct}/${d.answered})`),
    });
  }
  blocks.push({ type: 'text', text: 'A streak counts days in a row with at least one right answer.', style: 'muted' });
  return { text: `${who}: ${opts.answered} answered, ${pct(opts.correct, opts.answered)} right`, blocks };
}

export function helpView(deck: Deck, isAdmin: boolean): MessageView {
  const c = `/${deck.command}`;
  const items = [
    `${c} explain <concept> — what a concept means (e.g. ${c} explain ${deck.concepts[0]?.slug ?? 'stage-variables'})`,
    `${c} quiz [question number] — post a question to the channel; everyone answers privately, the answer is revealed when it closes`,
    `${c} practice — a private question just for you (counts in your stats, not on the board)`,
    `${c} ${USAGE.review} — your questions due for spaced-repetition review, privately; remind on: a daily nudge`,
    `${c} leaderboard [week|month|all] — the channel's top 10`,
    `${c} stats [@user] — answered, accuracy, streaks, your weakest concepts`,
    `${c} ${USAGE.report} — tell the admins a question is wrong or unclear`,
  ];
  if (isAdmin) items.push(`${c} ${USAGE.schedule} — the channel's question of the day (admins)`);
  if (isAdmin) items.push(`${c} ${USAGE.reports} — open question reports with the note's path:line (admins)`);
  items.push(`${c} help — this list`);
  return {
    text: `${deck.title} study bot: ${c} explain, quiz, practice, review, leaderboard, stats`,
    blocks: [
      { type: 'heading', text: `${deck.title} study bot` },
      ...(deck.description ? [{ type: 'text' as const, text: clip(deck.description), style: 'muted' as const }] : []),
      { type: 'list', items },
      {
        type: 'text',
        text: `Scoring: ${CORRECT_POINTS} points for a right answer, partial credit on "select several" questions, +${STREAK_BONUS_PER_DAY} per streak day (up to +${STREAK_BONUS_MAX}) on the question of the day.`,
        style: 'muted',
      },
    ],
  };
}

const conceptLine = (c: Concept) => c.name;

function conceptView(deck: Deck, k: Concept, sharedBy?: string): MessageView {
  const source = `From ${deck.title} (${k.source.path}:${k.source.line})`;
  return {
    text: `${k.name}: ${oneLine(k.text, 200)}`,
    blocks: [
      { type: 'heading', text: k.name },
      { type: 'text', text: clip(k.text), style: 'quote' },
      { type: 'text', text: sharedBy === undefined ? source : `${source} · shared by ${oneLine(sharedBy, 80)}`, style: 'muted' },
    ],
  };
}

/** The concept as posted to the channel by the "Share to channel" button: no controls. */
export const sharedConceptView = (deck: Deck, k: Concept, sharedBy: string): MessageView => conceptView(deck, k, sharedBy);

export function explainView(result: ExplainResult, command: string): MessageView {
  const c = `/${command}`;
  switch (result.kind) {
    case 'found': {
      const view = conceptView(result.deck, result.concept);
      const share = shareConceptId(result.deck.id, result.concept.slug);
      return share ? { ...view, actions: [{ type: 'buttons', buttons: [{ id: share, label: 'Share to channel' }] }] } : view;
    }
    case 'suggestions': {
      const q = oneLine(result.query, 60);
      if (!result.matches.length) {
        return notice(`I don't know "${q}" in ${result.deck.title}.`, `Try ${c} explain to list every concept.`);
      }
      return {
        text: `I don't know "${q}". Did you mean ${result.matches.map(conceptLine).join(', ')}?`,
        blocks: [
          { type: 'text', text: `I don't know "${q}". Did you mean:` },
          { type: 'list', items: result.matches.map((m) => `${m.name} — ${c} explain ${m.slug}`) },
        ],
      };
    }
    case 'list': {
      if (!result.concepts.length) return notice(`${result.deck.title} has no concepts yet.`);
      return {
        text: `${result.deck.title}: ${plural(result.concepts.length, 'concept')}`,
        blocks: [
          { type: 'heading', text: `${result.deck.title} concepts` },
          { type: 'list', items: result.concepts.slice(0, 60).map((k) => `${k.name} (${k.slug})`) },
          { type: 'text', text: `${c} explain <concept> for one of them.`, style: 'muted' },
        ],
      };
    }
  }
}
