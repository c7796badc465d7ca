// The text of a Moodle XML field (`<questiontext format="html"><text>…</text></questiontext>`, an `<answer>`, a
// `<feedback>`) as users see it, and as its id is hashed. HTML is read as the GIFT reader reads `[html]` text
// (gift-html.ts: lines, list items, links, pictures), with `<pre>`/`<code>` kept as code as in CSV and Anki
// imports. Ids are hashed as gift.ts hashes the same question in Moodle's GIFT export, where `= : ~ # { }` are
// escaped (so an attribute such as `href="https://…"` is not read as a link): a bank moved between the two
// formats keeps its ids when its file name is the same.
import { replaceTags } from '../spans.js';
import { htmlToText } from '../text.js';
import { hasMarkup, markHtmlCode, shownPlainText, shownText } from './code-text.js';
import { fileLinks, giftHtmlText, pictureText } from './gift-html.js';
import type { XmlNode } from './moodle-xml-reader.js';

export type TextFormat = 'html' | 'auto' | 'plain';

export interface FieldText {
  /** As shown: tidied, code as markdown code. */
  shown: string;
  /** What ids are hashed from (tidied by the caller). */
  hashed: string;
}

export const childOf = (node: XmlNode | undefined, name: string): XmlNode | undefined => node?.children.find((c) => c.name === name);
export const childrenOf = (node: XmlNode | undefined, name: string): XmlNode[] => node?.children.filter((c) => c.name === name) ?? [];
/** `<x><text>…</text></x>`, or the text of `<x>` itself (`<tolerance>0.5</tolerance>`). */
export const rawText = (node: XmlNode | undefined): string => (node ? (childOf(node, 'text')?.text ?? node.text) : '');

/** Moodle's format names, old and new: `html`, `moodle_auto_format` (`moodle`), `plain_text` (`plain`), `markdown`. */
export function formatOf(node: XmlNode | undefined, fallback: TextFormat): TextFormat {
  const format = node?.attrs.format?.toLowerCase() ?? '';
  if (format.includes('html')) return 'html';
  if (format.includes('moodle') || format.includes('auto')) return 'auto';
  if (format.includes('plain') || format.includes('markdown')) return 'plain';
  return fallback;
}

/** Marks for GIFT's escaped characters (gift.ts ESCAPED), so hashing sees the text as gift.ts does. */
const GIFT_SPECIAL = '~=#{}:';
const holdGiftSpecials = (t: string): string => t.replace(/[~=#{}:]/g, (c) => String.fromCharCode(0xe100 + GIFT_SPECIAL.indexOf(c)));
const restoreGiftSpecials = (t: string): string => t.replace(/[\uE100-\uE105]/g, (c) => GIFT_SPECIAL[c.charCodeAt(0) - 0xe100]!);

/** HTML as shown: pictures as gift-html.ts shows them; code kept when the HTML writes any. */
function htmlShown(html: string, images: string[], inline: boolean): string {
  if (!/<(?:pre|code)\b/i.test(html)) return shownPlainText(giftHtmlText(html, images), { inline });
  const withPictures = replaceTags(fileLinks(html, images), 'img', (tag) => pictureText(tag, images)).replace(/<br\s*\/?>\s*(?=<\/(?:p|li)\s*>)/gi, '');
  return shownText(markHtmlCode(withPictures), { inline });
}

/**
 * A field's text in its format. `moodle_auto_format` text is read as HTML when it holds markup (Moodle lets it),
 * else as plain text, as `markdown` and `plain_text` are (markdown marks are shown as written).
 */
export function fieldText(node: XmlNode | undefined, images: string[], opts: { fallback?: TextFormat; inline?: boolean } = {}): FieldText {
  const text = rawText(node);
  const format = formatOf(node, opts.fallback ?? 'html');
  const inline = opts.inline ?? false;
  if (format === 'html') return { shown: htmlShown(text, images, inline), hashed: restoreGiftSpecials(htmlToText(holdGiftSpecials(text), false, 'common')) };
  const shown = format === 'auto' && hasMarkup(text) ? htmlShown(text, images, inline) : shownPlainText(text, { inline });
  return { shown, hashed: text };
}
