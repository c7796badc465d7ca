// Questions of a note in any layout the parser knows (see dialects/): where they are, their numbers,
// each one read, duplicates served once, and the name of the layout.
import type { Finding, Question } from './types.js';
import type { LineMap, Located } from './markdown.js';
import { answerKey } from './dialects/answer-key.js';
import { headedBlocks, listItemBlocks, paragraphBlocks, type QuestionBlock } from './dialects/blocks.js';
import { DIALECTS, nameDialect, type Traits } from './dialects/detect.js';
import { NO_ANSWER, NO_ANSWER_IN_DETAILS, SEED_NO_ANSWER, SEED_NO_ANSWER_IN_DETAILS } from './dialects/verify.js';
import { assignNumbers } from './dialects/numbering.js';
import { markedOptionBlocks } from './dialects/marked-options.js';
import { answeredOptionBlocks } from './dialects/answered-options.js';
import { readQuestion, type QuestionContext } from './dialects/read.js';
import { summaryCards } from './dialects/summary-cards.js';
import { calloutCards } from './dialects/callout-cards.js';
import { paragraphCards } from './dialects/paragraph-cards.js';

export { questionHash } from './dialects/read.js';
export type { QuestionContext } from './dialects/read.js';

export interface QuestionsResult {
  questions: Question[];
  findings: Finding[];
  /** Line of the first `## Questions` heading or question group, if any. */
  sectionLine?: number;
  /** The layout recognised, e.g. "seed note", "task-list bank"; undefined when no question was found. */
  dialect?: string;
  /** True when the file had places that look like questions (even if none could be read). */
  found: boolean;
  /** First and last line of every question place read (served, or reported with a finding). */
  covered: [number, number][];
}

interface Read {
  block: QuestionBlock;
  /** 1-based position among all question places of the file (skipped ones included). */
  position: number;
  provisional: string;
  question?: Question;
  findings: Finding[];
  traits: Traits;
}

/** The blocks each card (in file order) spans, from its line to its end, walked once (20,000 cards took seconds). */
function takeCovered(cards: QuestionBlock[], blocks: Located[], taken: Set<Located>): void {
  let k = 0;
  for (const c of [...cards].sort((a, b) => a.line - b.line)) {
    while (k < blocks.length && (blocks[k] as Located).line < c.line) k++;
    for (let j = k; j < blocks.length && (blocks[j] as Located).offset < c.end; j++) taken.add(blocks[j] as Located);
  }
}

export function extractQuestions(blocks: Located[], ctx: QuestionContext & { lines: LineMap }): QuestionsResult {
  const key = answerKey(blocks);
  const headed = headedBlocks(blocks, ctx.lines, key);
  const listed = listItemBlocks(headed.rest, ctx.lines);
  const taken = new Set<Located>([...headed.blocks.flatMap((b) => b.body), ...listed.flatMap((b) => [b.container, b.borrowed]).filter((c): c is Located => c !== undefined)]);
  const paragraphs = paragraphBlocks(blocks, taken, ctx.lines, headed.groupOf);
  for (const p of paragraphs) for (const b of p.body) taken.add(b);
  const marked = markedOptionBlocks(blocks, taken, ctx.lines, headed.groupOf);
  for (const m of marked) for (const b of m.body) taken.add(b);
  const cards = summaryCards(blocks, taken, ctx.lines, headed.groupOf);
  // A collapsible card's blocks (its body may be empty: a card keeps its text) are not read again.
  takeCovered(cards, blocks, taken);
  const callouts = calloutCards(blocks, taken, ctx.lines, headed.groupOf);
  takeCovered(callouts, blocks, taken);
  const answered = answeredOptionBlocks(blocks, taken, ctx.lines, headed.groupOf);
  for (const a of answered) for (const b of a.body) taken.add(b);
  const paragraphed = paragraphCards(blocks, taken, ctx.lines, headed.groupOf);
  const all = [...headed.blocks, ...listed, ...paragraphs, ...marked, ...answered, ...cards, ...callouts, ...paragraphed].sort((a, b) => a.line - b.line);
  const provisional = assignNumbers(all, ctx.path).numbers;
  if (key.size) ctx = { ...ctx, key };

  const reads: Read[] = all.map((block, i) => {
    const findings: Finding[] = [];
    const number = provisional[i] as string;
    const r = readQuestion(block, number, ctx, findings);
    return {
      block,
      position: i + 1,
      provisional: number,
      ...(r.question ? { question: r.question } : {}),
      findings,
      traits: { origin: block.origin, kind: r.question?.kind ?? 'choice', tasks: r.tasks, answer: r.answer, grouped: block.group !== undefined },
    };
  });

  // Duplicates inside the file: the first copy is served, each later copy reported once.
  const findings: Finding[] = [];
  const byId = new Map<string, Read>();
  const kept: Read[] = [];
  for (const r of reads) {
    const q = r.question;
    if (!q) {
      findings.push(...r.findings);
      continue;
    }
    const twin = byId.get(q.id);
    if (twin?.question) {
      findings.push(...r.findings, {
        path: ctx.path,
        line: q.source.line,
        severity: 'warning',
        message: `${r.provisional}: same question as ${twin.question.number} (line ${twin.question.source.line}); serving one copy`,
        code: 'duplicate',
      });
      continue;
    }
    byId.set(q.id, r);
    kept.push(r);
  }

  // Final numbers over the questions served; findings written with the provisional number follow it.
  const final = assignNumbers(kept.map((r) => r.block), ctx.path, kept.map((r) => r.position));
  findings.push(...final.findings);
  kept.forEach((r, i) => {
    const number = final.numbers[i] as string;
    const q = r.question as Question;
    if (number !== r.provisional) {
      for (const f of r.findings) if (f.message.startsWith(`${r.provisional}: `)) f.message = `${number}: ${f.message.slice(r.provisional.length + 2)}`;
    }
    q.number = number;
    findings.push(...r.findings);
  });

  const dialect = nameDialect(reads.filter((r) => r.question).map((r) => r.traits), headed.groups);
  if (dialect !== DIALECTS.seed) {
    for (const f of findings) {
      if (f.code !== 'no-answer') continue;
      f.message = f.message.replace(SEED_NO_ANSWER, NO_ANSWER).replace(SEED_NO_ANSWER_IN_DETAILS, NO_ANSWER_IN_DETAILS);
    }
  }
  return {
    questions: kept.map((r) => r.question as Question),
    findings,
    found: all.length > 0 || headed.sectionLine !== undefined,
    covered: all.map((b) => [b.line, Math.max(b.line, ctx.lines.lineAt(Math.max(0, b.end - 1)))]),
    ...(headed.sectionLine === undefined ? {} : { sectionLine: headed.sectionLine }),
    ...(dialect ? { dialect } : {}),
  };
}
