// Obsidian's wiki links in card text, as markdown: `![[diagram.png]]` an image (resolved like any relative
// image, front matter `imageBase:`), `[[Page|shown]]` and `[[Page]]` their text. Code is left as written.
import { splitCodeSpans } from '../code-spans.js';
import { mapOutsideFences } from './line-scan.js';

// No `[` or `]` inside: each attempt stops at the next bracket, so a flood of `[[` costs no more than the text.
const WIKI_LINK = /(!?)\[\[([^[\]\n]+)\]\]/g;
const IMAGE_FILE = /\.(?:png|jpe?g|gif|svg|webp|bmp|avif)$/i;

function linkText(_whole: string, bang: string, inner: string): string {
  const [target = '', shown] = inner.split('|');
  const path = target.trim();
  if (bang && IMAGE_FILE.test(path)) {
    const alt = (path.split('/').at(-1) ?? path).replace(IMAGE_FILE, '');
    return `![${alt.replace(/[[\]]/g, '')}](<${path.replace(/[<>]/g, '')}>)`;
  }
  return (shown ?? path.replace(/#\^?/, ' > ')).trim();
}

export function obsidianLinks(markdown: string): string {
  if (!markdown.includes('[[')) return markdown;
  return mapOutsideFences(markdown, (line) =>
    line.includes('[[')
      ? splitCodeSpans(line)
          .map((p) => (p.code === undefined ? p.text.replace(WIKI_LINK, linkText) : p.text))
          .join('')
      : line,
  );
}
