// `readiness [@user|channel|me]`: who the readiness is for. Only a mention, or a bare id of a user
// the bot knows (checked in run, which has the store), is another user; `me` is the caller; a word
// close to `channel` gets a "did you mean".
import { editDistance } from '../../../edit-distance.js';
import type { InvalidCommand } from '../../feature.js';
import { typedRef } from '../../deck-match.js';

export const READINESS_USAGE = 'readiness [@user|channel]';

export type ReadinessCommand = { type: 'readiness'; channel?: boolean; target?: string; mention?: boolean };

const MENTION = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/;
/** Platform user ids: Slack `U0123ABC`, Discord snowflakes, console names. Anything else is no user. */
const BARE_ID = /^[A-Za-z0-9]{2,32}$/;

export function parseReadinessArgs(rest: string, tokens: string[]): ReadinessCommand | InvalidCommand {
  if (!rest || /^me$/i.test(rest)) return { type: 'readiness' };
  if (/^channel$/i.test(rest)) return { type: 'readiness', channel: true };
  if (tokens.length === 1) {
    const word = tokens[0]!.replace(/^@(?=<)/, '');
    const mention = MENTION.exec(word);
    if (mention) return { type: 'readiness', target: mention[1]!, mention: true };
    if (editDistance(word.toLowerCase(), 'channel') <= 2) return notAUser(word, true);
    if (BARE_ID.test(word.replace(/^@/, ''))) return { type: 'readiness', target: word.replace(/^@/, '') };
  }
  return notAUser(rest, false);
}

/** The reply to a word that names no user: the usage, and "did you mean" when it looks like `channel`. */
export function notAUser(word: string, nearChannel: boolean): InvalidCommand {
  const base = `readiness takes nothing (you), me, a user (mention) or "channel"; ${typedRef(word)} is none of them.`;
  return { type: 'invalid', message: nearChannel ? `${base} Did you mean readiness channel?` : base, usage: READINESS_USAGE };
}
