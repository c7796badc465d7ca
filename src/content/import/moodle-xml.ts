// Moodle XML (`.xml`), Moodle's main question-bank export, which many LMSs and quiz generators also write -> one deck:
//
//   <quiz>
//     <question type="category"><category><text>$course$/top/AWS SAA/Networking</text></category></question>
//     <question type="multichoice">
//       <name><text>VPC</text></name>
//       <questiontext format="html"><text><![CDATA[<p>Which one is a subnet?</p>]]></text></questiontext>
//       <answer fraction="100"><text>A range of IP addresses</text><feedback><text>Yes.</text></feedback></answer>
//       <answer fraction="0"><text>A region</text></answer>
//     </question>
//   </quiz>
//
// Types are mapped in moodle-xml-question.ts; the category's last part is the domain of the questions after it (as
// GIFT's `$CATEGORY:`), the part the categories share the deck's title. An .xml file whose root is not `<quiz>`
// (a pom.xml, a draw.io diagram, an RSS feed) is a warning, not an error: .xml is a generic extension.
import type { Finding, ParseResult } from '../types.js';
import { addQuestion, categoryParts, failedResult, importedDeck, questionId, sharedTitle } from './deck.js';
import { questionOf } from './moodle-xml-question.js';
import { readMoodleXml, type XmlNode } from './moodle-xml-reader.js';
import { rawText } from './moodle-xml-text.js';
import { mediaWarning } from './gift-html.js';

export const MOODLE_XML_DIALECT = 'moodle xml questions';

const declaredEncoding = (source: string): string | undefined => /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(source)?.[1];

/**
 * The loader reads text files as UTF-8. A file saved in another encoding (ISO-8859-1, Windows-1252, UTF-16) then
 * has characters that cannot be decoded (U+FFFD, or NULs): it is refused rather than served with broken letters.
 */
function encodingProblem(source: string): string | undefined {
  if (source.includes('\u0000')) return 'this file is UTF-16 (or another two-byte encoding); save it as UTF-8 and it is read';
  const declared = declaredEncoding(source);
  if (!source.includes('\uFFFD') || (declared && /^utf-?8$/i.test(declared))) return undefined;
  return `this file is ${declared ? `declared encoding="${declared}"` : 'not UTF-8'} and holds characters that are not UTF-8; the loader reads UTF-8 only: save it as UTF-8 (Moodle's own exports are)`;
}

export function parseMoodleXml(rawSource: string, path: string): ParseResult {
  const source = rawSource.replace(/^\uFEFF/, '');
  const encoding = encodingProblem(source);
  if (encoding) return { ...failedResult(path, { path, line: 1, severity: 'error', message: encoding, code: 'xml-encoding' }), dialect: MOODLE_XML_DIALECT };
  const read = readMoodleXml(source);
  if (read.kind === 'other') {
    const what = read.root ? `its root element is <${read.root}>` : 'it holds no XML element';
    const message = `not a deck: an .xml file in the content folder is read when it is a Moodle XML question bank (<quiz><question …>), and ${what}; skipped`;
    return failedResult(path, { path, line: 1, severity: 'warning', message, code: 'not-a-deck' });
  }
  if (read.kind === 'broken') {
    const message = `not well-formed XML: ${read.message}; this file is not read (open it in an XML editor, or export it from Moodle again)`;
    return { ...failedResult(path, { path, line: read.line, severity: 'error', message, code: 'xml-syntax' }), dialect: MOODLE_XML_DIALECT };
  }
  const findings: Finding[] = [];
  const report = (line: number, message: string, code: string, severity: 'error' | 'warning' = 'error') => findings.push({ path, line, severity, message, code });
  const withCategory = categorised(read.questions);
  const used = new Map(withCategory.filter((q) => q.node.attrs.type !== 'category' && q.category).map((q) => [q.category!.join('/'), q.category!]));
  const deck = importedDeck(path, { title: sharedTitle([...used.values()]) }, findings);
  let running = 0;
  for (const { node, category } of withCategory) {
    const type = (node.attrs.type ?? '').trim().toLowerCase();
    if (type === 'category' || type === 'description') continue; // a description is text shown between questions, not one
    if (!type) {
      report(node.line, 'question skipped: <question> has no type="…"', 'question-type');
      continue;
    }
    const images: string[] = [];
    const parsed = questionOf(node, type, category?.at(-1), images, report);
    const oldImage = rawText(node.children.find((c) => c.name === 'image')).trim();
    if (oldImage) images.push(oldImage.replace(/^.*\//, ''));
    if (images.length) report(node.line, mediaWarning(images, 'are not served from a Moodle XML file'), 'image', 'warning');
    if (!parsed) continue;
    running++;
    const { hashPrompt, hashOptions, ...q } = parsed;
    addQuestion(deck, { ...q, id: questionId(deck.id, hashPrompt, hashOptions), deckId: deck.id, number: String(running), source: { path, line: node.line } }, findings);
  }
  if (!deck.questions.length) report(1, 'no questions in this file: a Moodle XML question bank holds <question type="multichoice|truefalse|shortanswer|numerical|essay"> elements', 'no-questions');
  findings.sort((a, b) => a.line - b.line);
  return { deck, findings, dialect: MOODLE_XML_DIALECT };
}

/** Each question with the category (parts) a `<question type="category">` before it set. */
function categorised(questions: XmlNode[]): { node: XmlNode; category: string[] | undefined }[] {
  let category: string[] | undefined;
  return questions.map((node) => {
    if (node.attrs.type === 'category') {
      const parts = categoryParts(rawText(node.children.find((c) => c.name === 'category')));
      category = parts.length ? parts : undefined;
    }
    return { node, category };
  });
}
