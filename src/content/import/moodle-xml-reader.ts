// The elements of a Moodle XML file (`<quiz><question type="…">…</question></quiz>`), read with saxes: a
// streaming parser, linear in the input, that keeps no recursion of its own and expands no entity beyond XML's five
// and numeric references (a DOCTYPE's declarations are never expanded, external ones never fetched; a reference
// to one stops the read). Only what sits inside a `<question>` is kept, with the line of each element.
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  /** Text and CDATA directly inside; markup inside a `<text>` (XHTML written unescaped) is kept as HTML. */
  text: string;
  children: XmlNode[];
  line: number;
}

export type XmlRead =
  | { kind: 'quiz'; questions: XmlNode[] }
  /** Another root element: a pom.xml, an RSS feed, a diagram. */
  | { kind: 'other'; root: string }
  | { kind: 'broken'; line: number; message: string };

const QUIZ = 'quiz';

/** Thrown from a handler to stop at the first element when the file is not a question bank. */
class NotAQuiz extends Error {
  constructor(readonly root: string) {
    super(root);
  }
}

const escapeAttr = (v: string): string => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const openTag = (tag: SaxesTagPlain): string =>
  `<${tag.name}${Object.entries(tag.attributes).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('')}${tag.isSelfClosing ? ' /' : ''}>`;

export function readMoodleXml(source: string): XmlRead {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const questions: XmlNode[] = [];
  // Elements open inside the current <question> (its own node first); `depth` counts every open element.
  const open: XmlNode[] = [];
  let depth = 0;
  let root: string | undefined;
  // Elements inside a <text> (HTML written as XHTML) are text, not children.
  let inText = 0;
  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 1) {
      root = tag.name;
      if (tag.name.toLowerCase() !== QUIZ) throw new NotAQuiz(tag.name);
      return;
    }
    const parent = open.at(-1);
    if (inText && parent) {
      inText++;
      parent.text += openTag(tag);
      return;
    }
    if (depth === 2 && tag.name !== 'question') return;
    if (depth > 2 && !parent) return;
    const node: XmlNode = { name: tag.name, attrs: tag.attributes, text: '', children: [], line: parser.line };
    if (parent) parent.children.push(node);
    else questions.push(node);
    open.push(node);
    if (tag.name === 'text') inText = 1;
  });
  parser.on('closetag', (tag) => {
    depth--;
    if (inText > 1) {
      inText--;
      if (!tag.isSelfClosing) open.at(-1)!.text += `</${tag.name}>`;
      return;
    }
    if (depth < 1 || !open.length || open.at(-1)!.name !== tag.name) return;
    if (inText === 1) inText = 0;
    open.pop();
  });
  const addText = (text: string) => {
    const node = open.at(-1);
    if (node) node.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(source).close();
  } catch (err) {
    if (err instanceof NotAQuiz) return { kind: 'other', root: err.root };
    const message = err instanceof Error ? err.message : String(err);
    const at = /^(\d+):(\d+): (.*)$/s.exec(message);
    if (root === undefined && !/<quiz\b/.test(source)) return { kind: 'other', root: '' };
    return { kind: 'broken', line: at ? Number(at[1]) : parser.line || 1, message: at ? describe(at[3]!, source, Number(at[1]), Number(at[2])) : message };
  }
  return root === undefined ? { kind: 'other', root: '' } : { kind: 'quiz', questions };
}

/** saxes says "undefined entity."; the entity is named, with why it is not expanded. */
function describe(message: string, source: string, line: number, column: number): string {
  const reason = message.replace(/\.$/, '');
  if (reason !== 'undefined entity') return reason;
  const text = source.split('\n', line)[line - 1] ?? '';
  const name = /&([^\s&;]{1,40});[^&]*$/.exec(text.slice(0, column))?.[1];
  const entity = name ? `&${name};` : 'an entity';
  return `${entity} is not defined: only XML's own entities (&amp; &lt; &gt; &quot; &apos;) and numeric ones (&#233;) are read, never a DOCTYPE's (write &nbsp; as &#160;)`;
}
