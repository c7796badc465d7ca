// Feedback columns of quiz spreadsheets and keys of JSON banks (`Feedback OK` / `Feedback Fail`, `Correct
// feedback`, `Incorrect feedback`, Moodle's `generalfeedback`, `Explanation for incorrect`, a `Hint`): what the
// quiz tool shows after an answer, shown here in the question's explanation, which learners see after answering.

/** When a tool shows the text: after a right answer, a wrong one, a partly right one, always, as a hint, or an exam tip. */
export type FeedbackKind = 'right' | 'wrong' | 'partial' | 'general' | 'hint' | 'tip';

const RIGHT = 'ok|correct|right|pass(?:ed)?|success(?:ful)?|positive|true|correcto|correcta|correto|correta|richtig|juste|bonne';
const WRONG = 'ko|incorrect|wrong|fail(?:ed|ure)?|negative|false|incorrecto|incorrecta|incorreto|incorreta|errado|errada|falsch|fausse|mauvaise';
const PARTIAL = 'partial(?:ly correct)?|partiallycorrect|parcial|partielle';
const GENERAL = 'general|overall|global|generale|générale';
const WORD = `(${RIGHT})|(${WRONG})|(${PARTIAL})|(${GENERAL})`;
const FEEDBACK = '(?:feedback|feed back|retroalimentaci[oó]n|r[ée]troaction|comentario|commentaire|r[uü]ckmeldung)s?';

/**
 * `feedback ok`, `feedback if incorrect`, `feedback for the correct answer`, `correct feedback`, `correctfeedback`,
 * `explanation for incorrect`, `explanation if wrong` (names as columns.ts keys them: lower case, `_-.:()#` as spaces).
 */
const AFTER = new RegExp(`^${FEEDBACK}\\s*(?:(?:if|when|for|on|on a|on an|si)\\s+(?:the\\s+|an?\\s+)?)?(?:${WORD})(?:\\s+(?:answers?|responses?|respuesta|réponse))?$`);
const BEFORE = new RegExp(`^(?:${WORD})\\s*(?:answer\\s+)?${FEEDBACK}$`);
const EXPLAINED = new RegExp(`^(?:explanation|rationale)s?\\s+(?:if|when|for)\\s+(?:the\\s+|an?\\s+)?(?:${WORD})(?:\\s+answers?)?$`);
const HINT = new Set(['hint', 'hints', 'tip', 'pista', 'dica', 'indice', 'tipp', 'hinweis']);

/** `examTip`, `keyRule`, `Key takeaway`: a line for learners that practice banks keep beside the explanation. */
const TIP = new Set(['exam tip', 'exam tips', 'tip', 'tips', 'pro tip', 'study tip', 'key rule', 'key takeaway', 'takeaway', 'key point', 'remember', 'memory tip', 'mnemonic']);

/** The kind of feedback a header names, or undefined. */
export function feedbackKind(key: string): FeedbackKind | undefined {
  if (HINT.has(key)) return 'hint';
  if (TIP.has(key)) return 'tip';
  const m = AFTER.exec(key) ?? BEFORE.exec(key) ?? EXPLAINED.exec(key);
  if (!m) return undefined;
  return m[1] ? 'right' : m[2] ? 'wrong' : m[3] ? 'partial' : 'general';
}

const LABELS: Record<Exclude<FeedbackKind, 'general'>, string> = {
  right: 'If correct',
  wrong: 'If incorrect',
  partial: 'If partly correct',
  hint: 'Hint',
  tip: 'Tip',
};

/**
 * The lines feedback adds to an explanation: general feedback as it is; after-answer feedback labelled
 * (`If correct: …`, `If incorrect: …`) when the file has two kinds of it, as learners see every line whatever they
 * answered; a hint as `Hint: …`. A text already in the explanation, or given twice, is shown once (unlabelled when
 * every kind says the same). A verdict and nothing more (`Your answer is correct.`, Moodle's default feedback) is
 * not repeated: the bot says whether the answer was right. `kinds`: the kinds the file's columns or keys name.
 */
export function feedbackLines(cells: { kind: FeedbackKind; text: string }[], kinds: ReadonlySet<FeedbackKind>, explanation: string): string[] {
  const filled = cells.filter((c) => c.text.trim() && !explanation.includes(c.text.trim()) && !VERDICT.test(c.text.trim()));
  const outcome = filled.filter((c) => c.kind === 'right' || c.kind === 'wrong' || c.kind === 'partial');
  const sameEverywhere = outcome.length > 1 && outcome.every((c) => c.text.trim() === outcome[0]!.text.trim());
  const labelled = !sameEverywhere && ['right', 'wrong', 'partial'].filter((k) => kinds.has(k as FeedbackKind)).length > 1;
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const kind of ['general', 'right', 'partial', 'wrong', 'tip', 'hint'] as const) {
    for (const { text } of filled.filter((c) => c.kind === kind)) {
      const t = text.trim();
      if (seen.has(t)) continue;
      seen.add(t);
      const label = kind === 'hint' || kind === 'tip' || ((kind === 'right' || kind === 'wrong' || kind === 'partial') && labelled) ? LABELS[kind] : '';
      lines.push(label ? `${label}: ${t}` : t);
    }
  }
  return lines;
}

/** Feedback that only says right or wrong: `Correct!`, `Your answer is partially correct.`, `That is wrong.` */
const VERDICT = /^(?:(?:your|the|that|this)\s+(?:answer|response|choice)\s+(?:is|was)\s+|that(?:'s| is| was)\s+|you are\s+|you're\s+)?(?:(?:partially|partly|not|absolutely|exactly)\s+)?(?:correct|incorrect|right|wrong)\s*[.!]*$/i;

/** Header names of columns that hold text for learners and are not read: reported, so no cell is lost silently. */
export const NOTE_LIKE = /\b(?:feedback|explanations?|rationale|comments?|remarks?|hints?|notes?|reasons?|solutions?|justifications?)\b/;
