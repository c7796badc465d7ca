// "Next question" clicked twice on one practice result (a double click, a platform retry): both
// clicks get the one new question instead of two rounds where the first is replaced unseen.
// Per bot, in this process (clicks of one message reach the process serving that user's session).
import type { Reply } from '../../api.js';
import type { FeatureContext } from '../../feature.js';

const KEPT = 2_000;
const started = new WeakMap<FeatureContext, Map<string, Promise<Reply>>>();

/** The reply `start` gave for the first click on this result's "Next question" (started once). */
export function nextOnce(ctx: FeatureContext, userKey: string, roundId: string, start: () => Promise<Reply>): Promise<Reply> {
  let byClick = started.get(ctx);
  if (!byClick) started.set(ctx, (byClick = new Map()));
  const key = `${userKey}\u0000${roundId}`;
  const known = byClick.get(key);
  if (known) return known;
  const reply = start();
  if (byClick.size >= KEPT) byClick.delete(byClick.keys().next().value as string);
  byClick.set(key, reply);
  reply.catch(() => byClick.delete(key)); // a failed start may be clicked again
  return reply;
}
