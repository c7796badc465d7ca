// The prompt as users see it. Ids are hashed over the prompt as written (read.ts), so what is taken off here
// never moves an id: a `Q.` / `**Question:**` label before it (or after a scenario paragraph), an `**Options:**` label
// after it, a difficulty dot ending its first line (`### 1. ¿Qué es un VPA? 🔴`), and a first paragraph of details
// (`**Difficulty**: Easy | **Topic**: …`).

/** `Q. Which …?`, `**Pergunta:** Qual …?`, `Question: …`: a label before the prompt (the bold is gone by now). */
const PROMPT_LABEL = /^(?:q|question|pregunta|pergunta|quest[ãa]o|frage|domanda|vraag)\s*[.:：]\s+(?=\S)/i;

/** `**Options:**` alone above the options: a label, not part of the question. */
const OPTIONS_LABEL = /\n\n(?:(?:answer\s+)?options|choices|opciones|op[çc][õo]es|alternativas|choix|optionen|antwortm[öo]glichkeiten|選択肢|选项|보기|선택지)\s*[:：]?$/iu;

/** Difficulty levels some banks put after a question heading (🟢 easy … 🔴 hard). */
const DIFFICULTY_DOTS = ['🔴', '🟠', '🟡', '🟢'];

/** The first line without a lone difficulty dot at its end (found without a regex: one pass from the end). */
function withoutDifficulty(prompt: string): string {
  const lineEnd = prompt.indexOf('\n') < 0 ? prompt.length : prompt.indexOf('\n');
  let end = prompt.slice(0, lineEnd).trimEnd().length;
  if (prompt[end - 1] === '\uFE0F') end--;
  const dot = DIFFICULTY_DOTS.find((d) => prompt.slice(Math.max(0, end - d.length), end) === d);
  if (!dot) return prompt;
  const before = prompt.slice(0, end - dot.length);
  // A lone dot after the text (`…? 🔴`), not one of a row of marks or the whole line.
  if (!/[ \t]$/.test(before) || !before.trim() || /\p{Extended_Pictographic}\uFE0F?[ \t]*$/u.test(before)) return prompt;
  return before.trimEnd() + prompt.slice(lineEnd);
}

/** `Difficulty: Easy | Answer Type: one | Topic: …`: a generated bank's details over the prompt, one key per field. */
const DETAIL_FIELD = /^\s*(?:difficulty|level|answer\s+type|question\s+type|type|topic|domain|category|tags?|points?|marks?|time|source)\s*[:：]\s*\S/i;

/** The first paragraph when it is nothing but detail fields (`Key: value | Key: value`): not part of the question. */
function withoutDetails(prompt: string): string {
  const end = prompt.indexOf('\n\n');
  if (end < 0) return prompt;
  const first = prompt.slice(0, end);
  const fields = first.split(/\s\|\s|\n/);
  if (fields.length >= 2 && fields.every((f) => DETAIL_FIELD.test(f))) return prompt.slice(end + 2);
  // `[CBSE 2024 (Delhi/AI), 1 Mark] | ⭐⭐⭐⭐⭐ [Must-Know]`: where the question was set and how often it comes.
  const rest = first.replace(/\[[^\]\n]{1,80}\]/g, '').replace(/[|\s\u2B50\uFE0F]/g, '');
  return /^\[/.test(first) && rest === '' ? prompt.slice(end + 2) : prompt;
}

/** `Question (Select all that apply): Which …?` after a scenario paragraph: the label goes, its hint stays. */
// One blank run per position (`[ \t]*` on both sides of an optional group backtracked quadratically on a long run).
const INNER_LABEL = /\n\n(?:question|q)[ \t]*(?:(\([^()\n]{1,60}\))[ \t]*)?[:：][ \t]+(?=\S)/gi;

export const shownPrompt = (prompt: string): string =>
  withoutDifficulty(
    withoutDetails(prompt)
      .replace(PROMPT_LABEL, '')
      .replace(INNER_LABEL, (_w, hint?: string) => `\n\n${hint ? `${hint} ` : ''}`)
      .replace(OPTIONS_LABEL, ''),
  ) || prompt;
