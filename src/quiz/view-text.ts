// Text helpers every renderer shares: bounded lines and plurals. Nothing is escaped here
// (adapters escape for their platform).

export const MAX_TEXT = 2800; // under Slack's 3,000 per section and Discord's 4,096 per embed

export const clip = (s: string, max = MAX_TEXT) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
export const oneLine = (s: string, max = 150) => clip(s.replace(/\s+/g, ' ').trim(), max);
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** User display names are untrusted and unbounded: one line, at most 60 characters. */
export const person = (name: string) => oneLine(name, 60) || 'someone';
/** Ends the text with a period unless it already ends a sentence ("… mock." stays one period). */
export const sentence = (s: string) => (/[.!?…]["')\]]*$/.test(s.trimEnd()) ? s.trimEnd() : `${s.trimEnd()}.`);
