// Inline code in markdown syntax: the shortest backtick fence the code does not contain.

/** The longest run of backticks in `code` (0: none): a fence must be longer to hold it. */
export function longestBacktickRun(code: string): number {
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** `code` as one markdown code span; blank code stays as it is (a span needs something to show). */
export function codeSpan(code: string): string {
  if (!code.trim()) return code;
  const fence = '`'.repeat(longestBacktickRun(code) + 1);
  const pad = code.startsWith('`') || code.endsWith('`') || (code.startsWith(' ') && code.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}
