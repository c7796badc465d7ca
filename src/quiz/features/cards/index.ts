// Flashcards (questions with a prompt and an answer text, no options): practice and review serve
// them as cards (serve.ts); this feature owns their two clicks, Show answer and the recall rating.
import type { Feature } from '../../feature.js';
import { rateCard, revealCard } from './rate.js';

export const cards = {
  name: 'cards',
  actions: {
    'card-reveal': (ctx, inv, { roundId, mode }) => revealCard(ctx, inv, roundId, mode),
    'card-rate': (ctx, inv, { roundId, mode, rating }) => rateCard(ctx, inv, roundId, mode, rating),
  },
} satisfies Feature;
