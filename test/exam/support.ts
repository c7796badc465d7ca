// Exam fixtures: the shipped DVA-C02 blueprint and decks mapped to it, built from the content model.
import { readFileSync } from 'node:fs';
import type { Deck, Question } from '../../src/content/types.js';
import { parseBlueprint, type Blueprint } from '../../src/exam/blueprint.js';
import { mapExam, type ExamQuestion } from '../../src/exam/domain-map.js';
import type { Logger } from 'pino';
import { DeckLibrary } from '../../src/content/library.js';
import { createExamStore } from '../../src/db/exam-store.js';
import { createQuizStore, type Database } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import { question } from '../support/decks.js';

export function dva(): Blueprint {
  const { blueprint } = parseBlueprint(readFileSync('content/exams/dva-c02.yml', 'utf8'), 'content/exams/dva-c02.yml');
  return blueprint!;
}

/** A deck in dva-c02 with `perDomain[i]` questions in domain i+1 (4 options, answer B). */
export function examDeck(perDomain: number[], id = 'dev'): Deck {
  const questions: Question[] = [];
  perDomain.forEach((n, d) => {
    for (let i = 0; i < n; i++) {
      const number = `Q${questions.length + 1}`;
      questions.push(question(id, number, { domain: String(d + 1), prompt: `Domain ${d + 1} question ${i + 1}?` }));
    }
  });
  return {
    id,
    path: `content/${id}.md`,
    title: `Deck ${id}`,
    description: '',
    command: id,
    meta: { exam: 'dva-c02' },
    concepts: [],
    questions,
  };
}

export function examQuestions(perDomain: number[], id = 'dev'): ExamQuestion[] {
  return mapExam([examDeck(perDomain, id)], dva()).questions;
}

/** A deterministic random source (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The core with one DVA-C02 deck (6, 5, 4, 3 questions per domain) on `database`, at `now()`, with a
 * seeded draw: `/<command>` (default `dev`, the deck's id).
 */
export function examStudybot(database: Database, now: () => Date, opts: { command?: string; log?: Logger } = {}): ReturnType<typeof createStudybot> {
  const deck = examDeck([6, 5, 4, 3], 'dev');
  return createStudybot({
    store: createQuizStore(database),
    decks: DeckLibrary.fromDecks([opts.command ? { ...deck, command: opts.command } : deck]),
    clock: { now },
    random: seeded(5),
    ...(opts.log ? { log: opts.log } : {}),
    exams: { store: createExamStore(database.db), blueprints: () => [dva()] },
  });
}
