// Images in question text. Outside a question (concepts, About text) images are dropped as before;
// while a question is read, each image becomes "alt (url)" with its URL resolved against the deck's
// image base, or its alt text when a relative path cannot be resolved, and is recorded for the question.

export interface ImageRef {
  url: string;
  alt: string;
}

export interface SeenImage extends ImageRef {
  /** False when the path was relative and the deck gave no base URL: only the alt text was shown. */
  resolved: boolean;
  /** The path as written. */
  src: string;
}

let collecting: SeenImage[] | undefined;
let base: string | undefined;

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:|^\/\//i;

/** Sets the base URL for the note being parsed (front matter `imageBase:` / `image_base_url:`). */
export function setImageBase(url: string | undefined): void {
  base = url && /^https?:\/\//i.test(url.trim()) ? url.trim().replace(/\/*$/, '/') : undefined;
}

/** Starts recording the images of one question's text. */
export function collectImages(): void {
  collecting = [];
}

/** Stops recording and returns what was seen since `collectImages()`. */
export function takeImages(): SeenImage[] {
  const seen = collecting ?? [];
  collecting = undefined;
  return seen;
}

export function resolveImage(src: string): string | undefined {
  const path = src.trim().replace(/^<|>$/g, '');
  if (!path) return undefined;
  if (ABSOLUTE.test(path)) return path.startsWith('//') ? `https:${path}` : path;
  if (!base) return undefined;
  try {
    return new URL(path.replace(/^\.?\//, ''), base).href;
  } catch {
    return undefined;
  }
}

/** Text for an image inside the question being read ('' outside questions). */
export function imageText(alt: string, src: string): string {
  if (!collecting) return '';
  const cleanAlt = alt.replace(/\s+/g, ' ').trim();
  const url = resolveImage(src);
  collecting.push({ url: url ?? '', alt: cleanAlt, resolved: Boolean(url), src });
  if (!url) return cleanAlt;
  return cleanAlt ? `${cleanAlt} (${url})` : url;
}
