// The question views every round feature shares (question, reveal, answer feedback) and the
// plain notice. Feature-specific wording lives with its feature (src/quiz/features/*/view.ts).
// Nothing is escaped here: adapters escape for their platform.
import { answerId, multiId, nextPracticeId, reportId, submitId } from './action-ids.js';
import type { AnswerRecord, QuestionSnapshot, RoundRecord, RoundResults } from './store.js';
import { stripCodeSpans } from '../content/code-spans.js';
import { explanationImageBlocks, optionImageBlocks, promptImageBlocks } from './question-images.js';
import { formatTime } from './time.js';
import { clip, oneLine, person, plural, sentence } from './view-text.js';
import type { MessageView, ViewAction, ViewBlock } from './views.js';

const BAR_WIDTH = 10;

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

const countdownBlock = (q: QuestionSnapshot): ViewBlock[] => (q.countdown ? [{ type: 'text', text: q.countdown, style: 'muted' }] : []);

const title = (round: RoundRecord) => {
  const q = round.question;
  const kind = round.kind === 'daily' ? 'Question of the day' : round.kind === 'practice' ? 'Practice' : q.preview ? 'Preview (not scored)' : q.unscored ? 'Quiz (not scored)' : 'Quiz';
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
        // Labels are plain text on every platform: inline code shows as its code.
        options: q.options.map((o) => ({ value: o.id, label: oneLine(`${o.id}) ${stripCodeSpans(o.text)}`, 75) })),
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
    ...countdownBlock(q),
    ...(q.unscored ? [{ type: 'text' as const, text: `Not scored: ${q.unscored}. Answer it for practice.`, style: 'muted' as const }] : []),
    { type: 'text', text: clip(q.prompt) },
    ...promptImageBlocks(q),
    { type: 'options', items: q.options.map((o) => ({ label: o.id, text: clip(o.text, 1000) })) },
    ...optionImageBlocks(q),
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
  if (q.withdrawn) return withdrawnView(round, results);
  const answer = optionsText(q, q.correct);
  const blocks: ViewBlock[] = [
    { type: 'heading', text: `${title(round)} · closed` },
    ...countdownBlock(q),
    { type: 'text', text: clip(q.prompt) },
    ...promptImageBlocks(q),
    { type: 'options', items: q.options.map((o) => ({ label: o.id, text: clip(o.text, 1000), marked: q.correct.includes(o.id) })) },
    ...optionImageBlocks(q),
    { type: 'text', text: `Answer: ${answer}` },
  ];
  if (q.explanation) blocks.push({ type: 'text', text: clip(q.explanation), style: 'quote' }, ...explanationImageBlocks(q));
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
  // The moment people read the key and disagree: the report button stays.
  return { text: `${title(round)} closed: the answer was ${oneLine(answer)}`, blocks, actions: [reportControls(round.id)] };
}

/** A round an admin withdrew (`quiz withdraw`): no answer shown, nobody scores. */
function withdrawnView(round: RoundRecord, results: RoundResults): MessageView {
  const q = round.question;
  const blocks: ViewBlock[] = [
    { type: 'heading', text: `${title(round)} · withdrawn` },
    { type: 'text', text: clip(q.prompt) },
    { type: 'options', items: q.options.map((o) => ({ label: o.id, text: clip(o.text, 1000) })) },
    { type: 'text', text: 'An admin withdrew this question (for example, its answer key was wrong): nobody scores for it, and its answer is not shown.' },
    { type: 'text', text: `${plural(results.total, 'answer')} · none of them counts`, style: 'muted' },
  ];
  return { text: `${title(round)} was withdrawn by an admin: not scored`, blocks, actions: [reportControls(round.id)] };
}

/** The private reply to a recorded answer. */
export function answerFeedbackView(round: RoundRecord, answer: AnswerRecord): MessageView {
  const q = round.question;
  const chosen = optionsText(q, answer.choice);
  const verdict = q.preview
    ? `${answer.correct ? 'Correct!' : 'Not quite.'} (A preview: not scored.)`
    : q.unscored
      ? `${answer.correct ? 'Correct!' : 'Not quite.'} (Not scored: ${q.unscored}.)`
    : answer.correct
      ? `Correct! +${answer.points} points${answer.bonus ? ` (including a +${answer.bonus} streak bonus)` : ''}.`
      : answer.points > 0
        ? `Partly right: +${answer.points} points.`
        : 'Not quite.';
  const blocks: ViewBlock[] = [
    { type: 'heading', text: verdict },
    { type: 'text', text: `You chose: ${chosen}` },
  ];
  if (!answer.correct) blocks.push({ type: 'text', text: sentence(`The answer is ${optionsText(q, q.correct)}`) });
  if (q.explanation) blocks.push({ type: 'text', text: clip(q.explanation), style: 'quote' }, ...explanationImageBlocks(q));
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
  return notice(sentence(`You already answered this one: ${chosen}`), 'Only your first answer counts.');
}

export function closedView(round: RoundRecord, closedAt: Date, tz: string, now: Date): MessageView {
  if (round.kind === 'practice') {
    return notice(`This practice question expired at ${formatTime(closedAt, tz, now)}; your answer was not recorded.`, 'Start a new one with practice.');
  }
  const detail = round.question.withdrawn ? 'An admin withdrew it: it scores nothing.' : 'The answer is revealed in the channel.';
  return notice(`This question closed at ${formatTime(closedAt, tz, now)}; your answer was not recorded.`, detail);
}
