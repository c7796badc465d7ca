// A question's pictures as view blocks: the prompt's after the prompt, the options' (captioned
// "Option B") after the options. Only http(s) URLs become pictures, since the platforms fetch them
// themselves; the question's text already names every image as "alt (url)", so nothing is lost
// where a picture cannot be shown.
import type { Question } from '../content/types.js';
import type { QuestionImage } from './store.js';
import type { ViewBlock } from './views.js';

/** What a question's pictures look like in a view model: prompt images and per-option images. */
export interface Pictured {
  images?: QuestionImage[];
  options: { id: string; image?: QuestionImage }[];
}

const FETCHABLE = /^https?:\/\/\S+$/i;

const copy = (i: QuestionImage): QuestionImage => ({ url: i.url, alt: i.alt });

/** The pictures of a content question, for a snapshot: `{ images }` when it has any. */
export function promptImagesOf(q: Question): { images?: QuestionImage[] } {
  return q.images?.length ? { images: q.images.map(copy) } : {};
}

/** An option as a snapshot keeps it, its picture included. */
export const optionOf = (o: Question['options'][number]): { id: string; text: string; image?: QuestionImage } => ({
  id: o.id,
  text: o.text,
  ...(o.image ? { image: copy(o.image) } : {}),
});

/** The prompt's pictures, to follow the prompt text. */
export function promptImageBlocks(q: Pictured): ViewBlock[] {
  const shown = (q.images ?? []).filter((i) => FETCHABLE.test(i.url));
  return shown.map((i, n) => ({
    type: 'image',
    url: i.url,
    alt: i.alt.trim() || (shown.length > 1 ? `Picture ${n + 1} of the question` : 'Picture of the question'),
  }));
}

/** The options' pictures, each captioned with its option, to follow the options. */
export function optionImageBlocks(q: Pictured): ViewBlock[] {
  return q.options.flatMap((o): ViewBlock[] =>
    o.image && FETCHABLE.test(o.image.url)
      ? [{ type: 'image', url: o.image.url, alt: o.image.alt.trim() || `Picture of option ${o.id}`, title: `Option ${o.id}` }]
      : [],
  );
}
