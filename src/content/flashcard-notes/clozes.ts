// Cloze deletions: Obsidian's `==highlight==` (the plugin's only cloze on by default; bold and `{{curly}}`
// clozes are off by default there, and a study note's bold is emphasis) and Logseq's `{{cloze …}}` (`{{c1 …}}`).
// Positions are found on masked text (code filled in), so `==` in code is never a cloze.

export interface Highlight {
  /** Offsets of the opening and closing `==`. */
  open: number;
  close: number;
  /** `==Portuguese==^[language]`: the hint shown in the gap, and where its `^[…]` ends. */
  hint?: string;
  end: number;
}

/** Clozes past this many in one paragraph are not read (one finding says so): each is a card of the whole paragraph. */
export const MAX_CLOZES = 30;
const MAX_HINT = 200;

const isSpace = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\n';

/** `==x==` pairs of a masked paragraph, and the first `==` opened and never closed. */
export function highlights(masked: string): { pairs: Highlight[]; unclosedAt?: number } {
  const pairs: Highlight[] = [];
  let open = -1;
  let unclosed: number | undefined;
  let lastNewline = -1;
  let nextNewline = masked.indexOf('\n');
  for (let i = masked.indexOf('=='); i >= 0; i = masked.indexOf('==', i)) {
    let j = i;
    while (masked[j] === '=') j++;
    // A highlight never spans a line break (the plugin's cloze does not): an opening on an earlier line is unclosed.
    // The newlines are walked forward once (a long line of `==` costs one pass).
    while (nextNewline >= 0 && nextNewline < i) {
      lastNewline = nextNewline;
      nextNewline = masked.indexOf('\n', nextNewline + 1);
    }
    if (open >= 0 && lastNewline > open) {
      unclosed ??= open;
      open = -1;
    }
    if (j - i === 2) {
      if (open >= 0 && !isSpace(masked[i - 1])) {
        const pair: Highlight = { open, close: i, end: j };
        if (masked.startsWith('^[', j)) {
          const close = masked.slice(j + 2, j + 2 + MAX_HINT).indexOf(']');
          const hint = close >= 0 ? masked.slice(j + 2, j + 2 + close) : '';
          if (close >= 0 && !hint.includes('\n')) Object.assign(pair, { hint: hint.trim(), end: j + 3 + close });
        }
        pairs.push(pair);
        open = -1;
      } else if (!isSpace(masked[j])) open = i;
    }
    i = j;
  }
  const unclosedAt = unclosed ?? (open >= 0 ? open : undefined);
  return unclosedAt !== undefined ? { pairs, unclosedAt } : { pairs };
}

/** The paragraph as card `k` asks it: that deletion a gap (`[...]`, or its hint), the others plain text. */
export function clozePrompt(raw: string, pairs: Highlight[], k: number): string {
  let out = '';
  let from = 0;
  pairs.forEach((p, i) => {
    out += raw.slice(from, p.open);
    out += i === k ? `[${p.hint || '...'}]` : raw.slice(p.open + 2, p.close);
    from = p.end;
  });
  return out + raw.slice(from);
}

export interface LogseqClozes {
  /** The block's text with every `{{cloze …}}` a gap: Logseq asks them together, as one card. */
  prompt: string;
  answers: string[];
  /** Offset of a `{{cloze` never closed. */
  unclosedAt?: number;
}

// `{{cloze x}}`, and logseq-anki-sync's numbered `{{c1 x}}` (numbers are Anki's grouping; Logseq asks all at once).
const LOGSEQ_CLOZE = /\{\{\s*(?:cloze\b|c\d{1,3}[ \t])/gi;

/** `reveal`: each cloze shown as its text (a child block of a card is the answer: nothing in it is hidden). */
export function logseqClozes(raw: string, masked: string, reveal = false): LogseqClozes {
  const answers: string[] = [];
  let prompt = '';
  let from = 0;
  LOGSEQ_CLOZE.lastIndex = 0;
  for (let m = LOGSEQ_CLOZE.exec(masked); m; m = LOGSEQ_CLOZE.exec(masked)) {
    const close = masked.indexOf('}}', LOGSEQ_CLOZE.lastIndex);
    if (close < 0) return { prompt: prompt + raw.slice(from), answers, unclosedAt: m.index };
    const text = raw.slice(LOGSEQ_CLOZE.lastIndex, close).trim();
    answers.push(text);
    prompt += `${raw.slice(from, m.index)}${reveal ? text : '[...]'}`;
    from = close + 2;
    LOGSEQ_CLOZE.lastIndex = from;
  }
  return { prompt: prompt + raw.slice(from), answers };
}
