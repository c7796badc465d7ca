// What the flashcard-note readers find, before any text is read as markdown: cards (their two sides as
// written), cards that cannot be read (a finding each) and the lines they take from the note.

export interface RawCard {
  /** 1-based line of the card (of the deletion, for a cloze). */
  line: number;
  prompt: string;
  answer: string;
  domain?: string;
}

export interface Problem {
  line: number;
  message: string;
  code: string;
}

export class Found {
  readonly cards: RawCard[] = [];
  readonly problems: Problem[] = [];
  /** 1-based first and last line of each card place read (served or reported). */
  readonly claimed: [number, number][] = [];

  card(line: number, prompt: string, answer: string, domain: string | undefined): void {
    this.cards.push(domain ? { line, prompt, answer, domain } : { line, prompt, answer });
  }

  problem(line: number, message: string, code: string): void {
    this.problems.push({ line, message, code });
  }

  /** Lines `from`..`to` (0-based indexes of the note's lines) belong to a card. */
  claim(from: number, to: number): void {
    this.claimed.push([from + 1, to + 1]);
  }
}
