// Text helpers every renderer shares: bounded lines and plurals. Nothing is escaped here
// (adapters escape for their platform).

import { closeOpenBlock, inlineCodeBlocks } from '../content/code-blocks.js';

export const MAX_TEXT = 2800; // under Slack's 3,000 per section and Discord's 4,096 per embed

/** Cut to `max` characters with "…"; a code block cut short is closed (its fence may take a few more). */
export const clip = (s: string, max = MAX_TEXT) => (s.length > max ? closeOpenBlock(`${s.slice(0, max - 1)}…`) : s);
/** One line: a code block becomes inline code (`{ "a": 1 }`). */
export const oneLine = (s: string, max = 150) => clip(inlineCodeBlocks(s).replace(/\s+/g, ' ').trim(), max);
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/**
 * User display names are untrusted and unbounded: one line, at most 60 characters, and plain text:
 * their backticks become the look-alike U+02CB, as only study material's code may render as code.
 */
export const person = (name: string) => oneLine(name.replace(/`/g, '\u02CB'), 60) || 'someone';
/** Ends the text with a period unless it already ends a sentence ("… mock." stays one period). */
export const sentence = (s: string) => (/[.!?…]["')\]]*$/.test(s.trimEnd()) ? s.trimEnd() : `${s.trimEnd()}.`);
