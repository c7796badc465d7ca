// Tests that need a known question scored: `quiz <n>` is an admin's preview and never scores, so a
// test posts a plain `quiz` (open to everyone, scored) while the catalog serves that one question.
//
//   const content = oneQuestionContent([apiGatewayDeck()]);
//   const bot = createStudybot({ store, decks: content.catalog, … });
//   await content.only('Q3', () => talk.say(alice, 'quiz'));   // posts API Gateway Q3, scored
//
// Rounds keep a snapshot of their question, so answers and reveals after `only` see the full deck.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deck } from '../../src/content/types.js';
import type { DeckCatalog } from '../../src/quiz/catalog.js';
import { questionNumber } from '../../src/quiz/decks.js';

export interface OneQuestionContent {
  catalog: DeckCatalog;
  /** Runs `fn` while the deck (default: the first) offers only question `number` (`Q3`, `3`). */
  only<T>(number: string, fn: () => Promise<T>, deckId?: string): Promise<T>;
}

export function oneQuestionContent(decks: Deck[]): OneQuestionContent {
  let pinned: { deckId: string; questionId: string } | null = null;
  const served = (d: Deck): Deck => (pinned?.deckId === d.id ? { ...d, questions: d.questions.filter((q) => q.id === pinned!.questionId) } : d);
  const catalog: DeckCatalog = {
    decks: () => decks.map(served),
    byCommand: (command) => {
      const d = decks.find((x) => x.command === command.toLowerCase());
      return d && served(d);
    },
    byId: (id) => {
      const d = decks.find((x) => x.id === id);
      return d && served(d);
    },
  };
  return {
    catalog,
    async only(number, fn, deckId = decks[0]!.id) {
      const deck = decks.find((d) => d.id === deckId);
      const wanted = number.replace(/^q/i, '');
      const question = deck?.questions.find((q) => q.number === number || questionNumber(q) === wanted);
      if (!question) throw new Error(`test setup: ${deckId} has no question ${number}`);
      pinned = { deckId, questionId: question.id };
      try {
        return await fn();
      } finally {
        pinned = null;
      }
    },
  };
}

/**
 * For a real process (src/main.ts): a temporary CONTENT_DIR whose API Gateway note keeps only
 * question `number` (`Q1`), so its plain `/apigw quiz` posts that question, scored.
 */
export function oneQuestionFolder(number: string): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const note = readFileSync(join(root, 'content/api-gateway.md'), 'utf8');
  const [head, ...questions] = note.split(/^(?=### Q\d+\s*$)/m);
  const kept = questions.filter((q) => q.startsWith(`### ${number}\n`) || q.startsWith(`### ${number}\r`));
  if (kept.length !== 1) throw new Error(`test setup: content/api-gateway.md has no single ${number}`);
  const dir = mkdtempSync(join(tmpdir(), 'studybot-one-question-'));
  writeFileSync(join(dir, 'api-gateway.md'), head + kept[0]!);
  cpSync(join(root, 'content/exams'), join(dir, 'exams'), { recursive: true });
  return dir;
}
