// GIFT `[html]` text (Moodle's editor writes every question so) as users see it. The GIFT escapes are undone
// before the HTML is read, so `<a href\="https\://…">` keeps its URL; paragraphs, `<div>`s and `<br>` are line
// breaks, list items `- ` lines; a picture is shown as a link when its URL is absolute http(s), else by its alt
// text (or file name) and named in `images` for a warning: a GIFT export carries no picture files
// (`@@PLUGINFILE@@/…` stays in Moodle).
import { replaceTags } from '../spans.js';
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

/** `html` with GIFT's escapes undone already. */
export function giftHtmlText(html: string, images: string[]): string {
  const lines = replaceTags(html, 'img', (tag) => pictureText(tag, images))
    // A `<br>` closing a paragraph (`<p>text<br></p>`, as Moodle's editor ends them) adds no line.
    .replace(/<br\s*\/?>\s*(?=<\/(?:p|div|li)\s*>)/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:p|div|li|tr|h[1-6])\s*>/gi, '\n');
  return htmlToText(replaceTags(lines, 'li', () => '- '));
}
