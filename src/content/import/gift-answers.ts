// The answers inside a GIFT question's braces (`{=right #feedback ~wrong ~%50%half}`), read as Moodle's GIFT
// importer reads them, with two liberties real banks need:
//
// - Each answer and each feedback may carry its own text format (`~[moodle]lsmod#[html]<p>why</p>`, as Moodle's
//   own exports write every answer): the marker is not shown, and `[html]` text is read as HTML.
// - Answers written one per line (`{` then a line per answer) split only at an `=` or `~` that starts a line or
//   follows a space: `~root=/dev/sda3` is one answer (Moodle would split it; banks written by hand forget the `\=`),
//   reported so the author can escape it. Answers on one line split at every `=` and `~`, as Moodle does.

/** The piece of text an answer or feedback is, and the format it is read in. */
export type TextReader = (text: string) => string;

export interface GiftAnswer {
  /** `=` or `~` as written. */
  marker: '=' | '~';
  /** The answer's credit: 100 for `=`, 0 for `~`, or its `%weight%`. */
  weight: number;
  text: string;
  /** The text as read before [html] kept lines and links: what ids are hashed from. */
  hashed: string;
  feedback: string;
}

export interface GiftAnswers {
  answers: GiftAnswer[];
  /** The words around the first `=` / `~` read as text (answers one per line), as written (escapes held): reported. */
  embedded?: string;
}

const WEIGHT = /^[=~]\s*%(-?\d+(?:\.\d+)?)%/;
const MARKER_AND_WEIGHT = /^[=~]\s*(?:%-?\d+(?:\.\d+)?%)?/;

/** Where answers start: every `=` / `~`, or, when the answers are written one per line, those after a space or a line break. */
function answerStarts(body: string): { starts: number[]; embedded?: number } {
  const first = body.search(/\S/);
  const perLine = first >= 0 && /[=~]/.test(body[first]!) && body.slice(first).includes('\n');
  const starts: number[] = [];
  let embedded: number | undefined;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '=' && c !== '~') continue;
    if (!perLine || i === first || /\s/.test(body[i - 1]!)) starts.push(i);
    else embedded ??= i;
  }
  return { starts, ...(embedded !== undefined ? { embedded } : {}) };
}

/** `=right #feedback ~wrong ~%50%half`: each answer with its credit and feedback; [] when the body is no answer list. */
export function answersOf(body: string, read: TextReader, hashed: TextReader): GiftAnswers {
  const { starts, embedded } = answerStarts(body);
  if (!starts.length || body.slice(0, starts[0]).trim()) return { answers: [] };
  const parts = starts.map((s, i) => body.slice(s, starts[i + 1] ?? body.length).trim());
  const answers = parts.map((p): GiftAnswer => {
    const weight = WEIGHT.exec(p);
    const marker = p[0] as '=' | '~';
    const [answer, ...feedback] = p.replace(MARKER_AND_WEIGHT, '').split('#');
    return { marker, weight: weight ? Number(weight[1]) : marker === '=' ? 100 : 0, text: read(answer!).trim(), hashed: hashed(answer!).trim(), feedback: read(feedback.join('#')).trim() };
  });
  if (embedded === undefined) return { answers };
  const around = body.slice(Math.max(0, body.lastIndexOf('\n', embedded) + 1, embedded - 20), embedded + 20).split('\n')[0]!.trim();
  return { answers, embedded: around };
}

/** Whether an answer counts as right: with an `=` among them (one best answer), the best-credited ones; else every positive one. */
export function rightAnswers(answers: GiftAnswer[]): boolean[] {
  const single = answers.some((a) => a.marker === '=');
  const best = Math.max(...answers.map((a) => a.weight));
  return answers.map((a) => a.weight > 0 && (!single || a.weight === best));
}
