// Readiness: how the user would likely score on the real exam today, from their FSRS memory.
//
// Per question, the evidence m: last answered right → R + (1 − R)·g (R = FSRS retrievability now,
// over fractional days; g = the guess rate: if you no longer remember, you still guess); last
// answered wrong → 0. Unseen → the prior p (default g, or a fixed number).
// The answers are the latest per question: the FSRS card's last review (quiz, practice, review) or
// an answer in an ended mock exam, whichever came later. A mock answer right counts as FSRS would
// after a Good review at the exam's end (mockEvidenceOf); the cards themselves are not changed.
// Per domain (its "share"): the mean over its questions, where a seen question counts at
// p + λ·(m − p) with λ = seen / (seen + PRIOR_ANSWERS): the Beta posterior mean of a prior worth
// PRIOR_ANSWERS answers, so a few lucky answers move little, and a wrong answer never counts above
// an unseen question. Expected exam fraction: Σ weight × share.
// Scaled score: min + fraction × (max − min), linear (AWS does not publish its scaling).
// Band (90 %): fraction ± 1.645·√(V_exam + V_unknown), where V_exam = Σ w·p(1−p)/scored is the
// binomial spread of a real sitting of `scored` questions split by weight, and
// V_unknown = Σ (w·(1 − coverage))²/12 treats each domain's unseen part as anything from 0 to 1
// (a uniform's variance), so low coverage widens the band.
import { computeDecayFactor } from 'ts-fsrs';
import type { Question } from '../content/types.js';
import { review, scheduler, type RatingName, type StoredCard } from '../quiz/memory.js';
import type { Blueprint, ExamDomain } from './blueprint.js';
import type { ExamQuestion } from './domain-map.js';

/** What unseen questions count at: the guess rate of each question, or one fixed probability. */
export type Prior = { kind: 'guess' } | { kind: 'fixed'; value: number };
export const DEFAULT_PRIOR: Prior = { kind: 'guess' };

const choose = (n: number, k: number): number => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
};

/** The chance of a blind guess: 1/options, or 1/C(options, k) for "select k". */
export function guessRate(q: Pick<Question, 'options' | 'correct'>): number {
  const k = Math.max(1, q.correct.length);
  return q.options.length >= k ? 1 / choose(q.options.length, k) : 0;
}

export const priorOf = (q: Pick<Question, 'options' | 'correct'>, prior: Prior): number => (prior.kind === 'fixed' ? prior.value : guessRate(q));

/** FSRS's forgetting curve constants of the shared scheduler (the store computes R in SQL with them). */
export function recallCurve(): { decay: number; factor: number } {
  return computeDecayFactor(scheduler.parameters.w);
}

/**
 * Retrievability of a stored card at `now` on ts-fsrs's forgetting curve, over fractional days
 * (ts-fsrs's get_retrievability counts whole days: R = 1 for the first 24 hours).
 */
export function recallOf(card: StoredCard, now: Date): number {
  if (!card.last_review) return 0;
  const days = Math.max(0, (now.getTime() - Date.parse(card.last_review)) / 86_400_000);
  return scheduler.forgetting_curve(days, +card.stability.toFixed(8));
}

export const answerChance = (recall: number, guess: number): number => recall + (1 - recall) * guess;

/** How many answers the prior weighs in each domain (the strength of its Beta prior). */
export const PRIOR_ANSWERS = 5;

/** What a seen question shows: nothing when last answered wrong, else the chance of getting it right now. */
export const evidenceOf = (right: boolean, recall: number, guess: number): number => (right ? answerChance(recall, guess) : 0);

/** An answered question of an ended mock exam: right or not, and when the exam ended. */
export interface MockAnswer {
  right: boolean;
  at: Date;
}

/** True when the mock answer is later evidence than the card's last review (a tie goes to the card). */
export const mockIsLatest = (card: Pick<StoredCard, 'last_review'> | null, mock: MockAnswer): boolean =>
  !card?.last_review || Date.parse(card.last_review) < mock.at.getTime();

/**
 * A mock answer as evidence: wrong → 0; right → what a Good review at the exam's end would leave,
 * on top of the card as it was (a new card when there is none), read at `now`.
 */
export function mockEvidenceOf(card: StoredCard | null, mock: MockAnswer, now: Date, guess: number): number {
  if (!mock.right) return 0;
  return answerChance(recallOf(review(card, mock.at, 'good'), now), guess);
}

/** λ: how much a domain's evidence counts against its prior after `seen` questions. */
export const evidenceWeight = (seen: number): number => seen / (seen + PRIOR_ANSWERS);

/** One question as the readiness query needs it. */
export interface RecallQuestion {
  deckId: string;
  questionId: string;
  domainId: string;
  guess: number;
  prior: number;
}

export const recallQuestions = (questions: ExamQuestion[], prior: Prior): RecallQuestion[] =>
  questions.map((q) => ({ deckId: q.deck.id, questionId: q.question.id, domainId: q.domain.id, guess: guessRate(q.question), prior: priorOf(q.question, prior) }));

/** Per domain: how many of its questions the user has seen, and Σ (evidence − prior) over them. */
export interface DomainTally {
  seen: number;
  lift: number;
}

export interface DomainReadiness {
  domain: ExamDomain;
  total: number;
  seen: number;
  /** seen / total (0 when the domain has no questions: it then counts at the mean prior). */
  coverage: number;
  /** Expected share of the domain's questions answered right now, 0–1. */
  share: number;
}

export interface Readiness {
  examId: string;
  domains: DomainReadiness[];
  /** Σ weight × share, 0–1. */
  fraction: number;
  scaled: number;
  band: { low: number; high: number };
  passingScore: number;
  scaledRange: { min: number; max: number };
  /** seen / total over all the exam's questions. */
  coverage: number;
  /** The domains with no questions in the notes (they count at the mean prior). */
  uncovered: ExamDomain[];
  /**
   * The scaled score reached with every covered domain at 100 % while the uncovered ones stay at
   * the prior: what the notes allow at most until they cover them (null when all are covered).
   */
  ceiling: number | null;
}

export const toScaled = (bp: Blueprint, fraction: number): number => Math.round(bp.scaledScore.min + fraction * (bp.scaledScore.max - bp.scaledScore.min));

const Z90 = 1.645;

/** Per domain: question count and Σ prior; computed once per question list (a channel reuses it for every member). */
const profiles = new WeakMap<RecallQuestion[], { meanPrior: number; perDomain: Map<string, { total: number; priorSum: number }> }>();
function profileOf(questions: RecallQuestion[]) {
  let p = profiles.get(questions);
  if (!p) {
    const perDomain = new Map<string, { total: number; priorSum: number }>();
    let sum = 0;
    for (const q of questions) {
      const d = perDomain.get(q.domainId) ?? { total: 0, priorSum: 0 };
      d.total += 1;
      d.priorSum += q.prior;
      sum += q.prior;
      perDomain.set(q.domainId, d);
    }
    p = { meanPrior: questions.length ? sum / questions.length : 0, perDomain };
    profiles.set(questions, p);
  }
  return p;
}

/** Readiness from per-domain tallies (what the store's query returns) and the exam's questions. */
export function readinessFrom(bp: Blueprint, questions: RecallQuestion[], tallies: ReadonlyMap<string, DomainTally>): Readiness {
  const { meanPrior, perDomain } = profileOf(questions);
  let fraction = 0;
  let vExam = 0;
  let vUnknown = 0;
  let seenAll = 0;
  const domains = bp.domains.map((domain): DomainReadiness => {
    const { total, priorSum } = perDomain.get(domain.id) ?? { total: 0, priorSum: 0 };
    const tally = tallies.get(domain.id) ?? { seen: 0, lift: 0 };
    const seen = Math.min(tally.seen, total);
    // A domain without questions counts at the mean prior: the bot knows nothing about it.
    const share = total ? clamp01((priorSum + evidenceWeight(seen) * tally.lift) / total) : meanPrior;
    const coverage = total ? seen / total : 0;
    const w = domain.weight / 100;
    fraction += w * share;
    vExam += (w * share * (1 - share)) / bp.scoredQuestions;
    vUnknown += (w * (1 - coverage)) ** 2 / 12;
    seenAll += seen;
    return { domain, total, seen, coverage, share };
  });
  const half = Z90 * Math.sqrt(vExam + vUnknown);
  const uncovered = domains.filter((d) => !d.total).map((d) => d.domain);
  const best = domains.reduce((f, d) => f + (d.domain.weight / 100) * (d.total ? 1 : meanPrior), 0);
  return {
    examId: bp.id,
    domains,
    fraction,
    scaled: toScaled(bp, fraction),
    band: { low: toScaled(bp, clamp01(fraction - half)), high: toScaled(bp, clamp01(fraction + half)) },
    passingScore: bp.passingScore,
    scaledRange: bp.scaledScore,
    coverage: questions.length ? seenAll / questions.length : 0,
    uncovered,
    ceiling: uncovered.length ? toScaled(bp, clamp01(best)) : null,
  };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** A user's card of one question and how its last answer was rated ('again': wrong). */
export interface SeenCard {
  card: StoredCard;
  lastRating: RatingName;
}

/**
 * The same tallies computed in memory (tests, small decks) from cards and the latest mock answers,
 * both keyed `deck\0question`: per question the later of the two counts, never both.
 */
export function tallyCards(questions: RecallQuestion[], cards: ReadonlyMap<string, SeenCard>, now: Date, mocks: ReadonlyMap<string, MockAnswer> = new Map()): Map<string, DomainTally> {
  const out = new Map<string, DomainTally>();
  for (const q of questions) {
    const key = `${q.deckId}\u0000${q.questionId}`;
    const seen = cards.get(key);
    const mock = mocks.get(key);
    if (!seen && !mock) continue;
    const m =
      mock && mockIsLatest(seen?.card ?? null, mock)
        ? mockEvidenceOf(seen?.card ?? null, mock, now, q.guess)
        : evidenceOf(seen!.lastRating !== 'again', recallOf(seen!.card, now), q.guess);
    const t = out.get(q.domainId) ?? { seen: 0, lift: 0 };
    t.seen += 1;
    t.lift += m - q.prior;
    out.set(q.domainId, t);
  }
  return out;
}

/** A mock answer later than its question's card, as the store's second query returns it. */
export interface LatestMockAnswer {
  domainId: string;
  guess: number;
  prior: number;
  /** The user's card of the question (null: never answered in a round). */
  card: StoredCard | null;
  /** What that card added to the tallies (its evidence m), to be replaced; null without a card. */
  cardEvidence: number | null;
  mock: MockAnswer;
}

/** Puts mock answers that are the latest evidence of their question into tallies of the cards, in place of the card's evidence. */
export function addMockEvidence(tallies: Map<string, DomainTally>, rows: LatestMockAnswer[], now: Date): Map<string, DomainTally> {
  for (const r of rows) {
    const t = tallies.get(r.domainId) ?? { seen: 0, lift: 0 };
    if (r.cardEvidence !== null) {
      t.seen -= 1;
      t.lift -= r.cardEvidence - r.prior;
    }
    t.seen += 1;
    t.lift += mockEvidenceOf(r.card, r.mock, now, r.guess) - r.prior;
    tallies.set(r.domainId, t);
  }
  return tallies;
}

export interface MemberReadiness {
  userKey: string;
  readiness: Readiness;
}

export interface ChannelReadiness {
  examId: string;
  /** Best predicted score first. */
  members: MemberReadiness[];
  /** Among the domains with questions in the notes, the lowest mean share over the members (null without members). */
  weakest: { domain: ExamDomain; share: number } | null;
  /** Domains with no questions in the notes: never the weakest (nothing could be asked there). */
  uncovered: ExamDomain[];
}

export function channelReadiness(bp: Blueprint, members: MemberReadiness[]): ChannelReadiness {
  const sorted = [...members].sort((a, b) => b.readiness.fraction - a.readiness.fraction || a.userKey.localeCompare(b.userKey));
  let weakest: ChannelReadiness['weakest'] = null;
  const uncovered = members[0]?.readiness.uncovered ?? [];
  if (members.length) {
    for (const [i, domain] of bp.domains.entries()) {
      if (uncovered.some((u) => u.id === domain.id)) continue;
      const share = members.reduce((s, m) => s + (m.readiness.domains[i]?.share ?? 0), 0) / members.length;
      // Ties go to the heavier domain: it costs more points.
      if (!weakest || share < weakest.share - 1e-12 || (Math.abs(share - weakest.share) <= 1e-12 && domain.weight > weakest.domain.weight)) weakest = { domain, share };
    }
  }
  return { examId: bp.id, members: sorted, weakest, uncovered };
}
