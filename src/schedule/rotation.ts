// Deck rotation of the question of the day (`schedule decks a,b`): one deck per posted day, in the
// order given. The next deck is the one after the deck of the channel's last daily round (the
// core's `rounds` table is the record of what was posted), so a skipped or missed day does not
// advance the rotation, and every process agrees on the next deck without a counter to keep.

import type { Question } from '../content/types.js';
import { isStudybotError } from '../errors.js';
import { isPlayable } from '../quiz/decks.js';
import { matchDeck, unknownDeckText } from '../quiz/deck-match.js';
import type { ScheduleChannelRow } from '../db/schedule-schema.js';

/** Most decks one rotation may name. */
export const MAX_ROTATION = 25;

export interface RotationDeck {
  id: string;
  title: string;
  command: string;
  /** When known, a deck without a playable question is skipped. */
  questions?: readonly Question[];
}

/** The decks a schedule asks from, in order (one for a schedule without rotation). */
export function rotationOf(row: Pick<ScheduleChannelRow, 'deckId' | 'deckIds'>): string[] {
  return row.deckIds?.length ? [...row.deckIds] : [row.deckId];
}

/** The rotation starting at the deck after `lastDeckId`, wrapping round; from the start when it is not in it. */
export function rotationOrder(rotation: readonly string[], lastDeckId: string | null): string[] {
  const i = lastDeckId === null ? -1 : rotation.indexOf(lastDeckId);
  const start = i < 0 ? 0 : (i + 1) % rotation.length;
  return [...rotation.slice(start), ...rotation.slice(0, start)];
}

/** Why a deck of the rotation would be skipped today, or null when it can be asked from. */
export function skipReason(deck: RotationDeck | null | undefined): string | null {
  if (!deck) return 'not loaded';
  if (deck.questions && !deck.questions.some(isPlayable)) return 'no playable questions';
  return null;
}

export interface RotationStatus {
  /** The deck the next post will ask from, or null when no deck of the rotation can be used. */
  next: string | null;
  /** Decks of the rotation that are skipped, with the reason. */
  skipped: { id: string; reason: string }[];
}

export function rotationStatus(
  rotation: readonly string[],
  lastDeckId: string | null,
  deckOf: (id: string) => RotationDeck | null,
): RotationStatus {
  const skipped = rotation.flatMap((id) => {
    const reason = skipReason(deckOf(id));
    return reason ? [{ id, reason }] : [];
  });
  const next = rotationOrder(rotation, lastDeckId).find((id) => !skipped.some((s) => s.id === id)) ?? null;
  return { next, skipped };
}

/**
 * Deck references as typed (`a,b`, ids or commands, case-insensitive) → deck ids in order,
 * duplicates dropped; or the message for the first reference that names no deck.
 */
export function resolveRotation(refs: readonly string[], decks: readonly RotationDeck[]): { ids: string[] } | { error: string } {
  const ids: string[] = [];
  for (const ref of refs) {
    const m = matchDeck(decks, ref);
    if (!m.deck) {
      const { text, hint } = unknownDeckText(ref, m.suggestions, decks);
      return { error: `${text} ${hint}` };
    }
    if (!ids.includes(m.deck.id)) ids.push(m.deck.id);
  }
  if (ids.length > MAX_ROTATION) return { error: `A rotation can have at most ${MAX_ROTATION} decks, not ${ids.length}.` };
  return { ids };
}

/** `a,b`, `a, b` → refs; empty parts dropped. */
export const splitDeckList = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Starts the day's round from the first deck of `order` the core can ask from. A deck it cannot
 * (`quiz:not-found`: gone, or no playable question, raised before anything is stored) is skipped
 * for the next; any other error, or the last deck's, is thrown: then nothing was posted from this call.
 */
export async function startFirstUsable<T>(
  order: readonly string[],
  start: (deckId: string) => Promise<T>,
  onSkip: (deckId: string, err: unknown) => void,
): Promise<T & { deckId: string }> {
  let lastError: unknown = new Error('no deck to ask from');
  for (const deckId of order) {
    try {
      return { ...(await start(deckId)), deckId };
    } catch (err) {
      if (order.length === 1 || !isStudybotError(err) || err.code !== 'quiz:not-found') throw err;
      onSkip(deckId, err);
      lastError = err;
    }
  }
  throw lastError;
}
