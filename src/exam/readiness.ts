// Readiness: how the user would likely score on the real exam today, from their FSRS memory.
//
// Per question: seen → R + (1 − R)·g (R = FSRS retrievability now, g = the guess rate: if you no
// longer remember, you still guess); unseen → the prior (default g, or a fixed number).
// Per domain: the mean over its questions (its "share"). Expected exam fraction: Σ weight × share.
// Scaled score: min + fraction × (max − min), linear (AWS does not publish its scaling).
// Band (90 %): fraction ± 1.645·√(V_exam + V_unknown), where V_exam = Σ w·p(1−p)/scored is the
// binomial spread of a real sitting of `scored` questions split by weight, and
// V_unknown = Σ (w·(1 − coverage))²/12 treats each domain's unseen part as anything from 0 to 1
// (a uniform's variance), so low coverage widens the band.
import { computeDecayFactor } from 'ts-fsrs';
import type { Question } from '../content/types.js';
import { fromStored, scheduler, type StoredCard } from '../quiz/memory.js';
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

/** Retrievability of a stored card at `now`, exactly as ts-fsrs computes it (whole elapsed days). */
export function recallOf(card: StoredCard, now: Date): number {
  return scheduler.get_retrievability(fromStored(card), now, false);
}

export const answerChance = (recall: number, guess: number): number => recall + (1 - recall) * guess;

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

/** Per domain: how many of its questions the user has seen, and Σ (answer chance − prior) over them. */
export interface DomainTally {
  seen: number;
  lift: number;
}

export interface DomainReadiness {
  domain: ExamDomain;
  total: number;
  seen: number;
  /** seen / total (0 when the domain has no questions). */
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
    const share = total ? clamp01((priorSum + tally.lift) / total) : meanPrior;
    const coverage = total ? seen / total : 0;
    const w = domain.weight / 100;
    fraction += w * share;
    vExam += (w * share * (1 - share)) / bp.scoredQuestions;
    vUnknown += (w * (1 - coverage)) ** 2 / 12;
    seenAll += seen;
    return { domain, total, seen, coverage, share };
  });
  const half = Z90 * Math.sqrt(vExam + vUnknown);
  return {
    examId: bp.id,
    domains,
    fraction,
    scaled: toScaled(bp, fraction),
    band: { low: toScaled(bp, clamp01(fraction - half)), high: toScaled(bp, clamp01(fraction + half)) },
    passingScore: bp.passingScore,
    scaledRange: bp.scaledScore,
    coverage: questions.length ? seenAll / questions.length : 0,
  };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The same tallies computed in memory from cards (tests, small decks): question id → card. */
export function tallyCards(questions: RecallQuestion[], cards: ReadonlyMap<string, StoredCard>, now: Date): Map<string, DomainTally> {
  const out = new Map<string, DomainTally>();
  for (const q of questions) {
    const card = cards.get(`${q.deckId}\u0000${q.questionId}`);
    if (!card) continue;
    const t = out.get(q.domainId) ?? { seen: 0, lift: 0 };
    t.seen += 1;
    t.lift += answerChance(recallOf(card, now), q.guess) - q.prior;
    out.set(q.domainId, t);
  }
  return out;
}

export interface MemberReadiness {
  userKey: string;
  readiness: Readiness;
}

export interface ChannelReadiness {
  examId: string;
  /** Best predicted score first. */
  members: MemberReadiness[];
  /** The domain with the lowest mean share over the members (null without members). */
  weakest: { domain: ExamDomain; share: number } | null;
}

export function channelReadiness(bp: Blueprint, members: MemberReadiness[]): ChannelReadiness {
  const sorted = [...members].sort((a, b) => b.readiness.fraction - a.readiness.fraction || a.userKey.localeCompare(b.userKey));
  let weakest: ChannelReadiness['weakest'] = null;
  if (members.length) {
    for (const [i, domain] of bp.domains.entries()) {
      const share = members.reduce((s, m) => s + (m.readiness.domains[i]?.share ?? 0), 0) / members.length;
      // Ties go to the heavier domain: it costs more points.
      if (!weakest || share < weakest.share - 1e-12 || (Math.abs(share - weakest.share) <= 1e-12 && domain.weight > weakest.domain.weight)) weakest = { domain, share };
    }
  }
  return { examId: bp.id, members: sorted, weakest };
}
