// A question's pictures as view blocks: the prompt's after the prompt, the options' (captioned
// "Option B") after the options, the explanation's after the explanation; a concept's after its text.
// Only http(s) URLs become pictures, since the platforms fetch them themselves; the text already names
// every image as "alt (url)", so nothing is lost where a picture cannot be shown.
import type { Concept, Question } from '../content/types.js';
import type { QuestionImage } from './store.js';
import type { ViewBlock } from './views.js';

/** What a question's pictures look like in a view model: prompt images and per-option images. */
export interface Pictured {
  images?: QuestionImage[];
  options: { id: string; image?: QuestionImage }[];
}

/** A question's explanation pictures in a view model (absent in snapshots stored before they were kept). */
export interface Explained {
  explanationImages?: QuestionImage[];
}

const FETCHABLE = /^https?:\/\/\S+$/i;

const copy = (i: QuestionImage): QuestionImage => ({ url: i.url, alt: i.alt });

/** The pictures of a content question, for a snapshot: `{ images }` when it has any. */
export function promptImagesOf(q: Question): { images?: QuestionImage[] } {
  return q.images?.length ? { images: q.images.map(copy) } : {};
}

/** The explanation's pictures of a content question, for a snapshot: `{ explanationImages }` when it has any. */
export function explanationImagesOf(q: Question): { explanationImages?: QuestionImage[] } {
  return q.explanationImages?.length ? { explanationImages: q.explanationImages.map(copy) } : {};
}

/** An option as a snapshot keeps it, its picture included. */
export const optionOf = (o: Question['options'][number]): { id: string; text: string; image?: QuestionImage } => ({
  id: o.id,
  text: o.text,
  ...(o.image ? { image: copy(o.image) } : {}),
});

/** Pictures of one text, in order; a picture without alt text is named "Picture of the <what>" ("Picture 2 of …" among several). */
function pictureBlocks(images: QuestionImage[] | undefined, what: string): ViewBlock[] {
  const shown = (images ?? []).filter((i) => FETCHABLE.test(i.url));
  return shown.map((i, n) => ({
    type: 'image',
    url: i.url,
    alt: i.alt.trim() || (shown.length > 1 ? `Picture ${n + 1} of the ${what}` : `Picture of the ${what}`),
  }));
}

/** The prompt's pictures, to follow the prompt text. */
export const promptImageBlocks = (q: Pictured): ViewBlock[] => pictureBlocks(q.images, 'question');

/** The explanation's pictures, to follow the explanation (or a flashcard's answer). */
export const explanationImageBlocks = (q: Explained): ViewBlock[] => pictureBlocks(q.explanationImages, 'explanation');

/** A concept's pictures, to follow its text (`explain`, a shared concept). */
export const conceptImageBlocks = (c: Pick<Concept, 'images'>): ViewBlock[] => pictureBlocks(c.images, 'concept');

/** The options' pictures, each captioned with its option, to follow the options. */
export function optionImageBlocks(q: Pictured): ViewBlock[] {
  return q.options.flatMap((o): ViewBlock[] =>
    o.image && FETCHABLE.test(o.image.url)
      ? [{ type: 'image', url: o.image.url, alt: o.image.alt.trim() || `Picture of option ${o.id}`, title: `Option ${o.id}` }]
      : [],
  );
}
