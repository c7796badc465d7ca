// GIFT `[html]` text (Moodle's editor writes every question so) as users see it. The GIFT escapes are undone
// before the HTML is read, so `<a href\="https\://…">` keeps its URL; paragraphs, `<div>`s and `<br>` are line
// breaks, list items `- ` lines; a picture is shown as a link when its URL is absolute http(s), else by its alt
// text (or file name) and named in `images` for a warning: a GIFT export carries no picture files
// (`@@PLUGINFILE@@/…` stays in Moodle). A link to such a file (`<a href="@@PLUGINFILE@@/greeting.mp3">Listen</a>`,
// an audio clip the question is about) keeps its text, is followed by `[file: greeting.mp3]` and is named too.
import { replaceTagPairs, replaceTags } from '../spans.js';
import { htmlToText, tagAttribute } from '../text.js';

const attr = (tag: string, name: string): string => tagAttribute(tag, name).trim();

/** A picture as GIFT and Moodle XML questions show it: a link when absolute http(s), else `[image: alt]`, named in `images`. */
export function pictureText(tag: string, images: string[]): string {
  const src = attr(tag, 'src');
  const alt = attr(tag, 'alt').replace(/\s+/g, ' ');
  if (/^https?:\/\//i.test(src)) return alt ? ` ${alt} (${src}) ` : ` ${src} `;
  const name = src.replace(/^@@PLUGINFILE@@\//, '') || 'image';
  images.push(name);
  return ` [image: ${alt || name}] `;
}

const PLUGIN_FILE = /^@@PLUGINFILE@@\//i;

/** Links to files kept inside Moodle (`@@PLUGINFILE@@/…`) as their text and `[file: name]`, named in `files`. */
export function fileLinks(html: string, files: string[]): string {
  if (!/@@PLUGINFILE@@/i.test(html)) return html;
  return replaceTagPairs(html, 'a', (attrs, inner) => {
    const href = attr(`<a ${attrs}>`, 'href');
    if (!PLUGIN_FILE.test(href)) return `<a${attrs}>${inner}</a>`;
    const name = safeDecode(href.replace(PLUGIN_FILE, '')) || 'file';
    files.push(name);
    return `${inner} [file: ${name}]`;
  });
}

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const PICTURE = /\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?)$/i;

/** The warning for pictures and linked files a GIFT or Moodle XML file names but does not carry. */
export function mediaWarning(names: string[], what: string): string {
  const unique = [...new Set(names)];
  const kind = unique.every((n) => PICTURE.test(n) || n === 'image') ? 'pictures' : unique.some((n) => PICTURE.test(n)) ? 'pictures and files' : 'files';
  return `${kind} ${what}; shown by their alt text or file name (${unique.join(', ')})`;
}

/** `html` with GIFT's escapes undone already. */
export function giftHtmlText(html: string, images: string[]): string {
  const lines = replaceTags(fileLinks(html, images), 'img', (tag) => pictureText(tag, images))
    // A `<br>` closing a paragraph (`<p>text<br></p>`, as Moodle's editor ends them) adds no line.
    .replace(/<br\s*\/?>\s*(?=<\/(?:p|div|li)\s*>)/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:p|div|li|tr|h[1-6])\s*>/gi, '\n');
  return htmlToText(replaceTags(lines, 'li', () => '- '));
}
