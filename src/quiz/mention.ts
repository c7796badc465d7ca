// User mentions as typed in chat (stats, and any feature that takes a user).

/** Slack `<@U123>` / `<@U123|name>`, Discord `<@123>` / `<@!123>`, or a bare id. */
export function parseUserMention(token: string): string | null {
  const mention = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  if (mention) return mention[1]!;
  if (/^[A-Za-z0-9]{2,32}$/.test(token)) return token;
  return null;
}
