// STUDYBOT_SINGLE_COMMAND: one slash command for every deck (`/study apigw quiz 3`), for more decks
// than Slack's 50 commands per app (the manifest's --single-command registers only it).
import type { SlashCommand } from '@slack/bolt';
import type { CommandSpec } from '../../src/quiz/api.js';
import { routeDeckCommand } from './manifest.js';

/**
 * The slash command as if the deck's own command had been used. The first word names the deck;
 * a word that names no served deck is still taken as the deck command, so the core answers with
 * that deck's load failure or "not one of my decks" and the list.
 */
export function routeSingleCommand(specs: Pick<CommandSpec, 'name' | 'deckId'>[], body: SlashCommand): SlashCommand {
  const routed = routeDeckCommand(specs, body.command, body.text ?? '');
  const single = body.command.replace(/^\//, '').toLowerCase();
  if (routed.command !== single || specs.some((s) => s.name === single)) return { ...body, command: `/${routed.command}`, text: routed.text };
  const [first = '', ...rest] = (body.text ?? '').trim().split(/\s+/);
  if (!first) return body;
  return { ...body, command: `/${first.replace(/^\//, '').toLowerCase()}`, text: rest.join(' ') };
}
