// Per-user, per-question memory with FSRS (ts-fsrs). Every recorded answer is one review:
// wrong (or partly right) = Again, right = Good. After a right answer the user may refine
// the rating (Hard / Good / Easy): the card state from before that answer is kept, so the
// refinement recomputes that same review from it instead of stacking a second one.
import type { QuestionTally } from './weak-spots.js';
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';

/** JSON-safe FSRS card (dates as ISO strings), as stored in the database. */
export interface StoredCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: string | null;
}

export interface MemoryCardRecord {
  userKey: string;
  deckId: string;
  questionId: string;
  card: StoredCard;
  /** The card before the last review (null: the last review was the first one). */
  before: StoredCard | null;
  /** The round and time of the last review, and how it was rated. */
  lastRoundId: string;
  lastReviewAt: Date;
  lastRating: RatingName;
  /** The review round currently served for this card by `/review`, if any. */
  reviewRoundId: string | null;
  due: Date;
}

export interface ReviewQueue {
  /** Due cards, earliest due first (at most the asked limit). */
  due: MemoryCardRecord[];
  /** How many cards are due in all. */
  dueCount: number;
  /** The earliest due time after now among cards not yet due (null: no cards at all). */
  nextDue: Date | null;
}

/** The memory part of the store port (src/db implements it). */
export interface MemoryStore {
  getCard(userKey: string, deckId: string, questionId: string): Promise<MemoryCardRecord | null>;
  /** Insert or replace the card of (user, deck, question). */
  saveCard(record: MemoryCardRecord): Promise<void>;
  /** Marks the round serving this card in a `/review` session. */
  setReviewRound(userKey: string, deckId: string, questionId: string, roundId: string): Promise<void>;
  /**
   * The user's cards of these questions only (the deck's loaded ones: a card whose question was
   * edited or removed from the notes is neither served nor counted).
   */
  reviewQueue(userKey: string, deckId: string, now: Date, limit: number, questionIds: readonly string[]): Promise<ReviewQueue>;
  /**
   * Cards of these questions not yet due and not reviewed since `reviewedBefore`, earliest due
   * first (review fills with them before an exam). Optional: without it review does not fill.
   */
  upcoming?(userKey: string, deckId: string, questionIds: readonly string[], now: Date, reviewedBefore: Date, limit: number): Promise<MemoryCardRecord[]>;
  /**
   * The user's cards in this deck of questions not among `loadedIds` (edited or removed in the
   * notes since), most recently reviewed first, at most `limit`.
   */
  orphanCards(userKey: string, deckId: string, loadedIds: readonly string[], limit: number): Promise<MemoryCardRecord[]>;
  /** Moves a card to another question id unless the user already has a card there; true if moved. */
  moveCard(userKey: string, deckId: string, fromQuestionId: string, toQuestionId: string): Promise<boolean>;
  /** Answers and wrong answers per question: one user's (all channels) or one channel's (all users). */
  questionTallies(scope: { userKey: string } | { channelKey: string }): Promise<QuestionTally[]>;
  /** Opt in or out of the daily review nudge for a deck; the nudge goes to `channelKey`. */
  setReminder(userKey: string, deckId: string, channelKey: string, enabled: boolean): Promise<void>;
  /** Opted-in users (at most `limit`, oldest nudge first). */
  enabledReminders(limit: number): Promise<ReminderRecord[]>;
  /** Claims today's nudge (one process wins; a nudge that then fails to send is not retried that day). */
  claimReminder(userKey: string, deckId: string, localDate: string): Promise<boolean>;
}

export interface ReminderRecord {
  userKey: string;
  deckId: string;
  channelKey: string;
  /** Channel-local date of the last nudge. */
  lastSentOn: string | null;
}

export type RatingName = 'again' | 'hard' | 'good' | 'easy';

const GRADES: Record<RatingName, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/**
 * The scheduler every user shares: default FSRS weights, no fuzz (so schedules are reproducible),
 * and no short-term (re)learning steps: people answer in a chat about once a day, so a right answer
 * next comes back in days and a wrong one the next day, not 1 or 10 minutes later. The weights and
 * forgetting curve (what readiness reads) are the defaults either way.
 */
export const SCHEDULER_PARAMETERS = { enable_fuzz: false, enable_short_term: false } as const;
export const scheduler = fsrs(generatorParameters(SCHEDULER_PARAMETERS));

export function toStored(card: Card): StoredCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

export function fromStored(card: StoredCard): Card {
  return {
    ...card,
    due: new Date(card.due),
    last_review: card.last_review ? new Date(card.last_review) : undefined,
  } as Card;
}

/** One review of a card (a new card when `previous` is null) at `at`. */
export function review(previous: StoredCard | null, at: Date, rating: RatingName): StoredCard {
  const card = previous ? fromStored(previous) : createEmptyCard(at);
  return toStored(scheduler.next(card, at, GRADES[rating]).card);
}

/** The card after an answer: a new review on top of the existing card. */
export function afterAnswer(existing: MemoryCardRecord | null, key: { userKey: string; deckId: string; questionId: string }, roundId: string, at: Date, correct: boolean): MemoryCardRecord {
  const rating: RatingName = correct ? 'good' : 'again';
  const before = existing?.card ?? null;
  const card = review(before, at, rating);
  return { ...key, card, before, lastRoundId: roundId, lastReviewAt: at, lastRating: rating, reviewRoundId: existing?.reviewRoundId ?? null, due: new Date(card.due) };
}

/** The same review rated differently: recomputed from the card as it was before that answer. */
export function refine(record: MemoryCardRecord, rating: Exclude<RatingName, 'again'>): MemoryCardRecord {
  const card = review(record.before, record.lastReviewAt, rating);
  return { ...record, card, lastRating: rating, due: new Date(card.due) };
}
