// The deck model: what the content engine produces from a markdown study note.
// Everything user-visible here is plain text (markdown emphasis, HTML, comments and
// Hugo shortcodes removed; links kept as "text (url)" when absolute, "text" when relative),
// except inline code: prompts, options, explanations, answers and concept texts keep it as
// markdown code spans (`sam build`; see code-spans.ts). Titles, group and concept names hold none.

export type Severity = 'error' | 'warning';

/** One lint finding, printed as `path:line: severity: message`. */
export interface Finding {
  path: string;
  line: number;
  severity: Severity;
  message: string;
  /** Machine-readable kind of finding, e.g. 'no-answer', 'answer-range', 'duplicate', 'frontmatter'. */
  code?: string;
}

export interface SourceRef {
  path: string;
  line: number;
}

export interface QuestionOption {
  /** The label as the note writes it ("A", "B", … or "1", "2", …); answers refer to it. */
  id: string;
  text: string;
  /** The image the option shows, URL resolved (its text then reads "alt (url)"). */
  image?: { url: string; alt: string };
}

export interface Question {
  /** Stable: deck id + hash of the normalised prompt and options, never the position. */
  id: string;
  deckId: string;
  /**
   * Digits with an optional "Q" ("Q3", "7"), unique in the deck: the heading's number as written, or the
   * running number when a file's numbering restarts per group or its questions have no numbers.
   */
  number: string;
  /** 'choice' has options; 'flashcard' has a prompt and an answer text only. */
  kind: 'choice' | 'flashcard';
  prompt: string;
  options: QuestionOption[];
  /** Option ids of the correct answer(s); empty for flashcards. */
  correct: string[];
  /** The rest of the explanation `<div>`, as plain text (may be empty); its images read "alt (url)". */
  explanation: string;
  /** Images in the explanation (or in a flashcard's answer taken from it), URLs resolved. */
  explanationImages?: { url: string; alt: string }[];
  /** For flashcards: the answer text. */
  answerText?: string;
  /** False when the question is excluded from scored play (no answer, bad answer…). */
  scored: boolean;
  /** The `## Q11 - Q20` group heading the question sits under, if any. */
  group?: string;
  /** Images in the prompt, URLs resolved (the prompt text shows them as "alt (url)"). */
  images?: { url: string; alt: string }[];
  /** Exam domain (raw text, e.g. "2" or "Security"): a `Domain:` line in the question, a CSV column or the deck's `domain:`. */
  domain?: string;
  source: SourceRef;
}

export interface Concept {
  /** kebab-case of the name: "stage-variables". */
  slug: string;
  /** Display name: "Stage variables". */
  name: string;
  /** Definition text, sub-bullets included; its images read "alt (url)". */
  text: string;
  /** Images in the text, URLs resolved. */
  images?: { url: string; alt: string }[];
  /** Other names it answers to (slugs and spellings), e.g. "stage vars". */
  aliases: string[];
  source: SourceRef;
}

export interface Deck {
  /** The file name without extension: "api-gateway". */
  id: string;
  path: string;
  title: string;
  description: string;
  /** Chat command for this deck (front matter `command`, else derived from the id). */
  command: string;
  /** All front-matter fields, unknown ones kept. Dates as ISO strings. */
  meta: Record<string, unknown>;
  concepts: Concept[];
  questions: Question[];
}

export interface ParseResult {
  deck: Deck;
  findings: Finding[];
  /** The layout recognised for this file, e.g. "seed note", "grouped questions", "task-list bank", "csv", "anki". */
  dialect?: string;
}

export type ExplainResult =
  | { kind: 'found'; concept: Concept; deck: Deck }
  | { kind: 'suggestions'; query: string; matches: Concept[]; deck: Deck }
  | { kind: 'list'; concepts: Concept[]; deck: Deck };
