// Opaque message references the core stores: `slack:<team>:<channel>:<ts>`. Encoded and decoded
// only here, so the core never learns what a Slack ts is.

import { StudybotError } from '../../src/errors.js';

export interface SlackMessageLocation {
  team: string;
  channel: string;
  ts: string;
}

export function encodeMessageRef(loc: SlackMessageLocation): string {
  return `slack:${loc.team}:${loc.channel}:${loc.ts}`;
}

export function decodeMessageRef(ref: string): SlackMessageLocation {
  const parts = ref.split(':');
  const [platform, team, channel, ts] = parts;
  if (parts.length !== 4 || platform !== 'slack' || !team || !channel || !ts || !/^\d+\.\d+$/.test(ts)) {
    throw new StudybotError('platform:failed', `not a Slack message reference: ${JSON.stringify(ref)}`);
  }
  return { team, channel, ts };
}
