// Inline code in markdown syntax: the shortest backtick fence the code does not contain.

/** `code` as one markdown code span; blank code stays as it is (a span needs something to show). */
export function codeSpan(code: string): string {
  if (!code.trim()) return code;
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') || (code.startsWith(' ') && code.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}
