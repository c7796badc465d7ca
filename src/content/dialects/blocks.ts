// Where the questions of a note are: headings (`### Q3`, `### Which …?` over a task list, any heading
// inside a `## Questions` section or a `## Q11 - Q20` group) or ordered-list items with nested options.
import type { Tokens } from 'marked';
import { lexBlocks, lexInline } from '../lexer.js';
import { dropCodeMarks } from '../code-spans.js';
import { childrenOf, headingText, headingWithCode, locateWithin, type LineMap, type Located } from '../markdown.js';
import { inlineText, tidy } from '../text.js';
import { blockTextNumbered } from '../markdown/list-text.js';
import { ANSWER_LINE, ANSWER_WORDS } from './answer.js';
import { DOMAIN_LINE, domainOf } from './body.js';
import { boldAnswered } from './bold-answer.js';
import { splitAtSecondList } from './after-options.js';
import { examTopicsBody, examTopicsNumber } from './exam-topics.js';
import { keyedOptions, type KeyEntry } from './answer-key.js';
import { noteBullets } from './learner-notes.js';
import { letteredList, OPTION_LINE } from './options.js';
import { hasTick, withoutLeadMarks } from './option-marks.js';

/** `## Questions`, also in the note's own language and with a qualifier (`## Practice questions`). */
export const QUESTIONS_SECTION = new RegExp(
  '^(?:[^\\p{L}\\p{N}]*)(?:(?:practice|sample|exam|review|test|quiz)\\s+)?(?:questions?|quiz(?:zes)?|fragen|übungsfragen|testfragen|' +
    'preguntas|questões|questoes|questions\\s+d[\'’]entra[iî]nement|domande|vragen|pytania|вопросы|問題|質問|문제|题目|问题|' +
    'sorular|kérdések|otázky|kysymykset|frågor|spørsmål|spørgsmål|întrebări)(?:$|[\\s:.(—–-])',
  'iu',
);
/** `## Q11 - Q20`, `## Questions 21–30`, `### 1 to 10`, `## Q11-20` */
export const RANGE_GROUP = /^(?:q(?:uestions?)?\s*)?(\d+)\s*(?:-|–|—|to|bis|a)\s*(?:q\s*)?(\d+)\s*[:.)]?$/i;
/** `## Part 2`, `## Set B`, `## Teil 3` */
const PART_GROUP = /^(?:part|set|section|round|block|batch|exam|test|practice\s+(?:exam|test|set)|teil|parte|partie|часть)\s*[#:.-]?\s*(?:\d+|[ivx]+|[a-z])\b/i;
/** `### Q3`, `### 7`, `### Question 12`, `### Q4.`, `### 12)`, `### Frage 3`, `### #12`, `### 문제 3.`, `### 3️⃣` (a keycap) */
export const QUESTION_HEADING =
  /^(?:(q(?:uestion)?|frage|pregunta|quest[ãa]o|question|domanda|vraag|pytanie|вопрос|問題?|질문|문제|soru|câu(?:\s+hỏi)?|exercise|exercice|ejercicio|exerc[íi]cio|esercizio|übung|aufgabe)\s*(?:n[o°º]\.?\s*)?(?:#\s*[:.]?)?\s*)?#?(\d+)(?:\uFE0F?\u20E3)?(?![,.]?\d|\p{L})[.):]?/iu;
/** At the level of `## Questions` itself only a bare `## Q3` / `## 3` counts as a question. */
const BARE_QUESTION_HEADING = /^(?:q(?:uestion)?\s*)?\d+\s*[.):]?$/i;
/** A README's own sections: never questions, even with a task list under them. */
const README_SECTION =
  /^(?:[^\p{L}\p{N}]*)(?:table\s+of\s+contents|contents|toc|contribut\w*|licen[cs]e|support|sponsors?|credits|acknowledg\w*|changelog|course\s+updates|roadmap|to-?do|features|installation|usage|requirements|prerequisites|about|introduction|disclaimer|who\s+this\s+course\s+is\s+for|how\s+to\s+(?:use|contribute))\s*[:.!]?\s*$/iu;

/** `## ✅ Domínio: Cloud Concepts (26%)`, `## Domain 2 - Security`, `## 🌩️ Dominio 1: Conceptos de la Nube (Preguntas 1-16)` */
const DOMAIN_SECTION = /^[^\p{L}\p{N}]*(?:exam\s+)?(?:domain|dom[íi]nio|dominio|domaine|dom[ée]ne)\s*(?:\d{1,2}(?:\.\d)?)?\s*[:：.\-–—]\s*(\S.*)$/iu;
/** The domain a section heading names, without its weight or question range (`(26%)`, `(Preguntas 1-16)`). */
const domainSection = (text: string): string | undefined =>
  DOMAIN_SECTION.exec(text)?.[1]?.replace(/\s*\([^()]*\d[^()]*\)\s*$/, '').trim() || undefined;

/** `#### Q. Which …?`, `### Question: …` (a label, no number) */
const Q_LABEL = /^q(?:uestion)?\s*[.:]\s/i;

/** A heading that reads like a question: ends with "?" or ":", asks to choose, or is a long sentence. */
const QUESTION_LIKE = /[?？:：]\s*$|\b(?:which|what|why|how|when|where|who|choose|select|true or false)\b|^(?:\S+\s+){7,}\S/i;

export interface Group {
  label: string;
  start?: number;
  end?: number;
  depth: number;
  index: number;
}

export interface QuestionBlock {
  /** 'heading' also covers a numbered paragraph standing in for one (`**Q1. Which …?**`). */
  origin: 'heading' | 'list-item';
  /** The heading text (code spans marked, see code-spans.ts), or '' for list items. */
  written: string;
  line: number;
  /** End of the question in the source (for `<details>` regions that run to their close). */
  end: number;
  group?: Group;
  /** Under a `## Questions` heading (the seed note's layout). */
  inSection?: boolean;
  /** Position of the list item in its list (list items only), and which list. */
  item?: { list: number; position: number };
  /** The top-level list a list-item question sits in. */
  container?: Located;
  /** A top-level list of note bullets the question's options sit in (`- AWS Snowball: …` over `- A. …`). */
  borrowed?: Located;
  /** A learner's notes between the prompt and the options: shown with the explanation (learner-notes.ts). */
  notes?: Located[];
  /** A list item that is a prompt over one `- **Answer**: …` bullet: a flashcard (prompt and answer text). */
  card?: { prompt: string; answer: string; explanation?: string };
  body: Located[];
  /** The `## Domain: Security` section the question sits in. */
  domain?: string;
  /** An ExamTopics `Suggested Answer: BC` line, taken out of the body (exam-topics.ts). */
  suggested?: { answer: string; line: number };
}

export interface BlocksFound {
  blocks: QuestionBlock[];
  /** The `## Part 2` / `## Section 3` group each top-level block sits in (for questions outside headings). */
  groupOf: Map<Located, Group>;
  /** Line of the first `## Questions` heading or question group, if any. */
  sectionLine?: number;
  groups: number;
}

const isList = (b: Located): b is Located<Tokens.List> => b.token.type === 'list';
const taskItems = (body: Located[]): number =>
  body.reduce((n, b) => n + (isList(b) ? b.token.items.filter((i) => i.task).length : 0), 0);

/** Options with a check mark on some of them: `- C. S3 ✅`, `- ✅ A. Lambda`, `A. DynamoDB ☑️` lines. */
function tickedOptions(b: Located): boolean {
  const lines = isList(b) ? b.token.items.map((i) => `- ${withoutLeadMarks(i.text)}`) : b.token.type === 'paragraph' ? b.token.raw.split('\n').filter((l) => OPTION_LINE.test(l)) : [];
  const ticked = lines.filter(hasTick).length;
  return lines.length >= 2 && ticked > 0 && ticked < lines.length && lines.every((l) => OPTION_LINE.test(l));
}

/** `✔ DNS resolution is off`: every line of a paragraph led by a check mark, the answer under a question heading. */
export const tickedLines = (b: Located): boolean =>
  b.token.type === 'paragraph' && b.token.raw.replace(/\n+$/, '').split('\n').every((l) => /^[ \t]*(?:✅|✔|☑|✓)/u.test(l));

/** Evidence that a numbered heading outside any Questions section really is a question. */
function answered(body: Located[]): boolean {
  return body.some(
    (b) =>
      /<details\b|<mark\b/i.test(b.token.raw) ||
      (b.token.type === 'paragraph' && ANSWER_LINE.test(b.token.raw)) ||
      (isList(b) && b.token.items.some((i) => i.task && i.checked)) ||
      tickedLines(b) ||
      (isList(b) && b.token.items.length >= 2 && b.token.items.every((i) => OPTION_LINE.test(`- ${withoutLeadMarks(i.text)}`))) ||
      tickedOptions(b),
  );
}

/** A `### Question` / `### Answer Options` / `### Explanation` heading deeper than the `## Question 1` above it. */
function partOf(chunk: Chunk | undefined, h: Located<Tokens.Heading>): 'label' | 'answer' | undefined {
  if (!chunk || h.token.depth < chunk.heading.token.depth) return undefined;
  if (!QUESTION_HEADING.test(dropCodeMarks(headingWithCode(chunk.heading.token)))) return undefined;
  const text = dropCodeMarks(headingWithCode(h.token));
  // `### Answer Key` / `### Explanation` at the depth of `### Question 1` itself (a course quiz's layout) answer it too.
  if (h.token.depth === chunk.heading.token.depth) return SAME_DEPTH_ANSWER.test(text) ? 'answer' : undefined;
  return PART_LABEL.test(text) ? 'label' : PART_ANSWER.test(text) ? 'answer' : undefined;
}
const SAME_DEPTH_ANSWER = /^(?:answer\s+key|(?:correct\s+)?answers?|explanations?|distractor\s+analysis|rationale)\s*:?$/i;
/** `### Answer Key` / `### Explanation` heading lines: labels of the answer region, not its text. */
export const ANSWER_PART_LINE =
  /^[ \t]{0,3}#{1,6}[ \t]+[*_]{0,2}(?:answer\s+key|(?:correct\s+)?answers?|explanations?|(?:model|worked)\s+solutions?(?:\s*(?:&|and)\s*marking\s+scheme)?|marking\s+scheme)[*_]{0,2}[ \t]*:?[ \t]*$/gim;

/** `<details>` opened minus closed in a block's raw text. */
const detailsDepth = (raw: string): number => (raw.match(/<details\b/gi)?.length ?? 0) - (raw.match(/<\/details\s*>/gi)?.length ?? 0);

interface Chunk {
  heading: Located<Tokens.Heading>;
  body: Located[];
  /** `**Domain:** …` written above a `### Question` part heading. */
  domain?: string;
}

/** Part headings under `## Question 1`: labels only (`### Question`, `### Answer Options`), dropped. */
const PART_LABEL = /^(?:question|prompt|(?:answer\s+)?options|choices)\s*:?$/i;
/** Part headings that open the answer or its explanation, kept as text of the answer region. */
const PART_ANSWER = /^(?:(?:correct\s+)?answers?|explanations?|solution|(?:model|worked|step[- ]by[- ]step)\s+solutions?(?:\s*(?:&|and)\s*marking\s+scheme)?|marking\s+scheme)\s*:?$/i;

/** Questions under headings; also returns the top-level blocks no heading question claimed. `key`: the note's answer key (answerKey). */
export function headedBlocks(blocks: Located[], lines: LineMap, key: Map<number, KeyEntry>): BlocksFound & { rest: Located[] } {
  const rest: Located[] = [];
  const chunks: Chunk[] = [];
  // `### ✅ Correct Answer:` / `### 📘 Explanation:` inside an open `<details>` are part of the answer, not
  // questions of their own; a numbered question heading still starts one (a `<details>` left unclosed).
  let open = 0;
  let ended = false;
  for (const b of blocks) {
    const inside = open > 0 && b.token.type === 'heading' && !QUESTION_HEADING.test(dropCodeMarks(headingWithCode(b.token as Tokens.Heading)));
    const part = b.token.type === 'heading' && !inside ? partOf(chunks.at(-1), b as Located<Tokens.Heading>) : undefined;
    if (part === 'label') {
      // `**Topic:** …` / `**Domain:** …` above `### Question` are the question's details, not its prompt.
      const chunk = chunks.at(-1) as Chunk;
      if (/^(?:question|prompt)\b/i.test(headingText(b.token as Tokens.Heading)) && !chunk.body.some((x) => x.token.type === 'heading')) {
        for (const x of chunk.body) chunk.domain ??= domainOf(DOMAIN_LINE.exec(x.token.raw));
        chunk.body = [];
      }
    } else if (part === 'answer') (chunks.at(-1) as Chunk).body.push(b);
    else if (b.token.type === 'heading' && !inside) {
      chunks.push({ heading: b as Located<Tokens.Heading>, body: [] });
      open = 0;
      // `質問#28 トピック1` opens the next question of a saved exam page: it ends a heading's body (`### 1. Live Response`).
    } else if (chunks.length && !(ended ||= b.token.type === 'paragraph' && EXAM_TOPICS_HEADER.test(b.token.raw.trimStart().split('\n')[0]?.trim() ?? ''))) (chunks.at(-1) as Chunk).body.push(b);
    else rest.push(b);
    if (b.token.type === 'heading' && !inside && part === undefined) ended = false;
    if (b.token.type === 'html' || b.token.type === 'paragraph') open = Math.max(0, open + detailsDepth(b.token.raw));
  }
  const out: QuestionBlock[] = [];
  let sectionDepth = 0;
  let sectionLine: number | undefined;
  let group: Group | undefined;
  let groups = 0;
  let section: { domain: string; depth: number } | undefined;
  const onlyTasks = new Set<QuestionBlock>();
  const groupOf = new Map<Located, Group>();
  chunks.forEach((chunk, i) => {
    const { heading, body } = chunk;
    const depth = heading.token.depth;
    const written = headingWithCode(heading.token);
    const text = dropCodeMarks(written);
    const end = chunks[i + 1]?.heading.offset ?? lines.text.length;
    if (group && depth <= group.depth) group = undefined;
    if (section && depth <= section.depth) section = undefined;
    const domain = depth <= 3 && !QUESTION_HEADING.test(text) ? domainSection(text) : undefined;
    if (domain) {
      section = { domain, depth };
      rest.push(...body);
      return;
    }
    const inGroup = (g: Group | undefined) => g && body.forEach((b) => groupOf.set(b, g));
    // `# Quiz: Module 4 - Containers` is the document's title, not a Questions section over every heading below it.
    const title = depth === 1 && /[:：\-–—]\s*\S/.test(text);
    if (depth <= 2 && QUESTIONS_SECTION.test(text) && !QUESTION_HEADING.test(text) && !title) {
      sectionDepth = depth;
      sectionLine ??= heading.line;
      group = undefined;
      rest.push(...body);
      return;
    }
    const range = RANGE_GROUP.exec(text);
    if (range || (PART_GROUP.test(text) && depth <= 3)) {
      group = { label: text, depth, index: groups++, ...(range ? { start: Number(range[1]), end: Number(range[2]) } : {}) };
      if (range) sectionLine ??= heading.line;
      inGroup(group);
      rest.push(...body);
      return;
    }
    inGroup(group);
    if (sectionDepth && depth <= sectionDepth && !BARE_QUESTION_HEADING.test(text)) sectionDepth = 0;
    const readme = README_SECTION.test(text);
    const inSection = sectionDepth > 0 && !readme;
    const inRangeGroup = group?.start !== undefined && !readme;
    // `## Exam GH-200 topic 1 question 2 discussion`: read as `## Question 2` over the page without its boilerplate.
    // Also a saved page's `### Question #12*Topic 1*` (the emphasis gone, `12Topic` reads as no number).
    const examTopics = examTopicsNumber(text) ?? EXAM_TOPICS_HEADER.exec(text.trim())?.[1];
    const numbered = QUESTION_HEADING.test(text) || examTopics !== undefined;
    const question =
      inSection ||
      inRangeGroup ||
      (!readme && taskItems(body) >= 2) ||
      (numbered && (answered(body) || keyedOptions(Number(QUESTION_HEADING.exec(text)?.[2] ?? examTopics), body, key))) ||
      (group !== undefined && numbered) ||
      (!readme && (Q_LABEL.test(text) || QUESTION_LIKE.test(text)) && boldAnswered(body, Q_LABEL.test(text)));
    if (!question) {
      rest.push(...body);
      return;
    }
    const page = examTopics === undefined ? undefined : examTopicsBody(body, lines);
    const block: QuestionBlock = {
      origin: 'heading',
      written: examTopics === undefined ? written : `Question ${examTopics}`,
      line: heading.line,
      end,
      ...(group ? { group } : {}),
      ...(inSection ? { inSection } : {}),
      ...(section ? { domain: section.domain } : chunk.domain ? { domain: chunk.domain } : {}),
      body: page?.body ?? body,
      ...(page?.suggested ? { suggested: page.suggested } : {}),
    };
    if (!inSection && !inRangeGroup && !numbered && !(group !== undefined && numbered)) onlyTasks.add(block);
    out.push(block);
  });
  // A bank has many task-list questions; one or two task lists in a study note are checklists unless
  // their heading reads like a question.
  const kept = onlyTasks.size >= 3 ? out : out.filter((b) => !onlyTasks.has(b) || QUESTION_LIKE.test(dropCodeMarks(b.written)));
  for (const b of out) if (!kept.includes(b)) rest.push(...b.body);
  return { blocks: kept.flatMap(splitAtSecondList), groups, groupOf, rest, ...(sectionLine === undefined ? {} : { sectionLine }) };
}

/** Ordered-list items that hold their own options (`1. Which …?` over an indented `- A. …` list). */
export function listItemBlocks(blocks: Located[], lines: LineMap): QuestionBlock[] {
  const out: QuestionBlock[] = [];
  let listIndex = 0;
  blocks.forEach((b, at) => {
    if (!isList(b) || !b.token.ordered) return;
    const list = b.token;
    const start = typeof list.start === 'number' ? list.start : 1;
    let cursor = b.offset;
    const located = list.items.map((item) => {
      const offset = locateWithin(lines.text, item.raw, cursor);
      cursor = offset + 1;
      return { item, offset };
    });
    // `8. Which …?` over a column-0 `- note` bullet that holds the options: the bullet list is the item's rest.
    const lastItem = list.items.at(-1);
    const next = blocks.slice(at + 1).find((x) => x.token.type !== 'space');
    const borrowed = lastItem && !holdsOptions(lastItem) && !cardOf(lastItem) ? noteBullets(next, lines) : undefined;
    const questions = located.filter(({ item }) => holdsOptions(item) || cardOf(item) || (borrowed && item === lastItem));
    if (!questions.length || questions.length < list.items.length / 2) return;
    located.forEach(({ item, offset }, position) => {
      const card = holdsOptions(item) ? undefined : cardOf(item);
      const borrows = borrowed && item === lastItem ? borrowed : undefined;
      if (!card && !holdsOptions(item) && !borrows) return;
      const end = borrows?.end ?? located[position + 1]?.offset ?? b.offset + list.raw.length;
      out.push({
        ...(card ? { card } : {}),
        origin: 'list-item',
        written: '',
        line: lines.lineAt(offset),
        end,
        item: { list: listIndex, position: start + position },
        container: b,
        body: [...childrenOf(item, offset, lines), ...(borrows?.body ?? [])],
        ...(borrows ? { notes: borrows.notes, borrowed: next as Located } : {}),
      });
    });
    listIndex++;
  });
  return out;
}

/** `- **Answer**: …` / `- Answer:` (the answer may continue on the lines below, e.g. as its own bullets). */
const ANSWER_BULLET = /^[ \t]*[*_]{0,2}(?:answer|ans)[*_]{0,2}[ \t]*[:：][*_]{0,2}[ \t]*/i;

/**
 * An indented line under the prompt that gives the answer: `答:S3`, `答：…`, `Answer: …`, `A: …` (Q/A style),
 * `정답: 예`, `Antwort: …` (every answer word answer lines take, in any language).
 */
const ANSWER_CONTINUATION = new RegExp(`^[ \\t]*[*_]{0,2}(?:${ANSWER_WORDS}|a)[*_]{0,2}[ \\t]*[:：][*_]{0,2}[ \\t]*(?=\\S)`, 'i');
/** `B: …` under an `A: …` line: options written with colons, not a Q/A pair. */
const SECOND_COLON_OPTION = /^[ \t]*B[ \t]*[:：]/m;

/** `1. Which …?` with `答:S3` / `Answer: …` on an indented line below (no nested list): prompt and answer. */
function continuationCard(own: Tokens.Text | Tokens.Paragraph): { prompt: string; answer: string } | undefined {
  const rawLines = own.raw.replace(/\n+$/, '').split('\n');
  const at = rawLines.findIndex((l, i) => i > 0 && ANSWER_CONTINUATION.test(l));
  if (at < 1 || SECOND_COLON_OPTION.test(rawLines.slice(at + 1).join('\n'))) return undefined;
  if (rawLines.slice(0, at).some((l) => OPTION_LINE.test(l))) return undefined;
  const prompt = tidy(inlineText(lexInline(rawLines.slice(0, at).map((l) => l.trim()).join('\n'))));
  const answerRaw = [(rawLines[at] ?? '').replace(ANSWER_CONTINUATION, ''), ...rawLines.slice(at + 1)].map((l) => l.trim()).join('\n');
  const answer = tidy(blockTextNumbered(lexBlocks(answerRaw)));
  return prompt && answer ? { prompt, answer } : undefined;
}

/** Interview-style Q&A: `1. **What is X?**` over a single `- **Answer**: …` bullet, or an `答:` / `Answer:` line. */
function cardOf(item: Tokens.ListItem): { prompt: string; answer: string } | undefined {
  const own = item.tokens.find((t): t is Tokens.Text | Tokens.Paragraph => t.type === 'text' || t.type === 'paragraph');
  const nested = item.tokens.find((t): t is Tokens.List => t.type === 'list');
  if (own && !nested) return continuationCard(own);
  const first = nested?.items[0];
  if (!own || !nested || nested.items.length !== 1 || !first || !ANSWER_BULLET.test(first.text)) return undefined;
  const prompt = tidy(inlineText(own.tokens?.length ? own.tokens : lexInline(own.text)));
  const answer = tidy(blockTextNumbered(lexBlocks(first.text.replace(ANSWER_BULLET, ''))));
  return prompt && answer ? { prompt, answer } : undefined;
}

function holdsOptions(item: Tokens.ListItem): boolean {
  const nested = item.tokens.filter((t): t is Tokens.List => t.type === 'list');
  // The first nested list of two or more items, or lettered options after a `\t1. note` line.
  if (nested.some((l, i) => l.items.length >= 2 && (i === 0 || letteredList(l)))) return true;
  const own = item.tokens.find((t) => t.type === 'text' || t.type === 'paragraph');
  return own ? own.raw.split('\n').filter((l) => OPTION_LINE.test(l)).length >= 2 : false;
}

/** `**Q1. Which …?**`, `Question 3: …`, `**12)** …`: a paragraph that opens a question the way a heading would. */
const NUMBERED_PARAGRAPH = /^(?:[*_]{2}\s*(?:q(?:uestion)?\s*(?:#|no\.?)?\s*)?\d{1,4}\s*[*_]{0,2}\s*[.):]|[*_]{0,2}q(?:uestion)?\s*(?:#|no\.?)?\s*\d{1,4}\b)/i;

/**
 * An ExamTopics page saved as text: `Question #12*Topic 1*` (emphasis, spaces and `#` vary), or its Japanese
 * translation `質問#21 トピック1`, alone on its line over the prompt. Group 1 is the question's number.
 */
const EXAM_TOPICS_HEADER = /^[*_]{0,2}(?:question|質問|问题|問題)[ \t]*#[ \t]*(\d{1,4})[ \t*_]*(?:topic|トピック|主题)[ \t]*\d{1,3}[ \t*_]*$/i;

/** A line that goes on with the prompt: not an option, answer, explanation or domain line. */
const continuesPrompt = (line: string): boolean => line.trim() !== '' && !OPTION_LINE.test(line) && !ANSWER_LINE.test(line) && !/^[ \t]*[-*+>|]/.test(line);

/**
 * Questions that open with a numbered paragraph instead of a heading, each running to the next such
 * paragraph or heading; kept only when they have options or an answer.
 */
export function paragraphBlocks(blocks: Located[], taken: Set<Located>, lines: LineMap, groupOf = new Map<Located, Group>()): QuestionBlock[] {
  const out: QuestionBlock[] = [];
  let current: QuestionBlock | undefined;
  const close = (end: number) => {
    if (current && (answered(current.body) || current.body.some((b) => isList(b) && b.token.items.length >= 2))) out.push({ ...current, end });
    current = undefined;
  };
  for (const b of blocks) {
    if (b.token.type === 'heading' || taken.has(b)) {
      close(b.offset);
      continue;
    }
    const raw = b.token.raw.trimStart();
    const examTopics = b.token.type === 'paragraph' ? EXAM_TOPICS_HEADER.exec(raw.split('\n')[0]?.trim() ?? '') : null;
    if (examTopics) {
      // The header is the question's number only: the prompt is what follows, on its lines or in the next blocks.
      close(b.offset);
      const rest = raw.replace(/\n+$/, '').split('\n').slice(1).join('\n');
      const at = b.offset + raw.indexOf('\n') + 1;
      const body: Located[] = rest.trim() ? lexBlocks(rest).filter((t) => t.type !== 'space').map((token) => ({ token, offset: at, line: b.line + 1 })) : [];
      const group = groupOf.get(b);
      current = { origin: 'heading', written: `Question ${examTopics[1]}`, line: b.line, end: lines.text.length, body, ...(group ? { group } : {}) };
      continue;
    }
    if (b.token.type === 'paragraph' && NUMBERED_PARAGRAPH.test(raw)) {
      close(b.offset);
      const [head = '', ...tail] = raw.replace(/\n+$/, '').split('\n');
      // `**Q1. (True/False)** \`a =` / `b\` …`: a prompt that runs on after the label is hard-wrapped; its lines are
      // one prompt (a line break is a space, a code span may cross it). A label alone (`**Q3. Networking**`) stays a title.
      let wrapped = 0;
      if (/^[*_]{2}[^*_\n]+[*_]{2}[ \t]*\S/.test(head) || !/^[*_]/.test(head)) {
        while (wrapped < tail.length && !/[?:.!？：。][*_]*[ \t]*$/.test([head, ...tail.slice(0, wrapped)].at(-1) ?? '') && continuesPrompt(tail[wrapped] ?? '')) wrapped++;
      }
      const first = [head, ...tail.slice(0, wrapped)].join('\n');
      const more = tail.slice(wrapped);
      const rest = more.join('\n');
      const body: Located[] = rest.trim()
        ? lexBlocks(rest)
            .filter((t) => t.type !== 'space')
            .map((token) => ({ token, offset: b.offset + first.length + 1, line: b.line + 1 }))
        : [];
      const group = groupOf.get(b);
      current = { origin: 'heading', written: tidy(inlineText(lexInline(first)).replace(/[ \t]*\n[ \t]*/g, ' ')), line: b.line, end: lines.text.length, body, ...(group ? { group } : {}) };
      continue;
    }
    current?.body.push(b);
  }
  close(lines.text.length);
  return out;
}
