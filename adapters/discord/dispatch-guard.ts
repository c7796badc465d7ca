// One bad gateway event must never stop the bot.
//
// discord.js builds its interaction objects from the raw INTERACTION_CREATE packet and reads some
// fields the API documentation lists as optional (or that its own examples leave out) as if they
// were always there: `entitlements.reduce`, `authorizing_integration_owners[…]`, and the channel id
// only from the `channel` object (`channel_id` alone gives `channelId: null`). A throw there
// happens inside @discordjs/ws' message handler, outside any code of ours, and surfaces as an
// unhandled rejection. So:
// 1. `normaliseInteraction` fills in what discord.js needs, from the raw packet (the `raw` event
//    runs synchronously before discord.js handles the packet, on the same object).
// 2. `isolateDispatches` runs discord.js' handling of each dispatch in a try/catch: a packet it
//    cannot handle is logged with its event and interaction id, and the user gets an error answer
//    through the interaction's callback instead of "The application did not respond".

import { Events, InteractionResponseType, InteractionType, MessageFlags, Routes, type Client } from 'discord.js';
import type { Logger } from 'pino';
import { failedEvents } from '../../src/ops/metrics.js';

export const FAILED_TEXT = 'Something went wrong on my side. Please try again in a moment.';

type RawPacket = { t?: string | null; d?: unknown };
type RawInteraction = {
  id?: unknown;
  token?: unknown;
  type?: unknown;
  channel_id?: unknown;
  channel?: unknown;
  entitlements?: unknown;
  authorizing_integration_owners?: unknown;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Fills in, in place, the optional fields of an INTERACTION_CREATE payload that discord.js
 * reads unconditionally. Returns the names of the fields it filled (for a debug log).
 */
export function normaliseInteraction(d: unknown): string[] {
  if (!isObject(d)) return [];
  const raw = d as RawInteraction & Record<string, unknown>;
  const filled: string[] = [];
  if (!Array.isArray(raw.entitlements)) {
    raw.entitlements = [];
    filled.push('entitlements');
  }
  if (!isObject(raw.authorizing_integration_owners)) {
    raw.authorizing_integration_owners = {};
    filled.push('authorizing_integration_owners');
  }
  // `channel` is optional; discord.js only looks it up in its cache (no partials), so an object
  // with just the id gives the interaction its channelId and changes nothing else.
  if (!isObject(raw.channel) && typeof raw.channel_id === 'string' && raw.channel_id) {
    raw.channel = { id: raw.channel_id };
    filled.push('channel');
  }
  return filled;
}

/** The id, token and type of an interaction packet, when it has them. */
function interactionOf(packet: RawPacket): { id: string; token: string; type: number } | null {
  if (packet.t !== 'INTERACTION_CREATE' || !isObject(packet.d)) return null;
  const { id, token, type } = packet.d as RawInteraction;
  return typeof id === 'string' && typeof token === 'string' ? { id, token, type: typeof type === 'number' ? type : 0 } : null;
}

/** Answers an interaction discord.js could not build: an ephemeral error, or no choices for autocomplete. */
async function answerFailed(client: Client, interaction: { id: string; token: string; type: number }): Promise<void> {
  if (interaction.type === InteractionType.Ping) return;
  const body =
    interaction.type === InteractionType.ApplicationCommandAutocomplete
      ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
      : {
          type: InteractionResponseType.ChannelMessageWithSource,
          data: { content: FAILED_TEXT, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
        };
  await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
}

interface PacketHandling {
  handlePacket?: (packet?: RawPacket, shard?: unknown) => boolean;
}

/**
 * Normalises interaction packets and isolates the handling of every gateway dispatch. Returns
 * whether per-dispatch isolation is active (it wraps discord.js' `ws.handlePacket`; should a
 * discord.js update remove it, the process-level unhandled-rejection handler is the safety net).
 */
export function isolateDispatches(client: Client, log: Logger): boolean {
  client.on(Events.Raw, (packet: RawPacket) => {
    if (packet?.t !== 'INTERACTION_CREATE') return;
    try {
      const filled = normaliseInteraction(packet.d);
      if (filled.length) log.debug({ interaction: interactionOf(packet)?.id, filled }, 'discord: optional interaction fields filled in');
    } catch (err) {
      log.warn({ err }, 'discord: could not normalise an interaction payload');
    }
  });

  const ws = client.ws as unknown as PacketHandling;
  const original = ws.handlePacket;
  if (typeof original !== 'function') {
    log.warn('discord: discord.js has no ws.handlePacket; gateway events are not isolated one by one');
    return false;
  }
  ws.handlePacket = function isolatedHandlePacket(packet, shard) {
    try {
      return original.call(this, packet, shard);
    } catch (err) {
      const interaction = packet ? interactionOf(packet) : null;
      failedEvents.inc({ source: 'discord-dispatch' });
      log.error({ err, event: packet?.t, interaction: interaction?.id }, 'discord: a gateway event could not be handled; skipped');
      if (interaction) {
        answerFailed(client, interaction).catch((e: unknown) =>
          log.warn({ err: e, interaction: interaction.id }, 'discord: could not answer an interaction that failed'),
        );
      }
      return true;
    }
  };
  return true;
}
