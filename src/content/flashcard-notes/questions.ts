// Cards of a flashcard note -> flashcard Questions beside the note's other questions: text read as markdown like
// any card's (code kept as code, images resolved), ids hashed as every flashcard's are, numbers after the
// note's own, duplicates served once, and a finding for each card that could not be read.
import type { Finding, Question } from '../types.js';
import type { QuestionsResult } from '../questions.js';
import { questionHash } from '../dialects/read.js';
import { lexBlocks } from '../lexer.js';
import { collectImages, takeImages, type SeenImage } from '../markdown/images.js';
import { blockText, tidy } from '../text.js';
import type { Found, RawCard } from './found.js';
import { obsidianLinks } from './links.js';

/** Findings about unreadable cards past this many are counted in one more. */
export const MAX_CARD_FINDINGS = 20;

interface Context {
  deckId: string;
  path: string;
}

function side(markdown: string): { text: string; images: SeenImage[] } {
  collectImages();
  const text = tidy(blockText(lexBlocks(obsidianLinks(markdown))));
  return { text, images: takeImages() };
}

function toQuestion(card: RawCard, number: string, ctx: Context, findings: Finding[]): Question | undefined {
  const prompt = side(card.prompt);
  const answer = side(card.answer);
  const report = (message: string, code: string) => findings.push({ path: ctx.path, line: card.line, severity: 'warning', message: `${number}: ${message}`, code });
  if (!prompt.text || !answer.text) {
    const message = `flashcard: ${prompt.text ? 'no answer' : 'no question'} once read as markdown; skipped`;
    findings.push({ path: ctx.path, line: card.line, severity: 'warning', message, code: prompt.text ? 'no-answer' : 'no-prompt' });
    return undefined;
  }
  const q: Question = {
    id: `${ctx.deckId}:${questionHash(prompt.text, [])}`,
    deckId: ctx.deckId,
    number,
    kind: 'flashcard',
    prompt: prompt.text,
    options: [],
    correct: [],
    explanation: '',
    answerText: answer.text,
    scored: false,
    source: { path: ctx.path, line: card.line },
  };
  if (card.domain) q.domain = card.domain;
  const shown = (imgs: SeenImage[]) => imgs.filter((i) => i.resolved).map((i) => ({ url: i.url, alt: i.alt }));
  if (shown(prompt.images).length) q.images = shown(prompt.images);
  if (shown(answer.images).length) q.explanationImages = shown(answer.images);
  for (const [where, imgs] of [['', prompt.images], ['answer: ', answer.images]] as const) {
    for (const img of imgs.filter((i) => !i.resolved)) {
      report(`${where}image ${img.src} shown as its alt text${img.alt ? ` "${img.alt}"` : ''}; set \`imageBase:\` in the front matter to show it`, 'image-unresolved');
    }
  }
  return q;
}

/** The note's questions with its flashcard-note cards added (after them, numbered on from them). */
export function withFlashcardNotes(q: QuestionsResult, found: (Found & { layout: string }) | undefined, ctx: Context): QuestionsResult {
  if (!found) return q;
  const findings: Finding[] = [];
  const problems = found.problems.slice(0, MAX_CARD_FINDINGS).map((p) => ({ path: ctx.path, line: p.line, severity: 'warning' as const, message: p.message, code: p.code }));
  const more = found.problems[MAX_CARD_FINDINGS];
  if (more) {
    const rest = found.problems.length - MAX_CARD_FINDINGS;
    problems.push({ path: ctx.path, line: more.line, severity: 'warning', message: `flashcard: ${rest} more card${rest === 1 ? '' : 's'} from here on could not be read`, code: 'unread-cards' });
  }
  findings.push(...problems);

  const used = new Set(q.questions.map((x) => x.number));
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  const added: Question[] = [];
  let n = q.questions.length;
  for (const card of found.cards) {
    do n++;
    while (used.has(String(n)));
    const question = toQuestion(card, String(n), ctx, findings);
    if (!question) {
      n--;
      continue;
    }
    const twin = byId.get(question.id);
    if (twin) {
      findings.push({
        path: ctx.path,
        line: card.line,
        severity: 'warning',
        message: `${question.number}: same question as ${twin.number} (line ${twin.source.line}); serving one copy`,
        code: 'duplicate',
      });
      n--;
      continue;
    }
    byId.set(question.id, question);
    added.push(question);
  }
  // No card read, only a note of scheduled cards it could not read (no deck tag): the note stays what it was.
  if (!found.layout) return { ...q, findings: [...q.findings, ...findings] };
  return {
    ...q,
    questions: [...q.questions, ...added],
    findings: [...q.findings, ...findings],
    found: true,
    covered: [...q.covered, ...found.claimed],
    dialect: q.dialect ? `${q.dialect} + ${found.layout}` : found.layout,
  };
}
